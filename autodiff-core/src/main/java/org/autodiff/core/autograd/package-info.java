/**
 * The reverse-mode traversal, written once for the scalar and the tensor engine
 * ({@link org.autodiff.core.autograd.GraphWalker} over {@link org.autodiff.core.autograd.GraphNode}),
 * what a traced pass records ({@link org.autodiff.core.autograd.AdjointTrace} node by node in
 * reverse mode, {@link org.autodiff.core.autograd.TangentTrace} op by op in forward mode), and the
 * Graphviz export of a graph or a trace ({@link org.autodiff.core.autograd.GraphExport}).
 */
package org.autodiff.core.autograd;

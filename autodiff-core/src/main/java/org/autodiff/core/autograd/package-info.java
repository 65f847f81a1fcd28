/**
 * The reverse-mode traversal, written once for the scalar and the tensor engine
 * ({@link org.autodiff.core.autograd.GraphWalker} over {@link org.autodiff.core.autograd.GraphNode}),
 * and the Graphviz export of a tensor's graph ({@link org.autodiff.core.autograd.GraphExport}).
 */
package org.autodiff.core.autograd;

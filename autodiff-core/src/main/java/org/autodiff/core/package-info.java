/**
 * The tensor engine: {@link org.autodiff.core.Tensor} (values, shapes, dtypes and the op methods),
 * {@link org.autodiff.core.Primitive} (the contract every differentiable op fulfils: value, VJP
 * and JVP in one class), reverse mode ({@link org.autodiff.core.Autograd}, the graph nodes) and
 * {@link org.autodiff.core.GradMode}.
 *
 * <p>Reading order for a newcomer: {@code Tensor} → {@code Primitive} → {@code OpNode} (where a
 * recorded op's VJP runs and broadcasting is undone) → {@code Autograd} → the ops in
 * {@link org.autodiff.core.ops} → the walker in {@link org.autodiff.core.autograd}.
 */
package org.autodiff.core;

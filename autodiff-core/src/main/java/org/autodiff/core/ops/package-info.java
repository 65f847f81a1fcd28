/**
 * The op catalogue. Primitives state value, VJP and JVP side by side: the elementwise table
 * ({@link org.autodiff.core.ops.Elementwise}), the broadcasting binary ops and {@code where}
 * ({@link org.autodiff.core.ops.Arithmetic}), reductions and the fused softmax family
 * ({@link org.autodiff.core.ops.Reductions}), matrix products ({@link org.autodiff.core.ops.MatrixProducts})
 * data movement by index maps ({@link org.autodiff.core.ops.Movement}), layer norm's
 * normalisation ({@link org.autodiff.core.ops.Normalization}) and im2col and col2im
 * ({@link org.autodiff.core.ops.Convolution}). Everything else — activations, masks
 * ({@link org.autodiff.core.ops.Masking}), convolution and pooling, var, logSumExp — is composed
 * from them and has no rules of its own. Comparisons and logical ops
 * ({@link org.autodiff.core.ops.Comparisons}) give bool constants outside the graph.
 * {@code Kernels} is the only class that talks to the kernels, and the one place for PyTorch's
 * dtype rules beyond promotion (true division of integers is float32, bool sums count in int64,
 * ops integers do not support are rejected by name).
 */
package org.autodiff.core.ops;

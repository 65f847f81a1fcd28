/**
 * The op catalogue. Primitives state value, VJP and JVP side by side: the elementwise table
 * ({@link org.autodiff.core.ops.Elementwise}), the broadcasting binary ops and {@code where}
 * ({@link org.autodiff.core.ops.Arithmetic}), reductions and the fused softmax family
 * ({@link org.autodiff.core.ops.Reductions}), matrix products ({@link org.autodiff.core.ops.MatrixProducts})
 * and data movement by index maps ({@link org.autodiff.core.ops.Movement}). Everything else —
 * activations, convolution and pooling, var, logSumExp — is composed from them and has no rules
 * of its own. {@code Kernels} is the only class that talks to the backend.
 */
package org.autodiff.core.ops;

/**
 * The kernels under the tensor ops: the {@link org.autodiff.core.backend.Backend} interface over
 * {@code double[]} and {@code float[]} (comparisons write, and {@code where} reads, a
 * {@code boolean[]}), the default pure-Java implementation
 * ({@link org.autodiff.core.backend.JavaBackend} with its blocked GEMMs) and the choice of
 * backend at run time ({@link org.autodiff.core.backend.Backends}). Besides the ops' kernels the
 * interface has the optimizers' fused updates ({@code addScaled}, {@code adam} with
 * {@link org.autodiff.core.backend.AdamStep}, {@code sgd} with
 * {@link org.autodiff.core.backend.SgdStep}), each one pass over a parameter's elements.
 *
 * <p>int64 and bool tensors are stored as {@code long[]} and {@code boolean[]}. They are indices
 * and masks, so rather than a third and fourth copy of every floating point kernel they get the
 * few exact kernels those uses need, once, in {@link org.autodiff.core.backend.IntegerKernels},
 * and the conversions between all four storage types, with PyTorch's casting rules, in
 * {@link org.autodiff.core.backend.Conversions}.
 */
package org.autodiff.core.backend;

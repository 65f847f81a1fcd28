/**
 * The kernels under the tensor ops: the {@link org.autodiff.core.backend.Backend} interface over
 * {@code double[]} and {@code float[]}, the default pure-Java implementation
 * ({@link org.autodiff.core.backend.JavaBackend} with its blocked GEMMs) and the choice of
 * backend at run time ({@link org.autodiff.core.backend.Backends}).
 */
package org.autodiff.core.backend;

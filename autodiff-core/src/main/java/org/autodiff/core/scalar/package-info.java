/**
 * The scalar engine: one function written against {@link org.autodiff.core.scalar.Num} runs in
 * reverse mode ({@link org.autodiff.core.scalar.Scalar}), forward mode
 * ({@link org.autodiff.core.scalar.Dual}) or plain arithmetic ({@link org.autodiff.core.scalar.Real});
 * {@link org.autodiff.core.scalar.Derivatives} differentiates it either way.
 */
package org.autodiff.core.scalar;

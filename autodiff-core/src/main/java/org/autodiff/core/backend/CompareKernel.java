package org.autodiff.core.backend;

/**
 * Elementwise comparisons of two arguments that a {@link Backend} computes with broadcasting,
 * into a {@code boolean[]}: {@code a == b}, {@code a != b}, {@code a < b}, and so on. As in IEEE
 * arithmetic and PyTorch, every comparison with NaN is false except NE.
 */
public enum CompareKernel {
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}. */
    NE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE
}

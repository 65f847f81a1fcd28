package org.autodiff.core.backend;

/**
 * Elementwise arithmetic of two arguments that a {@link Backend} computes with broadcasting.
 * Comparisons, whose results are bool, are {@link CompareKernel}s.
 */
public enum BinaryKernel {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code a} to the power {@code b}. */
    POW,
    /** The larger of {@code a} and {@code b}, NaN if either is NaN. */
    MAXIMUM,
    /** The smaller of {@code a} and {@code b}, NaN if either is NaN. */
    MINIMUM,
    /**
     * Relu's backward: the gradient {@code a} where relu's output {@code b} is not ≤ 0, else 0
     * (PyTorch's {@code threshold_backward(a, b, 0)}: a NaN output passes the gradient on).
     */
    RELU_BACKWARD
}

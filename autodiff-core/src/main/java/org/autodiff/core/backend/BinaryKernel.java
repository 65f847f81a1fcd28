package org.autodiff.core.backend;

/**
 * Elementwise arithmetic of two arguments that a {@link Backend} computes with broadcasting.
 * Comparisons, whose results are bool, are {@link CompareKernel}s.
 */
public enum BinaryKernel {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM
}

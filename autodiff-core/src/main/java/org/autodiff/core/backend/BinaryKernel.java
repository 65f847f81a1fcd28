package org.autodiff.core.backend;

/**
 * Elementwise functions of two arguments that a {@link Backend} computes with broadcasting.
 * Comparisons yield 1 where they hold and 0 elsewhere.
 */
public enum BinaryKernel {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, EQ, NE, LT, LE, GT, GE
}

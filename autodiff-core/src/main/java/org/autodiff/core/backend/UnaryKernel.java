package org.autodiff.core.backend;

/** Elementwise functions of one argument that a {@link Backend} computes. */
public enum UnaryKernel {
    NEG, EXP, EXPM1, LOG, LOG1P, SQRT, ABS, SIN, COS, TANH, SIGMOID, RELU, SIGN, SOFTPLUS, ERF, SILU, GELU_TANH
}

package org.autodiff.core.backend;

/** Elementwise functions of one argument that a {@link Backend} computes. */
public enum UnaryKernel {
    /** −x. */
    NEG,
    /** e^x. */
    EXP,
    /** e^x − 1, accurate near 0. */
    EXPM1,
    /** The natural logarithm. */
    LOG,
    /** log(1 + x), accurate near 0. */
    LOG1P,
    /** The square root. */
    SQRT,
    /** |x|. */
    ABS,
    /** The sine. */
    SIN,
    /** The cosine. */
    COS,
    /** The hyperbolic tangent. */
    TANH,
    /** 1 / (1 + e^−x). */
    SIGMOID,
    /** max(x, 0), NaN for NaN. */
    RELU,
    /** −1, 0 or 1 (NaN for NaN). */
    SIGN,
    /** log(1 + e^x), and x itself above 20. */
    SOFTPLUS,
    /** The error function. */
    ERF,
    /** x·σ(x). */
    SILU,
    /** GELU's tanh approximation, ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
    GELU_TANH,
    /** GELU, x·Φ(x) = ½x(1 + erf(x/√2)). */
    GELU,
    /** GELU's derivative, Φ(x) + x·φ(x), with φ the standard normal density. */
    GELU_DERIVATIVE
}

package org.autodiff.core.ops;

import org.autodiff.core.Tensor;

/** Small pieces the derivative rules share. */
final class Rules {
    private Rules() {
    }

    /** x + y where a null tangent means zero. */
    static Tensor plus(Tensor x, Tensor y) {
        return x == null ? y : y == null ? x : x.add(y);
    }

    /** A 0-d constant of x's dtype. */
    static Tensor constant(Tensor like, double value) {
        return Tensor.full(like.dtype(), value);
    }

    /** Zeros shaped like x when a tangent is missing. */
    static Tensor orZeros(Tensor tangent, Tensor like) {
        return tangent != null ? tangent : Tensor.zerosLike(like);
    }
}

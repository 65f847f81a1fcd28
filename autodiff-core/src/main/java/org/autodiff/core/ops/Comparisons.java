package org.autodiff.core.ops;

import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.UnaryKernel;

/**
 * Comparisons and sign: piecewise-constant functions whose derivative is zero wherever it
 * exists. Comparisons return constants outside the graph (1 where a comparison holds, 0
 * elsewhere, in the inputs' promoted dtype), usable as masks in derivative rules, as PyTorch's
 * boolean results take no part in autograd. {@code sign} is differentiable with a zero
 * gradient, as PyTorch's {@code SignBackward}.
 */
public final class Comparisons {
    private Comparisons() {
    }

    public static Tensor eq(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.EQ, a, b, "eq"); }
    public static Tensor ne(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.NE, a, b, "ne"); }
    public static Tensor lt(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.LT, a, b, "lt"); }
    public static Tensor le(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.LE, a, b, "le"); }
    public static Tensor gt(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.GT, a, b, "gt"); }
    public static Tensor ge(Tensor a, Tensor b) { return Kernels.binary(BinaryKernel.GE, a, b, "ge"); }

    /** −1, 0 or 1 (NaN stays NaN). */
    public static Tensor sign(Tensor x) {
        return new Sign().apply(x);
    }

    /**
     * y = sign(x);  x̄ = 0;  ẏ = 0. Zeros rather than ḡ·0, as PyTorch's {@code zeros_like(grad)}:
     * a NaN or infinite gradient arriving here does not leak into x̄.
     */
    static final class Sign extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return Kernels.unary(UnaryKernel.SIGN, x[0]); }
        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {Tensor.zerosLike(input(0))}; }
        @Override protected Tensor jvp(Tensor[] t)    { return Tensor.zerosLike(output()); }
    }
}

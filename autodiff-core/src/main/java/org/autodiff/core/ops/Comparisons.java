package org.autodiff.core.ops;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.CompareKernel;
import org.autodiff.core.backend.UnaryKernel;

/**
 * Comparisons, logical ops and sign: piecewise-constant functions whose derivative is zero
 * wherever it exists, so their results are constants outside the graph. Comparisons and logical
 * ops give bool tensors, as in PyTorch, usable as masks in {@code where} and derivative rules;
 * multiplied with a floating point tensor, a mask converts to 1 and 0. {@code sign} is
 * differentiable with a zero gradient, as PyTorch's {@code SignBackward}.
 */
public final class Comparisons {
    private Comparisons() {
    }

    /** {@return a bool tensor, true where {@code a == b}}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor eq(Tensor a, Tensor b) { return compare(CompareKernel.EQ, a, b, "eq"); }
    /** {@return a bool tensor, true where {@code a != b}}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor ne(Tensor a, Tensor b) { return compare(CompareKernel.NE, a, b, "ne"); }
    /** {@return a bool tensor, true where {@code a < b}}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor lt(Tensor a, Tensor b) { return compare(CompareKernel.LT, a, b, "lt"); }
    /** {@return a bool tensor, true where {@code a <= b}}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor le(Tensor a, Tensor b) { return compare(CompareKernel.LE, a, b, "le"); }
    /** {@return a bool tensor, true where {@code a > b}}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor gt(Tensor a, Tensor b) { return compare(CompareKernel.GT, a, b, "gt"); }
    /** {@return a bool tensor, true where {@code a >= b}}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor ge(Tensor a, Tensor b) { return compare(CompareKernel.GE, a, b, "ge"); }

    // Logical ops read any dtype as bool (non-zero is true, NaN included), then combine: bool
    // multiplication is "and", bool addition "or".
    /** {@return a bool tensor, true where x is 0}
     *  @param x the operand, of any dtype */
    public static Tensor logicalNot(Tensor x) {
        Objects.requireNonNull(x, "logicalNot: x is null");
        return eq(truth(x), Tensor.full(DType.BOOL, 0));
    }

    /** {@return a bool tensor, true where both are non-zero}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor logicalAnd(Tensor a, Tensor b) {
        requireOperands("logicalAnd", a, b);
        return Kernels.binary(BinaryKernel.MUL, truth(a), truth(b), "logicalAnd");
    }

    /** {@return a bool tensor, true where either is non-zero}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor logicalOr(Tensor a, Tensor b) {
        requireOperands("logicalOr", a, b);
        return Kernels.binary(BinaryKernel.ADD, truth(a), truth(b), "logicalOr");
    }

    /** {@return a bool tensor, true where exactly one is non-zero}
     *  @param a the left operand
     *  @param b the right operand, broadcast with a */
    public static Tensor logicalXor(Tensor a, Tensor b) {
        requireOperands("logicalXor", a, b);
        return Kernels.compare(CompareKernel.NE, truth(a), truth(b), "logicalXor");
    }

    private static Tensor compare(CompareKernel kernel, Tensor a, Tensor b, String op) {
        requireOperands(op, a, b);
        return Kernels.compare(kernel, a, b, op);
    }

    /** Both operands checked before either is read, so a null one is named by its parameter. */
    private static void requireOperands(String op, Tensor a, Tensor b) {
        Objects.requireNonNull(a, op + ": a is null");
        Objects.requireNonNull(b, op + ": b is null");
    }

    private static Tensor truth(Tensor x) {
        return Kernels.cast(x, DType.BOOL);
    }

    /**
     * −1, 0 or 1 (NaN stays NaN); int64 stays int64 and bool stays bool, as in PyTorch.
     *
     * @param x the operand
     * @return the signs, of x's dtype
     */
    public static Tensor sign(Tensor x) {
        Objects.requireNonNull(x, "sign: x is null");
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

package org.autodiff.core.ops;

import static org.autodiff.core.ops.Rules.constant;
import static org.autodiff.core.ops.Rules.orZeros;
import static org.autodiff.core.ops.Rules.plus;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.BinaryKernel;

/**
 * The broadcasting binary primitives and {@code where}. Each class states the value, the VJP
 * for each input and the JVP together. The VJPs return gradients in the broadcast shape; the
 * engine sums them back to each input's shape.
 */
public final class Arithmetic {
    private Arithmetic() {
    }

    /**
     * {@code a + b}, broadcast, in the promoted dtype.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the sum
     */
    public static Tensor add(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "add: a is null");
        Objects.requireNonNull(b, "add: b is null");
        return new Add().apply(a, b);
    }

    /**
     * {@code a - b}, broadcast, in the promoted dtype.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the difference
     */
    public static Tensor sub(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "sub: a is null");
        Objects.requireNonNull(b, "sub: b is null");
        return new Sub().apply(a, b);
    }

    /**
     * {@code a * b} elementwise, broadcast, in the promoted dtype.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the product
     */
    public static Tensor mul(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "mul: a is null");
        Objects.requireNonNull(b, "mul: b is null");
        return new Mul().apply(a, b);
    }

    /**
     * {@code a / b} elementwise, broadcast; true division, so integer operands give float32.
     *
     * @param a the dividend
     * @param b the divisor
     * @return the quotient
     */
    public static Tensor div(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "div: a is null");
        Objects.requireNonNull(b, "div: b is null");
        return new Div().apply(a, b);
    }

    /**
     * {@code a ^ b} elementwise, broadcast (floating point operands only).
     *
     * @param a the base
     * @param b the exponent
     * @return the power
     */
    public static Tensor pow(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "pow: a is null");
        Objects.requireNonNull(b, "pow: b is null");
        return new Pow().apply(a, b);
    }

    /**
     * {@code condition ? a : b} elementwise, all three broadcast; the gradient flows to the chosen side.
     *
     * @param condition a bool tensor
     * @param a the values taken where the condition holds
     * @param b the values taken elsewhere
     * @return the selected values
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        Objects.requireNonNull(condition, "where: condition is null");
        Objects.requireNonNull(a, "where: a is null");
        Objects.requireNonNull(b, "where: b is null");
        return new Where().apply(condition, a, b);
    }

    /** y = a + b;  ā = ḡ, b̄ = ḡ;  ẏ = ȧ + ḃ. */
    static final class Add extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return Kernels.binary(BinaryKernel.ADD, x[0], x[1], "add"); }
        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {g, g}; }
        @Override protected Tensor jvp(Tensor[] t)    { return plus(t[0], t[1]); }
    }

    /** y = a − b;  ā = ḡ, b̄ = −ḡ;  ẏ = ȧ − ḃ. */
    static final class Sub extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return Kernels.binary(BinaryKernel.SUB, x[0], x[1], "sub"); }
        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {g, g.neg()}; }
        @Override protected Tensor jvp(Tensor[] t)    { return plus(t[0], t[1] == null ? null : t[1].neg()); }
    }

    /** y = a·b;  ā = ḡ·b, b̄ = ḡ·a;  ẏ = ȧ·b + a·ḃ. */
    static final class Mul extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return Kernels.binary(BinaryKernel.MUL, x[0], x[1], "mul"); }

        @Override
        protected Tensor[] vjp(Tensor g) {
            Tensor a = input(0), b = input(1);
            return new Tensor[] {a.requiresGrad() ? g.mul(b) : null, b.requiresGrad() ? g.mul(a) : null};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return plus(t[0] == null ? null : t[0].mul(input(1)), t[1] == null ? null : input(0).mul(t[1]));
        }
    }

    /** y = a/b;  ā = ḡ/b, b̄ = −ḡ·y/b;  ẏ = ȧ/b − ḃ·y/b. */
    static final class Div extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return Kernels.binary(BinaryKernel.DIV, x[0], x[1], "div"); }

        @Override
        protected Tensor[] vjp(Tensor g) {
            Tensor a = input(0), b = input(1);
            return new Tensor[] {a.requiresGrad() ? g.div(b) : null,
                    b.requiresGrad() ? g.mul(output()).div(b).neg() : null};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            Tensor b = input(1);
            return plus(t[0] == null ? null : t[0].div(b), t[1] == null ? null : t[1].mul(output()).div(b).neg());
        }
    }

    /**
     * y = aᵇ;  ∂y/∂a = b·aᵇ⁻¹ (0 where a = b = 0),  ∂y/∂b = y·ln a (0 where a = 0 and b ≥ 0), so
     * that 0⁰ and 0ᵇ have the finite derivatives PyTorch gives them. The first mask is narrower
     * than PyTorch's (b = 0 for any a): its values agree, but masking only at a = 0 keeps
     * ∂²y/∂a∂b = 1/a at b = 0 for a ≠ 0, which PyTorch's mask sets to 0.
     */
    static final class Pow extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return Kernels.binary(BinaryKernel.POW, x[0], x[1], "pow"); }

        private Tensor dBase() {
            Tensor a = input(0), b = input(1);
            return Tensor.where(b.eq(0).mul(a.eq(0)), constant(a, 0), b.mul(a.pow(b.sub(1))));
        }

        private Tensor dExponent() {
            Tensor a = input(0), b = input(1);
            return Tensor.where(a.eq(0).mul(b.ge(constant(b, 0))), constant(a, 0), output().mul(a.log()));
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {input(0).requiresGrad() ? g.mul(dBase()) : null,
                    input(1).requiresGrad() ? g.mul(dExponent()) : null};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return plus(t[0] == null ? null : t[0].mul(dBase()), t[1] == null ? null : t[1].mul(dExponent()));
        }
    }

    /** y = c ? a : b;  ā = c ? ḡ : 0, b̄ = c ? 0 : ḡ;  ẏ = c ? ȧ : ḃ. The condition gets no gradient. */
    static final class Where extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return Kernels.where(x[0], x[1], x[2]); }

        @Override
        protected Tensor[] vjp(Tensor g) {
            Tensor c = input(0), zero = constant(g, 0);
            return new Tensor[] {null, Tensor.where(c, g, zero), Tensor.where(c, zero, g)};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return Tensor.where(input(0), orZeros(t[1], input(1)), orZeros(t[2], input(2)));
        }
    }

    // ---- in-place updates behind Tensor.addInPlace and friends (values only, no graph)

    /**
     * {@code target += alpha · other} in place, values only (no graph).
     *
     * @param target the tensor to update
     * @param other the addend, broadcast to target's shape
     * @param alpha the factor on {@code other}
     */
    public static void addInPlace(Tensor target, Tensor other, double alpha) {
        Objects.requireNonNull(target, "addInPlace: target is null");
        Objects.requireNonNull(other, "addInPlace: other is null");
        requireStorable("addInPlace", target, DType.resultType(target, other), alpha, "other " + other.dtype()
                + " (shape " + other.shape() + ") times alpha " + alpha);
        // One fused pass (the optimizers' updates) where the dtypes and shapes already agree.
        if (alpha != 1 && Kernels.addScaledInPlace(target, other, alpha)) {
            return;
        }
        // Scaled in the target's dtype: a constant in other's dtype would truncate alpha when other is integral.
        Tensor o = Kernels.cast(other, target.dtype());
        Tensor scaled = alpha == 1 ? o : Kernels.binary(BinaryKernel.MUL, o, constant(o, alpha), "addInPlace");
        Kernels.binaryInPlace(BinaryKernel.ADD, target, scaled, "addInPlace");
    }

    /**
     * PyTorch's rule for an in-place result: it must be storable in the target's dtype without
     * changing kind (a float result cannot go into an int64 or bool tensor, an int64 one into a
     * bool tensor). A whole-valued scalar counts as an integer, as a Python int would, a
     * fractional one as a float.
     */
    private static void requireStorable(String op, Tensor target, DType operand, double scalar, String what) {
        int kind = Math.max(kind(operand), scalar == Math.rint(scalar) ? kind(DType.INT64) : kind(DType.FLOAT64));
        if (kind > kind(target.dtype())) {
            throw new IllegalArgumentException(op + ": the result of " + what + " cannot be stored in place in a "
                    + target.dtype() + " tensor (shape " + target.shape() + "); convert the target with to() first");
        }
    }

    /** 0 for bool, 1 for int64, 2 for floating point: an in-place result may not rise in kind. */
    private static int kind(DType dtype) {
        return dtype == DType.BOOL ? 0 : dtype == DType.INT64 ? 1 : 2;
    }

    /**
     * {@code target *= factor} in place, values only (no graph).
     *
     * @param target the tensor to update
     * @param factor the multiplier
     */
    public static void mulInPlace(Tensor target, double factor) {
        Objects.requireNonNull(target, "mulInPlace: target is null");
        requireStorable("mulInPlace", target, target.dtype(), factor, "multiplying by " + factor);
        Kernels.binaryInPlace(BinaryKernel.MUL, target, constant(target, factor), "mulInPlace");
    }

    /**
     * Copies {@code source}, broadcast to target's shape and converted to its dtype, into
     * {@code target}, values only (no graph). The copy is exact whatever target held before
     * (an infinity or NaN there does not leak into the result).
     *
     * @param target the tensor to overwrite
     * @param source the values to copy
     */
    public static void copyInto(Tensor target, Tensor source) {
        Objects.requireNonNull(target, "copyInto: target is null");
        Objects.requireNonNull(source, "copyInto: source is null");
        Kernels.copyInPlace(target, source, "copyFrom");
    }
}

package org.autodiff.core.ops;

import static org.autodiff.core.ops.Rules.constant;
import static org.autodiff.core.ops.Rules.orZeros;
import static org.autodiff.core.ops.Rules.plus;

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

    public static Tensor add(Tensor a, Tensor b) {
        return new Add().apply(a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return new Sub().apply(a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return new Mul().apply(a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return new Div().apply(a, b);
    }

    public static Tensor pow(Tensor a, Tensor b) {
        return new Pow().apply(a, b);
    }

    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
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

    public static void addInPlace(Tensor target, Tensor other, double alpha) {
        if (alpha != 1 && Kernels.addScaledInPlace(target, other, alpha)) {
            return;
        }
        Tensor scaled = alpha == 1 ? other : Kernels.binary(BinaryKernel.MUL, other, constant(other, alpha), "addInPlace");
        Kernels.binaryInPlace(BinaryKernel.ADD, target, scaled, "addInPlace");
    }

    public static void mulInPlace(Tensor target, double factor) {
        Kernels.binaryInPlace(BinaryKernel.MUL, target, constant(target, factor), "mulInPlace");
    }

    public static void copyInto(Tensor target, Tensor source) {
        Kernels.binaryInPlace(BinaryKernel.MUL, target, constant(target, 0), "copyFrom");
        Kernels.binaryInPlace(BinaryKernel.ADD, target, source, "copyFrom");
    }
}

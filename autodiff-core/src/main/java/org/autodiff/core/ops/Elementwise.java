package org.autodiff.core.ops;

import static org.autodiff.core.backend.UnaryKernel.ABS;
import static org.autodiff.core.backend.UnaryKernel.COS;
import static org.autodiff.core.backend.UnaryKernel.ERF;
import static org.autodiff.core.backend.UnaryKernel.EXP;
import static org.autodiff.core.backend.UnaryKernel.EXPM1;
import static org.autodiff.core.backend.UnaryKernel.GELU;
import static org.autodiff.core.backend.UnaryKernel.GELU_DERIVATIVE;
import static org.autodiff.core.backend.UnaryKernel.GELU_TANH;
import static org.autodiff.core.backend.UnaryKernel.LOG;
import static org.autodiff.core.backend.UnaryKernel.LOG1P;
import static org.autodiff.core.backend.UnaryKernel.NEG;
import static org.autodiff.core.backend.UnaryKernel.RELU;
import static org.autodiff.core.backend.UnaryKernel.SIGMOID;
import static org.autodiff.core.backend.UnaryKernel.SILU;
import static org.autodiff.core.backend.UnaryKernel.SIN;
import static org.autodiff.core.backend.UnaryKernel.SOFTPLUS;
import static org.autodiff.core.backend.UnaryKernel.SQRT;
import static org.autodiff.core.backend.UnaryKernel.TANH;

import java.util.Objects;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.Scalars;
import org.autodiff.core.backend.UnaryKernel;

/**
 * The elementwise primitives of one tensor, as a table: each row names the op, the kernel that
 * computes its value y = f(x), and its derivative dy/dx written with tensor ops from x and y.
 * Their Jacobian is diagonal, so both rules follow from the derivative: VJP ḡ·f'(x), JVP ẋ·f'(x).
 * Relu's row gives that product itself, as one kernel ({@link #reluBackward}), as PyTorch does.
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** ḡ·f'(x) (or ẋ·f'(x)) of an elementwise function, from the incoming g and its input x and output y. */
    private interface Chain {
        Tensor times(Tensor g, Tensor x, Tensor y);
    }

    /** dy/dx of an elementwise function, from its input x and its output y; the chain rule multiplies by it. */
    private interface Derivative extends Chain {
        Tensor at(Tensor x, Tensor y);

        @Override
        default Tensor times(Tensor g, Tensor x, Tensor y) {
            return g.mul(at(x, y));
        }
    }

    //                                                 name        value     dy/dx
    /** {@return −x of each element}
     *  @param x the operand */
    public static Tensor neg(Tensor x)      { return apply("neg",      NEG,      (u, y) -> Rules.constant(u, -1), x); }
    /** {@return e^x of each element}
     *  @param x the operand */
    public static Tensor exp(Tensor x)      { return apply("exp",      EXP,      (u, y) -> y, x); }
    /** {@return e^x − 1 of each element, accurate near 0}
     *  @param x the operand */
    public static Tensor expm1(Tensor x)    { return apply("expm1",    EXPM1,    (u, y) -> y.add(1), x); }
    /** {@return the natural logarithm of each element}
     *  @param x the operand */
    public static Tensor log(Tensor x)      { return apply("log",      LOG,      (u, y) -> u.reciprocal(), x); }
    /** {@return log(1 + x) of each element, accurate near 0}
     *  @param x the operand */
    public static Tensor log1p(Tensor x)    { return apply("log1p",    LOG1P,    (u, y) -> u.add(1).reciprocal(), x); }
    /** {@return the square root of each element}
     *  @param x the operand */
    public static Tensor sqrt(Tensor x)     { return apply("sqrt",     SQRT,     (u, y) -> y.mul(2).reciprocal(), x); }
    /** {@return |x| of each element; its subgradient at 0 is 0}
     *  @param x the operand */
    public static Tensor abs(Tensor x)      { return apply("abs",      ABS,      (u, y) -> u.sign(), x); }
    /** {@return the sine of each element}
     *  @param x the operand */
    public static Tensor sin(Tensor x)      { return apply("sin",      SIN,      (u, y) -> u.cos(), x); }
    /** {@return the cosine of each element}
     *  @param x the operand */
    public static Tensor cos(Tensor x)      { return apply("cos",      COS,      (u, y) -> u.sin().neg(), x); }
    /** {@return the hyperbolic tangent of each element}
     *  @param x the operand */
    public static Tensor tanh(Tensor x)     { return apply("tanh",     TANH,     (u, y) -> y.square().rsub(1), x); }
    /** {@return 1 / (1 + e^−x) of each element}
     *  @param x the operand */
    public static Tensor sigmoid(Tensor x)  { return apply("sigmoid",  SIGMOID,  (u, y) -> y.mul(y.rsub(1)), x); }
    /** {@return max(x, 0) of each element; relu'(0) = 0}
     *  @param x the operand */
    public static Tensor relu(Tensor x)     { return apply("relu",     RELU,     (g, u, y) -> reluBackward(g, y), x); }
    /** {@return log(1 + e^x) of each element (x itself above the threshold 20)}
     *  @param x the operand */
    public static Tensor softplus(Tensor x) { return apply("softplus", SOFTPLUS, (u, y) -> Tensor.where(u.gt(Scalars.SOFTPLUS_THRESHOLD), Rules.constant(u, 1), u.sigmoid()), x); }
    /** {@return the error function of each element}
     *  @param x the operand */
    public static Tensor erf(Tensor x)      { return apply("erf",      ERF,      (u, y) -> u.square().neg().exp().mul(2 / Math.sqrt(Math.PI)), x); }
    /** {@return x·σ(x) of each element (SiLU)}
     *  @param x the operand */
    public static Tensor silu(Tensor x)     { return apply("silu",     SILU,     (u, y) -> u.sigmoid().mul(y.rsub(1)).add(y), x); }
    /** {@return the tanh approximation of GELU of each element}
     *  @param x the operand */
    public static Tensor geluTanh(Tensor x) { return apply("geluTanh", GELU_TANH, Elementwise::geluTanhDerivative, x); }
    /** {@return GELU of each element, x·Φ(x): one kernel each way, as PyTorch's gelu and gelu_backward}
     *  @param x the operand */
    public static Tensor gelu(Tensor x)     { return apply("gelu",     GELU,     (u, y) -> geluDerivative(u), x); }
    /* GELU's derivative Φ(x) + x·φ(x) as a row of its own, whose derivative φ(x)(2 − x²) keeps grad-of-grad working. */
    private static Tensor geluDerivative(Tensor x) {
        return apply("geluDerivative", GELU_DERIVATIVE, (u, y) -> u.square().mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI))
                .mul(u.square().rsub(2)), x);
    }

    /**
     * silu' = σ(x) + x·σ(x)(1 − σ(x)) = σ(x)(1 − y) + y, with y = x·σ(x).
     * geluTanh' = ½(1 + t) + ½x(1 − t²)·c(1 + 3a·x²), with t = tanh(c(x + a·x³)): a row's own
     * formula, kept beside the table because it does not fit on one line.
     */
    private static Tensor geluTanhDerivative(Tensor u, Tensor y) {
        double c = Scalars.GELU_TANH_SCALE, a = Scalars.GELU_TANH_CUBIC;
        Tensor t = u.pow(3).mul(a).add(u).mul(c).tanh();
        Tensor inner = u.square().mul(3 * a).add(1).mul(c);
        return t.add(1).mul(0.5).add(u.mul(t.square().rsub(1)).mul(inner).mul(0.5));
    }

    /**
     * The rows PyTorch computes for floating point tensors only ("not implemented for 'Long'"),
     * where exp, tanh and the like take an integer tensor and compute in float32.
     */
    private static final java.util.Set<UnaryKernel> FLOATING_ONLY = java.util.EnumSet.of(SOFTPLUS, SILU, GELU_TANH,
            GELU, GELU_DERIVATIVE);

    private static Tensor apply(String name, UnaryKernel kernel, Derivative derivative, Tensor x) {
        return apply(name, kernel, (Chain) derivative, x);
    }

    private static Tensor apply(String name, UnaryKernel kernel, Chain chain, Tensor x) {
        // Every row's parameter is x: checked here, before the row's kernel reads it.
        Objects.requireNonNull(x, name + ": x is null");
        if (FLOATING_ONLY.contains(kernel)) {
            Kernels.requireFloatingPoint(x, name);
        }
        return new Unary(name, kernel, chain).apply(x);
    }

    /** One application of a row of the table. */
    private static final class Unary extends Primitive {
        private final String name;
        private final UnaryKernel kernel;
        private final Chain chain;

        Unary(String name, UnaryKernel kernel, Chain chain) {
            this.name = name;
            this.kernel = kernel;
            this.chain = chain;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.unary(kernel, x[0]);
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {chain.times(g, input(0), output())};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return chain.times(t[0], input(0), output());
        }
    }

    /**
     * Relu's ḡ·relu'(x) from its output y, in one pass: g where y is not ≤ 0, else 0 (PyTorch's
     * {@code threshold_backward(g, y, 0)}: at a NaN input the gradient passes, as there).
     * Linear in g, so its own rules apply it again; y's derivative is 0 wherever it exists.
     */
    static Tensor reluBackward(Tensor g, Tensor y) {
        return new ReluBackward().apply(g, y);
    }

    /** z = g where y is not ≤ 0, else 0;  ḡ_g = reluBackward(ḡ, y), none for y;  ż = reluBackward(ġ, y). */
    private static final class ReluBackward extends Primitive {
        @Override
        public String name() {
            return "reluBackward";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.binary(BinaryKernel.RELU_BACKWARD, x[0], x[1], "reluBackward");
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {input(0).requiresGrad() ? reluBackward(g, input(1)) : null, null};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0] == null ? Tensor.zerosLike(output()) : reluBackward(t[0], input(1));
        }
    }
}

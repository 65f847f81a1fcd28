package org.autodiff.check;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.autodiff.check.GradCheckReport.Mismatch;
import org.autodiff.check.GradCheckReport.Mode;
import org.autodiff.core.Autograd;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Checks a tensor function's derivatives against central differences, as PyTorch's
 * {@code torch.autograd.gradcheck} and {@code gradgradcheck}: the way to gain confidence in a
 * custom {@link org.autodiff.core.Primitive} or a composition of ops.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(DType.FLOAT64, 3, 4), w = Tensor.randn(DType.FLOAT64, 4, 2);
 * GradCheck.check(in -> in[0].matmul(in[1]).tanh(), x, w);       // throws GradCheckFailure on a mismatch
 * GradCheckReport r = GradCheck.run(GradCheck.Options.DEFAULT, f, x, w);  // or inspect a report
 * GradCheck.gradGradCheck(f, x, w);                              // second derivatives too
 * }</pre>
 *
 * <p><b>What is compared.</b> The function may return a tensor of any shape. Its Jacobian with
 * respect to every input is computed three ways: numerically, by a central difference per input
 * element; in reverse mode, one row per output element, by {@link Autograd#grad} with a one-hot
 * gradOutput; and in forward mode, one column per input element, by
 * {@link Tensor#withTangent}. Every analytic element {@code a} must satisfy
 * {@code |a − n| ≤ atol + rtol·|n|} against its numerical value {@code n}. The report names the
 * worst element: the mode, the input, both multi-indices and both values.
 *
 * <p><b>Inputs.</b> Every input must be float64, as float32 rounding would drown the difference
 * quotients. Every input is differentiated; capture constants (an index tensor, a mask) in the
 * function instead of passing them. The function is called on fresh leaves that require grad,
 * many times, so it must be deterministic and pure.
 *
 * <p><b>Step.</b> By default the step for an element x is {@link CentralDifference#step}, ∛ε·max(1, |x|)
 * ≈ 6e-6 for |x| ≤ 1: it balances truncation error (∝ h²) against rounding (∝ ε/h), leaving
 * relative errors near 1e-10 for smooth, well-scaled functions, and it stays relative for large
 * x. {@link Options#withStep} fixes it instead (PyTorch uses 1e-6). Keep inputs at least a few
 * steps away from kinks (relu and abs at 0, clamp bounds, ties in max): a difference quotient
 * across a kink measures neither side.
 *
 * <p><b>Tolerances.</b> PyTorch's defaults, atol 1e-5 and rtol 1e-3, which accept the numerical
 * error of the difference quotient and still catch a wrong rule (a wrong rule is usually off by
 * O(1)).
 */
public final class GradCheck {
    private GradCheck() {
    }

    /**
     * What a check uses: the central-difference step (0 for the adaptive default), the
     * tolerances, which analytic modes to compare, and the seed of the random gradOutput that
     * {@link #gradGradCheck} differentiates through.
     */
    public record Options(double step, double atol, double rtol, boolean reverseMode, boolean forwardMode, long seed) {
        /** Adaptive step, atol 1e-5, rtol 1e-3, both modes. */
        public static final Options DEFAULT = new Options(0, 1e-5, 1e-3, true, true, 0x5EED);

        /**
         * Checks the options: a step of 0 or more, non-negative tolerances, and at least one mode.
         *
         * @param step the central-difference step, or 0 for the adaptive one
         * @param atol the absolute tolerance
         * @param rtol the relative tolerance
         * @param reverseMode whether to compare reverse mode
         * @param forwardMode whether to compare forward mode
         * @param seed the seed of gradGradCheck's random gradOutput
         */
        public Options {
            if (!(step >= 0 && step < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("GradCheck.Options: step must be 0 (adaptive) or positive, got " + step);
            }
            if (!(atol >= 0) || !(rtol >= 0)) {
                throw new IllegalArgumentException("GradCheck.Options: tolerances must be non-negative, got atol " + atol
                        + ", rtol " + rtol);
            }
            if (!reverseMode && !forwardMode) {
                throw new IllegalArgumentException("GradCheck.Options: enable reverse mode, forward mode or both");
            }
        }

        /**
         * A fixed step h for every element instead of the adaptive one.
         *
         * @param h the step, positive
         * @return these options with that step
         */
        public Options withStep(double h) {
            if (!(h > 0)) {
                throw new IllegalArgumentException("GradCheck.Options.withStep: step must be positive, got " + h);
            }
            return new Options(h, atol, rtol, reverseMode, forwardMode, seed);
        }

        /**
         * Other tolerances: an element passes when |analytic − numerical| ≤ atol + rtol·|numerical|.
         *
         * @param atol the absolute tolerance
         * @param rtol the relative tolerance
         * @return these options with those tolerances
         */
        public Options withTolerance(double atol, double rtol) {
            return new Options(step, atol, rtol, reverseMode, forwardMode, seed);
        }

        /**
         * Which analytic modes to compare with central differences; turn forward mode off for a
         * custom {@link org.autodiff.core.Primitive} that defines no {@code jvp}.
         *
         * @param reverse whether to compare reverse mode
         * @param forward whether to compare forward mode
         * @return these options with those modes
         */
        public Options withModes(boolean reverse, boolean forward) {
            return new Options(step, atol, rtol, reverse, forward, seed);
        }

        /**
         * The seed of the random gradOutput used by {@link #gradGradCheck}.
         *
         * @param seed the seed
         * @return these options with that seed
         */
        public Options withSeed(long seed) {
            return new Options(step, atol, rtol, reverseMode, forwardMode, seed);
        }
    }

    // ---------------------------------------------------------------- first order

    /**
     * Checks f's first derivatives with the default options; throws {@link GradCheckFailure} on a mismatch.
     *
     * @param f the function, called with the inputs in order
     * @param inputs the float64 points to check at
     */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(f, "check: f is null");
        Objects.requireNonNull(inputs, "check: inputs is null");
        check(Options.DEFAULT, f, inputs);
    }

    /**
     * Checks f's first derivatives; throws {@link GradCheckFailure} naming the worst element on a mismatch.
     *
     * @param options the step, tolerances, modes and seed
     * @param f the function, called with the inputs in order
     * @param inputs the float64 points to check at
     */
    public static void check(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(options, "check: options is null");
        Objects.requireNonNull(f, "check: f is null");
        Objects.requireNonNull(inputs, "check: inputs is null");
        GradCheckReport report = run(options, f, inputs);
        if (!report.passed()) {
            throw new GradCheckFailure(report);
        }
    }

    /**
     * Checks f's first derivatives and returns the report without throwing.
     *
     * @param options the step, tolerances, modes and seed
     * @param f the function, called with the inputs in order
     * @param inputs the float64 points to check at
     * @return the report, naming the worst element
     */
    public static GradCheckReport run(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(options, "run: options is null");
        Objects.requireNonNull(f, "run: f is null");
        Objects.requireNonNull(inputs, "run: inputs is null");
        double[][] x = values(inputs, "GradCheck");
        Shape[] shapes = new Shape[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            shapes[i] = inputs[i].shape();
        }
        Tensor y0 = evaluate(f, x, shapes, -1, null);
        Shape outShape = y0.shape();
        Worst worst = new Worst(options);
        for (int i = 0; i < x.length; i++) {
            double[][] numerical = numericalColumns(f, x, shapes, i, outShape, options);
            if (options.reverseMode()) {
                compareReverse(f, x, shapes, i, outShape, numerical, worst);
            }
            if (options.forwardMode()) {
                compareForward(f, x, shapes, i, outShape, numerical, worst);
            }
        }
        return worst.report();
    }

    // ---------------------------------------------------------------- second order

    /**
     * Checks f's second derivatives with the default options; throws {@link GradCheckFailure} on a mismatch.
     *
     * @param f the function, called with the inputs in order
     * @param inputs the float64 points to check at
     */
    public static void gradGradCheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(f, "gradGradCheck: f is null");
        Objects.requireNonNull(inputs, "gradGradCheck: inputs is null");
        gradGradCheck(Options.DEFAULT, f, inputs);
    }

    /**
     * Checks f's second derivatives; throws {@link GradCheckFailure} naming the worst element on a mismatch.
     *
     * @param options the step, tolerances, modes and seed
     * @param f the function, called with the inputs in order
     * @param inputs the float64 points to check at
     */
    public static void gradGradCheck(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(options, "gradGradCheck: options is null");
        Objects.requireNonNull(f, "gradGradCheck: f is null");
        Objects.requireNonNull(inputs, "gradGradCheck: inputs is null");
        GradCheckReport report = runGradGrad(options, f, inputs);
        if (!report.passed()) {
            throw new GradCheckFailure(report);
        }
    }

    /**
     * Checks f's second derivatives and returns the report, as PyTorch's {@code gradgradcheck}:
     * the function checked is g(x, u) = the VJP uᵀ·∂f/∂x (every input's gradient, flattened
     * and concatenated) computed with {@code createGraph = true}, where u is a random
     * gradOutput (seeded by {@link Options#seed()}) that is checked as one more input. Its
     * reverse mode is reverse-over-reverse, its forward mode forward-over-reverse, both against
     * central differences of the analytic gradient. In the report, input {@code inputs.length}
     * is u, and the output index is into the concatenated gradients.
     *
     * @param options the step, tolerances, modes and seed
     * @param f the function, called with the inputs in order
     * @param inputs the float64 points to check at
     * @return the report, naming the worst element
     */
    public static GradCheckReport runGradGrad(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(options, "runGradGrad: options is null");
        Objects.requireNonNull(f, "runGradGrad: f is null");
        Objects.requireNonNull(inputs, "runGradGrad: inputs is null");
        values(inputs, "gradGradCheck");
        Tensor y = f.apply(detachedCopies(inputs));
        Tensor u = Tensor.randn(new Generator(options.seed()), DType.FLOAT64, y.shape().dims());
        Tensor[] extended = Arrays.copyOf(inputs, inputs.length + 1);
        extended[inputs.length] = u;
        return run(options, in -> vectorJacobianProduct(f, in), extended);
    }

    /** uᵀ·∂f/∂x for x = in[0..n-1], u = in[n], as one flat differentiable tensor. */
    private static Tensor vectorJacobianProduct(Function<Tensor[], Tensor> f, Tensor[] in) {
        Tensor[] x = Arrays.copyOf(in, in.length - 1);
        Tensor u = in[in.length - 1];
        Tensor y = f.apply(x);
        Tensor[] grads = y.requiresGrad()
                ? Autograd.grad(new Tensor[] {y}, x, new Tensor[] {u}, true, true, true)
                : new Tensor[x.length];
        Tensor[] flat = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            flat[i] = (grads[i] == null ? Tensor.zerosLike(x[i]) : grads[i]).reshape(-1);
        }
        return Tensor.cat(0, flat);
    }

    // ---------------------------------------------------------------- the three Jacobians

    /** Column j of ∂f/∂inputs[i], for every j: (f(x + h·e_j) − f(x − h·e_j)) / 2h. */
    private static double[][] numericalColumns(Function<Tensor[], Tensor> f, double[][] x, Shape[] shapes, int i,
                                               Shape outShape, Options options) {
        double[][] columns = new double[x[i].length][];
        double[][] shifted = x.clone();
        for (int j = 0; j < x[i].length; j++) {
            double h = options.step() > 0 ? options.step() : CentralDifference.step(x[i][j]);
            double above = x[i][j] + h, below = x[i][j] - h;
            shifted[i] = x[i].clone();
            shifted[i][j] = above;
            double[] fAbove = output(evaluate(f, shifted, shapes, -1, null), outShape);
            shifted[i][j] = below;
            double[] fBelow = output(evaluate(f, shifted, shapes, -1, null), outShape);
            // As CentralDifference.partial: divide by the rounded distance, not by 2h.
            double[] column = new double[fAbove.length];
            for (int k = 0; k < column.length; k++) {
                column[k] = (fAbove[k] - fBelow[k]) / (above - below);
            }
            columns[j] = column;
        }
        return columns;
    }

    /** Rows of ∂f/∂inputs[i] by a VJP per output element. */
    private static void compareReverse(Function<Tensor[], Tensor> f, double[][] x, Shape[] shapes, int i,
                                       Shape outShape, double[][] numerical, Worst worst) {
        Tensor[] leaves = leaves(x, shapes);
        Tensor y = checkedOutput(f.apply(leaves), outShape);
        for (int k = 0; k < outShape.numel(); k++) {
            double[] row = new double[x[i].length];
            if (y.requiresGrad()) {
                Tensor oneHot = oneHot(outShape, k);
                Tensor g = Autograd.grad(new Tensor[] {y}, new Tensor[] {leaves[i]}, new Tensor[] {oneHot},
                        true, false, true)[0];
                if (g != null) {
                    row = requireShape(g, shapes[i], "the reverse-mode gradient").toDoubleArray();
                }
            }
            for (int j = 0; j < row.length; j++) {
                worst.compare(Mode.REVERSE, i, j, shapes[i], k, outShape, row[j], numerical[j][k]);
            }
        }
    }

    /** Columns of ∂f/∂inputs[i] by a JVP per input element. */
    private static void compareForward(Function<Tensor[], Tensor> f, double[][] x, Shape[] shapes, int i,
                                       Shape outShape, double[][] numerical, Worst worst) {
        for (int j = 0; j < x[i].length; j++) {
            Tensor y = evaluate(f, x, shapes, i, oneHot(shapes[i], j));
            double[] column = y.tangent() == null ? new double[outShape.numel()]
                    : requireShape(y.tangent(), outShape, "the forward-mode tangent").toDoubleArray();
            for (int k = 0; k < column.length; k++) {
                worst.compare(Mode.FORWARD, i, j, shapes[i], k, outShape, column[k], numerical[j][k]);
            }
        }
    }

    // ---------------------------------------------------------------- evaluation

    /** f at x (fresh leaves that require grad); input {@code tangentInput} carries {@code tangent} if ≥ 0. */
    private static Tensor evaluate(Function<Tensor[], Tensor> f, double[][] x, Shape[] shapes, int tangentInput,
                                   Tensor tangent) {
        Tensor[] in = leaves(x, shapes);
        if (tangentInput >= 0) {
            in[tangentInput] = in[tangentInput].withTangent(tangent);
        }
        Tensor y = f.apply(in);
        if (y == null) {
            throw new IllegalArgumentException("GradCheck: the function returned null");
        }
        if (y.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("GradCheck: the function returned a " + y.dtype() + " tensor; central "
                    + "differences need a float64 output (float32 rounding would swamp the difference quotients)");
        }
        return y;
    }

    private static Tensor[] leaves(double[][] x, Shape[] shapes) {
        Tensor[] in = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = Tensor.wrap(x[i].clone(), shapes[i]).requiresGrad(true);
        }
        return in;
    }

    private static Tensor[] detachedCopies(Tensor[] inputs) {
        Tensor[] in = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            in[i] = Tensor.wrap(inputs[i].toDoubleArray(), inputs[i].shape());
        }
        return in;
    }

    private static double[] output(Tensor y, Shape outShape) {
        return checkedOutput(y, outShape).toDoubleArray();
    }

    private static Tensor checkedOutput(Tensor y, Shape outShape) {
        if (!y.shape().equals(outShape)) {
            throw new IllegalArgumentException("GradCheck: the function returned shape " + y.shape() + " for one point and "
                    + outShape + " for another; its output shape must not depend on the input values");
        }
        return y;
    }

    private static Tensor requireShape(Tensor t, Shape expected, String what) {
        if (!t.shape().equals(expected)) {
            throw new IllegalStateException("GradCheck: " + what + " has shape " + t.shape() + ", expected " + expected);
        }
        return t;
    }

    private static Tensor oneHot(Shape shape, int flat) {
        double[] v = new double[shape.numel()];
        v[flat] = 1;
        return Tensor.wrap(v, shape);
    }

    /** The inputs' values, after checking that there are some and that each is float64. */
    private static double[][] values(Tensor[] inputs, String op) {
        Objects.requireNonNull(inputs, op + ": inputs is null");
        if (inputs.length == 0) {
            throw new IllegalArgumentException(op + ": give at least one input to differentiate with respect to");
        }
        double[][] x = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], op + ": inputs[" + i + "] is null");
            if (inputs[i].dtype() != DType.FLOAT64) {
                throw new IllegalArgumentException(op + ": input " + i + " (shape " + inputs[i].shape() + ") is "
                        + inputs[i].dtype() + "; central differences need float64 inputs, e.g. x.to(DType.FLOAT64)");
            }
            x[i] = inputs[i].toDoubleArray();
        }
        return x;
    }

    /** Keeps the element whose error, relative to its tolerance, is largest. */
    private static final class Worst {
        private final Options options;
        private Mismatch worst;
        private long compared;

        Worst(Options options) {
            this.options = options;
        }

        void compare(Mode mode, int input, int j, Shape inShape, int k, Shape outShape, double analytic, double numerical) {
            compared++;
            double error = error(analytic, numerical);
            if (worst == null || error > worst.error()) {
                worst = new Mismatch(mode, input, multiIndex(j, inShape), multiIndex(k, outShape), analytic, numerical, error);
            }
        }

        private double error(double analytic, double numerical) {
            if (!Double.isFinite(analytic) || !Double.isFinite(numerical)) {
                boolean same = Double.compare(analytic, numerical) == 0;
                return same ? 0 : Double.POSITIVE_INFINITY;
            }
            double allowed = options.atol() + options.rtol() * Math.abs(numerical);
            double diff = Math.abs(analytic - numerical);
            return diff == 0 ? 0 : allowed == 0 ? Double.POSITIVE_INFINITY : diff / allowed;
        }

        GradCheckReport report() {
            return new GradCheckReport(worst == null || worst.error() <= 1, compared, worst, options);
        }

        private static int[] multiIndex(int flat, Shape shape) {
            int[] index = new int[shape.rank()];
            for (int d = shape.rank() - 1; d >= 0; d--) {
                index[d] = flat % shape.size(d);
                flat /= shape.size(d);
            }
            return index;
        }
    }
}

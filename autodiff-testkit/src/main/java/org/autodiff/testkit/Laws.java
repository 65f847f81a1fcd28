package org.autodiff.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.autodiff.check.GradCheck;
import org.autodiff.check.GradCheckFailure;
import org.autodiff.check.GradCheckReport;
import org.autodiff.core.Autograd;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Primitive;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * The laws of differentiation as one call each, on a registry entry ({@link OpInfo}), on one
 * case ({@link OpCase}), or on a user's own function or {@link Primitive}:
 *
 * <ul>
 *   <li>{@link #numericMatchesReverse}: central differences = reverse mode;</li>
 *   <li>{@link #numericMatchesBothModes}: central differences = reverse mode and = forward mode, in one pass;</li>
 *   <li>{@link #reverseMatchesForward}: reverse mode = forward mode, element by element of the Jacobian;</li>
 *   <li>{@link #jvpAndVjpAreAdjoint}: ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ for random u, v;</li>
 *   <li>{@link #totalDerivativeIsSumOverIntermediates}: ∂L/∂xᵢ = Σⱼ ∂L/∂uⱼ · ∂uⱼ/∂xᵢ;</li>
 *   <li>{@link #secondOrderMatchesNumeric}: grad-of-grad (reverse over reverse, forward over reverse) = central differences of the gradient;</li>
 *   <li>{@link #hessianIsSymmetric}: the Hessian of ⟨u, f(x)⟩ is symmetric;</li>
 *   <li>{@link #float32MatchesFloat64}: values and gradients in float32 agree with float64 within a tolerance;</li>
 *   <li>{@link #broadcastEqualsExpanded}: the op on broadcast inputs = the op on inputs expanded to the common shape, and so are the gradients;</li>
 *   <li>{@link #errorInputsRaise}: each error input raises its exception with a message naming the op.</li>
 * </ul>
 *
 * <p>A broken law throws {@link LawViolation}, naming the law, the op, the inputs and the worst
 * element. Inside a jqwik property over {@link OpInfo#cases()} the inputs are the shrunk ones.
 *
 * <pre>{@code
 * Laws.checkAll(OpRegistry.get("softmax"));                          // every law on a registry entry
 * Laws.checkAll("cube", () -> new Cube(), Tensor.randn(DType.FLOAT64, 3)); // or on your own Primitive
 * }</pre>
 */
public final class Laws {
    /** The law names, as failures print them. */
    public static final String NUMERIC_EQUALS_REVERSE = "numeric = reverse";
    /** See {@link #reverseMatchesForward}. */
    public static final String REVERSE_EQUALS_FORWARD = "reverse = forward";
    /** See {@link #jvpAndVjpAreAdjoint}. */
    public static final String ADJOINT = "<u, Jv> = <J^T u, v>";
    /** See {@link #totalDerivativeIsSumOverIntermediates}. */
    public static final String TOTAL_DERIVATIVE = "total derivative = sum over intermediates";
    /** See {@link #secondOrderMatchesNumeric}. */
    public static final String SECOND_ORDER = "grad-of-grad = numeric second derivative";
    /** See {@link #hessianIsSymmetric}. */
    public static final String SYMMETRIC_HESSIAN = "Hessian is symmetric";
    /** See {@link #float32MatchesFloat64}. */
    public static final String FLOAT32 = "float32 = float64 within tolerance";
    /** See {@link #broadcastEqualsExpanded}. */
    public static final String BROADCAST = "broadcast inputs = expanded inputs";
    /** See {@link #errorInputsRaise}. */
    public static final String ERRORS = "error inputs raise";

    /** How many random cases {@link #checkAll(OpInfo)} draws from an entry besides its samples. */
    public static final int RANDOM_CASES = 8;
    private static final long SEED = 0x1AB5L;

    private Laws() {
    }

    // ---------------------------------------------------------------- everything at once

    /**
     * Runs every law that applies on the entry's samples and on {@link #RANDOM_CASES} random
     * cases, then its error inputs.
     *
     * @param entry the registry entry
     * @throws LawViolation on the first broken law
     */
    public static void checkAll(OpInfo entry) {
        for (OpCase c : entry.samples()) {
            checkAll(entry, c);
        }
        entry.cases().sampleStream().limit(RANDOM_CASES).forEach(c -> checkAll(entry, c));
        errorInputsRaise(entry);
    }

    /**
     * Runs every law that applies to one case of an entry: the numeric laws only where the case
     * is smooth, second order only where the entry says so, float32 and broadcasting where the
     * entry supports them.
     *
     * @param entry the entry, for its flags and float32 tolerance
     * @param c the case
     * @throws LawViolation on the first broken law
     */
    public static void checkAll(OpInfo entry, OpCase c) {
        if (c.smooth()) {
            numericMatchesReverse(c);
        }
        reverseMatchesForward(c);
        jvpAndVjpAreAdjoint(c, SEED);
        totalDerivativeIsSumOverIntermediates(c, SEED);
        if (entry.secondOrder() && c.smooth()) {
            secondOrderMatchesNumeric(c);
            hessianIsSymmetric(c, SEED);
        }
        if (entry.float32()) {
            float32MatchesFloat64(c, entry.float32Tolerance(), SEED);
        }
        if (entry.broadcasts()) {
            broadcastEqualsExpanded(c, SEED);
        }
    }

    /**
     * Runs every law on a user's function at the given float64 inputs (assumed smooth there):
     * first and second order against central differences, reverse = forward, the adjoint law,
     * the total derivative, a symmetric Hessian and float32 against float64 with
     * {@link OpInfo#DEFAULT_FLOAT32_TOLERANCE}.
     *
     * @param name the function's name in failures
     * @param f the function
     * @param inputs float64 inputs
     * @throws LawViolation on the first broken law
     */
    public static void checkAll(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        OpCase c = OpCase.of(name, f, inputs);
        OpInfo entry = OpInfo.builder(name).cases(net.jqwik.api.Arbitraries.just(c)).build();
        checkAll(entry, c);
    }

    /**
     * {@link #checkAll(String, Function, Tensor...)} for a user's {@link Primitive}: a fresh
     * instance is applied for every evaluation, as a primitive is applied once.
     *
     * @param name the op's name in failures
     * @param op makes a new instance of the op
     * @param inputs float64 inputs
     * @throws LawViolation on the first broken law
     */
    public static void checkAll(String name, Supplier<? extends Primitive> op, Tensor... inputs) {
        checkAll(name, in -> op.get().apply(in), inputs);
    }

    // ---------------------------------------------------------------- first order

    /**
     * Central differences = reverse mode, every element of the Jacobian within the case's
     * gradient-check tolerances.
     *
     * @param c the case (smooth at its inputs)
     * @throws LawViolation naming the worst element
     */
    public static void numericMatchesReverse(OpCase c) {
        gradCheck(NUMERIC_EQUALS_REVERSE, c, () -> GradCheck.check(c.options().withModes(true, false), c.f(), c.inputs()));
    }

    /**
     * Central differences = reverse mode and = forward mode, in one pass over the numerical
     * Jacobian: the cheapest way to check both modes against numbers (reverse = forward then
     * holds to the gradient-check tolerance; {@link #reverseMatchesForward} checks it to
     * rounding).
     *
     * @param c the case (smooth at its inputs)
     * @throws LawViolation naming the worst element and the mode it came from
     */
    public static void numericMatchesBothModes(OpCase c) {
        gradCheck(NUMERIC_EQUALS_REVERSE + " and forward", c,
                () -> GradCheck.check(c.options().withModes(true, true), c.f(), c.inputs()));
    }

    /**
     * Reverse mode = forward mode: the Jacobian by one VJP per output element equals the
     * Jacobian by one JVP per input element, up to rounding. Holds at kinks too, where both
     * modes must apply the same subgradient convention.
     *
     * @param c the case
     * @throws LawViolation naming the worst element
     */
    public static void reverseMatchesForward(OpCase c) {
        Tensor[] x = c.inputs();
        Tensor[] leaves = leaves(x, DType.FLOAT64);
        Tensor y = c.apply(leaves);
        Shape out = y.shape();
        Worst worst = new Worst();
        for (int i = 0; i < x.length; i++) {
            int n = x[i].numel();
            double[][] reverse = new double[out.numel()][];
            for (int k = 0; k < out.numel(); k++) {
                Tensor g = y.requiresGrad() ? Autograd.grad(new Tensor[] {y}, new Tensor[] {leaves[i]},
                        new Tensor[] {oneHot(out, k)}, true, false, true)[0] : null;
                reverse[k] = g == null ? new double[n] : g.toDoubleArray();
            }
            double scale = 1;
            double[][] forward = new double[n][];
            for (int j = 0; j < n; j++) {
                Tensor[] duals = leaves(x, DType.FLOAT64);
                duals[i] = duals[i].withTangent(oneHot(x[i].shape(), j));
                Tensor t = c.apply(duals).tangent();
                forward[j] = t == null ? new double[out.numel()] : t.toDoubleArray();
                for (int k = 0; k < out.numel(); k++) {
                    scale = Math.max(scale, Math.max(Math.abs(forward[j][k]), Math.abs(reverse[k][j])));
                }
            }
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < out.numel(); k++) {
                    int kk = k, jj = j, ii = i;
                    double r = reverse[k][j], f = forward[j][k];
                    worst.offer(Math.abs(r - f) / (c.precision() * scale), () -> "d output" + Arrays.toString(index(out, kk))
                            + " / d input " + ii + Arrays.toString(index(x[ii].shape(), jj)) + ": reverse " + r
                            + " vs forward " + f);
                }
            }
        }
        worst.throwIfAbove(1, REVERSE_EQUALS_FORWARD, c);
    }

    /**
     * ⟨u, J·v⟩ = ⟨Jᵀ·u, v⟩ for random u and v: the JVP and the VJP are transposes of one linear
     * map. Exact up to rounding, so a far tighter test than central differences, at any point.
     *
     * @param c the case
     * @param seed the seed of u and v
     * @throws LawViolation with both sides
     */
    public static void jvpAndVjpAreAdjoint(OpCase c, long seed) {
        Generator random = new Generator(seed);
        Tensor[] in = c.inputs();
        Tensor[] duals = new Tensor[in.length];
        Tensor[] v = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            v[i] = Tensor.randn(random, DType.FLOAT64, in[i].shape().dims());
            duals[i] = fresh(in[i], DType.FLOAT64).requiresGrad(true).withTangent(v[i]);
        }
        Tensor y = c.apply(duals);
        Tensor u = Tensor.randn(random, DType.FLOAT64, y.shape().dims());
        double[] jv = y.tangent() == null ? new double[y.numel()] : y.tangent().toDoubleArray();
        double[] uv = u.toDoubleArray();
        double lhs = 0, scale = 0;
        for (int k = 0; k < uv.length; k++) {
            lhs += uv[k] * jv[k];
            scale += Math.abs(uv[k] * jv[k]);
        }
        double rhs = 0;
        if (y.requiresGrad()) {
            Tensor[] g = Autograd.grad(new Tensor[] {y}, duals, new Tensor[] {u}, false, false, true);
            for (int i = 0; i < in.length; i++) {
                if (g[i] == null) {
                    continue;
                }
                if (!g[i].shape().equals(in[i].shape())) {
                    throw new LawViolation(ADJOINT, c.name(), describe(c), "the gradient of input " + i + " has shape "
                            + g[i].shape() + ", the input " + in[i].shape());
                }
                double[] gv = g[i].toDoubleArray(), vv = v[i].toDoubleArray();
                for (int j = 0; j < gv.length; j++) {
                    rhs += gv[j] * vv[j];
                    scale += Math.abs(gv[j] * vv[j]);
                }
            }
        }
        if (!(Math.abs(lhs - rhs) <= c.precision() * scale + 1e-12)) {
            throw new LawViolation(ADJOINT, c.name(), describe(c), "<u, J v> = " + lhs + " but <J^T u, v> = " + rhs
                    + " (seed " + seed + ")");
        }
    }

    /**
     * The total derivative of a case: with intermediates u₀ = f(x) and uᵢ₊₁ = sin(xᵢ) (so each
     * input reaches the loss by two paths) and L = Σⱼ ⟨wⱼ, tanh(uⱼ)⟩ for random wⱼ, the
     * gradient by one backward pass through the whole graph equals the sum over intermediates of
     * ∂L/∂uⱼ · ∂uⱼ/∂x, each term computed by its own VJP.
     *
     * @param c the case
     * @param seed the seed of the weights w
     * @throws LawViolation naming the worst element and each path's term
     */
    public static void totalDerivativeIsSumOverIntermediates(OpCase c, long seed) {
        Tensor[] x = c.inputs();
        Generator random = new Generator(seed);
        Tensor y0 = c.apply(leaves(x, DType.FLOAT64));
        Tensor[] w = new Tensor[x.length + 1];
        w[0] = Tensor.randn(random, DType.FLOAT64, y0.shape().dims());
        for (int i = 0; i < x.length; i++) {
            w[i + 1] = Tensor.randn(random, DType.FLOAT64, x[i].shape().dims());
        }
        totalDerivativeIsSumOverIntermediates(c.name(), in -> {
            Tensor[] u = new Tensor[in.length + 1];
            u[0] = c.apply(in);
            for (int i = 0; i < in.length; i++) {
                u[i + 1] = in[i].sin();
            }
            return u;
        }, u -> {
            Tensor loss = Tensor.scalar(0.0);
            for (int j = 0; j < u.length; j++) {
                loss = loss.add(u[j].tanh().mul(w[j]).sum());
            }
            return loss;
        }, c.precision(), x);
    }

    /**
     * The total derivative ∂L/∂xᵢ = Σⱼ ∂L/∂uⱼ · ∂uⱼ/∂xᵢ of a user's two-stage function: the
     * gradient of {@code loss(intermediates(x))} by one backward pass equals the sum, over the
     * intermediates uⱼ, of the VJP of uⱼ with ∂L/∂uⱼ (which is computed with the uⱼ as
     * independent leaves). The worst element's message lists each path's term.
     *
     * @param name the function's name in failures
     * @param intermediates x ↦ (u₀, u₁, ...)
     * @param loss u ↦ L, a one-element tensor
     * @param precision the relative rounding tolerance (e.g. {@link OpCase#FLOAT64_PRECISION})
     * @param x float64 inputs
     * @throws LawViolation naming the worst element
     */
    public static void totalDerivativeIsSumOverIntermediates(String name, Function<Tensor[], Tensor[]> intermediates,
                                                             Function<Tensor[], Tensor> loss, double precision,
                                                             Tensor... x) {
        Tensor[] leaves = leaves(x, DType.FLOAT64);
        Tensor[] u = intermediates.apply(leaves);
        Tensor l = loss.apply(u);
        if (l.numel() != 1) {
            throw new IllegalArgumentException("Laws.totalDerivativeIsSumOverIntermediates: " + name
                    + ": the loss must have one element, got shape " + l.shape());
        }
        Tensor[] total = l.requiresGrad()
                ? Autograd.grad(new Tensor[] {l}, leaves, null, true, false, true) : new Tensor[x.length];
        // ∂L/∂uⱼ with the intermediates as independent leaves.
        Tensor[] uLeaves = new Tensor[u.length];
        for (int j = 0; j < u.length; j++) {
            uLeaves[j] = fresh(u[j], u[j].dtype()).requiresGrad(true);
        }
        Tensor[] dLdu = Autograd.grad(new Tensor[] {loss.apply(uLeaves)}, uLeaves, null, false, false, true);
        // Each path's term: the VJP of uⱼ with ∂L/∂uⱼ.
        double[][][] terms = new double[u.length][][];
        for (int j = 0; j < u.length; j++) {
            terms[j] = new double[x.length][];
            Tensor[] g = u[j].requiresGrad() && dLdu[j] != null
                    ? Autograd.grad(new Tensor[] {u[j]}, leaves, new Tensor[] {dLdu[j]}, true, false, true)
                    : new Tensor[x.length];
            for (int i = 0; i < x.length; i++) {
                terms[j][i] = g[i] == null ? new double[x[i].numel()] : g[i].toDoubleArray();
            }
        }
        Worst worst = new Worst();
        for (int i = 0; i < x.length; i++) {
            double[] t = total[i] == null ? new double[x[i].numel()] : total[i].toDoubleArray();
            for (int e = 0; e < t.length; e++) {
                double sum = 0, scale = 1;
                double[] parts = new double[u.length];
                for (int j = 0; j < u.length; j++) {
                    parts[j] = terms[j][i][e];
                    sum += parts[j];
                    scale += Math.abs(parts[j]);
                }
                int ii = i, ee = e;
                double s = sum;
                worst.offer(Math.abs(t[e] - sum) / (precision * scale), () -> "dL / d input " + ii
                        + Arrays.toString(index(x[ii].shape(), ee)) + ": one backward pass " + t[ee] + " vs sum over "
                        + parts.length + " intermediates " + s + " = " + Arrays.toString(parts).replace(", ", " + "));
            }
        }
        worst.throwIfAbove(1, TOTAL_DERIVATIVE, name, Arrays.toString(x));
    }

    // ---------------------------------------------------------------- second order

    /**
     * Second derivatives by reverse over reverse and forward over reverse = central differences
     * of the gradient, as PyTorch's {@code gradgradcheck}.
     *
     * @param c the case (smooth at its inputs)
     * @throws LawViolation naming the worst element
     */
    public static void secondOrderMatchesNumeric(OpCase c) {
        gradCheck(SECOND_ORDER, c, () -> GradCheck.gradGradCheck(c.options(), c.f(), c.inputs()));
    }

    /**
     * The Hessian of L = ⟨u, f(x)⟩ for a random u, over all inputs' elements together, is
     * symmetric: ∂²L/∂xₖ∂xₗ = ∂²L/∂xₗ∂xₖ, each row by differentiating one gradient element.
     *
     * @param c the case (smooth at its inputs)
     * @param seed the seed of u
     * @throws LawViolation naming the worst pair of elements
     */
    public static void hessianIsSymmetric(OpCase c, long seed) {
        Tensor[] x = c.inputs();
        Tensor[] leaves = leaves(x, DType.FLOAT64);
        Tensor y = c.apply(leaves);
        if (!y.requiresGrad()) {
            return;
        }
        Tensor u = Tensor.randn(new Generator(seed), DType.FLOAT64, y.shape().dims());
        Tensor l = y.mul(u).sum();
        Tensor[] g = Autograd.grad(new Tensor[] {l}, leaves, null, true, true, true);
        List<Tensor> flat = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            flat.add((g[i] == null ? Tensor.zerosLike(x[i]) : g[i]).reshape(-1));
        }
        Tensor grad = Tensor.cat(0, flat.toArray(new Tensor[0]));
        int n = grad.numel();
        double[][] h = new double[n][];
        double scale = 1;
        for (int k = 0; k < n; k++) {
            Tensor gk = grad.slice(0, k, k + 1, 1).sum();
            double[] row = new double[n];
            if (gk.requiresGrad()) {
                Tensor[] r = Autograd.grad(new Tensor[] {gk}, leaves, null, true, false, true);
                int offset = 0;
                for (int i = 0; i < x.length; i++) {
                    if (r[i] != null) {
                        System.arraycopy(r[i].toDoubleArray(), 0, row, offset, x[i].numel());
                    }
                    offset += x[i].numel();
                }
            }
            h[k] = row;
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        Worst worst = new Worst();
        for (int k = 0; k < n; k++) {
            for (int m = k + 1; m < n; m++) {
                int kk = k, mm = m;
                worst.offer(Math.abs(h[k][m] - h[m][k]) / (1e3 * c.precision() * scale),
                        () -> "H[" + kk + "][" + mm + "] = " + h[kk][mm] + " but H[" + mm + "][" + kk + "] = " + h[mm][kk]
                                + " (elements numbered across the inputs, flattened)");
            }
        }
        worst.throwIfAbove(1, SYMMETRIC_HESSIAN, c);
    }

    // ---------------------------------------------------------------- dtypes and broadcasting

    /**
     * The op in float32 agrees with float64: values within tol·(1 + |y₆₄|) elementwise, and the
     * gradient ⟨u, f⟩ for a random u within tol·(1 + max |g₆₄|) per input.
     *
     * @param c the case
     * @param tolerance the entry's float32 tolerance
     * @param seed the seed of u
     * @throws LawViolation naming the worst element
     */
    public static void float32MatchesFloat64(OpCase c, double tolerance, long seed) {
        Tensor[] x = c.inputs();
        Tensor[] l64 = leaves(x, DType.FLOAT64), l32 = leaves(x, DType.FLOAT32);
        Tensor y64 = c.apply(l64), y32 = c.apply(l32);
        Worst worst = new Worst();
        double[] a = y32.toDoubleArray(), b = y64.toDoubleArray();
        if (a.length != b.length) {
            throw new LawViolation(FLOAT32, c.name(), describe(c), "float32 output shape " + y32.shape()
                    + " vs float64 " + y64.shape());
        }
        for (int k = 0; k < a.length; k++) {
            int kk = k;
            worst.offer(Math.abs(a[k] - b[k]) / (tolerance * (1 + Math.abs(b[k]))),
                    () -> "output" + Arrays.toString(index(y64.shape(), kk)) + ": float32 " + a[kk] + " vs float64 " + b[kk]);
        }
        if (y64.requiresGrad() && y32.requiresGrad()) {
            Tensor u = Tensor.randn(new Generator(seed), DType.FLOAT64, y64.shape().dims());
            Tensor[] g64 = Autograd.grad(new Tensor[] {y64}, l64, new Tensor[] {u}, false, false, true);
            Tensor[] g32 = Autograd.grad(new Tensor[] {y32}, l32, new Tensor[] {u.to(y32.dtype())}, false, false, true);
            for (int i = 0; i < x.length; i++) {
                double[] p = g32[i] == null ? new double[x[i].numel()] : g32[i].toDoubleArray();
                double[] q = g64[i] == null ? new double[x[i].numel()] : g64[i].toDoubleArray();
                double scale = 1;
                for (double v : q) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int j = 0; j < q.length; j++) {
                    int ii = i, jj = j;
                    worst.offer(Math.abs(p[j] - q[j]) / (tolerance * scale), () -> "gradient of input " + ii
                            + Arrays.toString(index(x[ii].shape(), jj)) + ": float32 " + p[jj] + " vs float64 " + q[jj]);
                }
            }
        }
        worst.throwIfAbove(1, FLOAT32, c);
    }

    /**
     * The op on broadcast inputs equals the op on the inputs expanded (copied) to their common
     * shape, and each broadcast input's gradient equals the expanded input's gradient summed back
     * to its shape.
     *
     * @param c a case of an elementwise op whose inputs broadcast together
     * @param seed the seed of the output gradient
     * @throws LawViolation naming the worst element
     */
    public static void broadcastEqualsExpanded(OpCase c, long seed) {
        Tensor[] x = c.inputs();
        Shape[] shapes = new Shape[x.length];
        for (int i = 0; i < x.length; i++) {
            shapes[i] = x[i].shape();
        }
        Shape common = TensorArbitraries.broadcast(shapes);
        Tensor[] expandedValues = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            expandedValues[i] = x[i].expand(common).copy();
        }
        Tensor[] lb = leaves(x, DType.FLOAT64), le = leaves(expandedValues, DType.FLOAT64);
        Tensor yb = c.apply(lb), ye = c.apply(le);
        Worst worst = new Worst();
        double[] a = yb.toDoubleArray(), b = ye.toDoubleArray();
        if (!yb.shape().equals(ye.shape())) {
            throw new LawViolation(BROADCAST, c.name(), describe(c), "output shape " + yb.shape()
                    + " on broadcast inputs vs " + ye.shape() + " on expanded inputs");
        }
        for (int k = 0; k < a.length; k++) {
            int kk = k;
            worst.offer(Math.abs(a[k] - b[k]) / (c.precision() * (1 + Math.abs(b[k]))), () -> "output"
                    + Arrays.toString(index(yb.shape(), kk)) + ": broadcast " + a[kk] + " vs expanded " + b[kk]);
        }
        if (yb.requiresGrad() && ye.requiresGrad()) {
            Tensor u = Tensor.randn(new Generator(seed), DType.FLOAT64, yb.shape().dims());
            Tensor[] gb = Autograd.grad(new Tensor[] {yb}, lb, new Tensor[] {u}, false, false, true);
            Tensor[] ge = Autograd.grad(new Tensor[] {ye}, le, new Tensor[] {u}, false, false, true);
            for (int i = 0; i < x.length; i++) {
                double[] p = gb[i] == null ? new double[x[i].numel()] : gb[i].toDoubleArray();
                double[] q = ge[i] == null ? new double[x[i].numel()] : ge[i].sumToSize(shapes[i]).toDoubleArray();
                for (int j = 0; j < p.length; j++) {
                    int ii = i, jj = j;
                    worst.offer(Math.abs(p[j] - q[j]) / (c.precision() * (1 + Math.abs(q[j]))), () -> "gradient of input "
                            + ii + Arrays.toString(index(shapes[ii], jj)) + ": broadcast " + p[jj]
                            + " vs expanded and summed " + q[jj]);
                }
            }
        }
        worst.throwIfAbove(1, BROADCAST, c);
    }

    // ---------------------------------------------------------------- errors

    /**
     * Each of the entry's error inputs raises its exception, with a message holding every
     * expected fragment; never a raw NullPointerException or ArrayIndexOutOfBoundsException.
     *
     * @param entry the registry entry
     * @throws LawViolation naming the error input and what happened instead
     */
    public static void errorInputsRaise(OpInfo entry) {
        for (ErrorInput e : entry.errorInputs()) {
            try {
                e.call().run();
            } catch (RuntimeException thrown) {
                if (!e.expected().isInstance(thrown)) {
                    throw new LawViolation(ERRORS, entry.name(), e.description(), "expected " + e.expected().getSimpleName()
                            + " but got " + thrown);
                }
                String message = String.valueOf(thrown.getMessage());
                for (String fragment : e.fragments()) {
                    if (!message.contains(fragment)) {
                        throw new LawViolation(ERRORS, entry.name(), e.description(), "the message '" + message
                                + "' lacks '" + fragment + "'");
                    }
                }
                continue;
            }
            throw new LawViolation(ERRORS, entry.name(), e.description(), "no exception; expected "
                    + e.expected().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static void gradCheck(String law, OpCase c, Runnable check) {
        try {
            check.run();
        } catch (GradCheckFailure f) {
            GradCheckReport r = f.report();
            throw new LawViolation(law, c.name(), describe(c),
                    String.valueOf(r).replaceFirst("^gradient check failed: ", ""));
        }
    }

    /** Fresh leaves that require grad, with the inputs' values in the given dtype. */
    private static Tensor[] leaves(Tensor[] x, DType dtype) {
        Tensor[] leaves = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            leaves[i] = fresh(x[i], dtype).requiresGrad(true);
        }
        return leaves;
    }

    private static Tensor fresh(Tensor t, DType dtype) {
        return Tensor.wrap(t.toDoubleArray(), t.shape()).to(dtype).detach();
    }

    private static Tensor oneHot(Shape shape, int flat) {
        double[] v = new double[shape.numel()];
        v[flat] = 1;
        return Tensor.wrap(v, shape);
    }

    private static int[] index(Shape shape, int flat) {
        int[] idx = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            idx[d] = flat % shape.size(d);
            flat /= shape.size(d);
        }
        return idx;
    }

    private static String describe(OpCase c) {
        return c.toString();
    }

    /** The worst of a set of compared element pairs, by error relative to its tolerance. */
    private static final class Worst {
        private double ratio = -1;
        private Supplier<String> where = () -> "";

        void offer(double r, Supplier<String> description) {
            // NaN is worse than any number.
            if (Double.isNaN(r) ? !Double.isNaN(ratio) || ratio < 0 : r > ratio) {
                ratio = Double.isNaN(r) ? Double.NaN : r;
                where = description;
            }
        }

        void throwIfAbove(double limit, String law, OpCase c) {
            throwIfAbove(limit, law, c.name(), describe(c));
        }

        void throwIfAbove(double limit, String law, String op, String inputs) {
            if (Double.isNaN(ratio) || ratio > limit) {
                throw new LawViolation(law, op, inputs, where.get() + " (error " + (Double.isNaN(ratio) ? "NaN"
                        : String.format("%.3g", ratio)) + " times the tolerance)");
            }
        }
    }
}

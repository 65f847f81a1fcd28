package org.autodiff.vector;

import static jdk.incubator.vector.VectorOperators.COS;
import static jdk.incubator.vector.VectorOperators.EXP;
import static jdk.incubator.vector.VectorOperators.EXPM1;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LOG1P;
import static jdk.incubator.vector.VectorOperators.SIN;
import static jdk.incubator.vector.VectorOperators.TANH;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.ReduceKernel;
import org.autodiff.core.backend.UnaryKernel;

/**
 * The float64 kernels of {@link VectorBackend}, each over a range of a contiguous array. Only
 * {@link VectorBackend} calls them, and only once it knows that {@code jdk.incubator.vector} is
 * in the module graph: this is the class that links against it.
 *
 * <p>Every loop names its operator as a constant ({@code lanewise(EXP)}, not
 * {@code lanewise(op)} with op a parameter): C2 turns a Vector API call into SIMD instructions
 * only when the operator is known where it compiles the call, and a loop over a variable
 * operator ran about 100× slower, boxing every vector. Tails shorter than a vector run the
 * scalar formula of {@link org.autodiff.core.backend.JavaBackend}.
 */
final class DoubleKernels {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final int STEP = SPECIES.length();
    private static final DoubleVector ONE = DoubleVector.broadcast(SPECIES, 1.0);

    private DoubleKernels() {
    }

    /** {@code out[i] = f(x[i])} for i in [from, to); f is one that {@link VectorBackend#vectorises} names. */
    static void unary(UnaryKernel f, double[] x, double[] out, int from, int to) {
        int i = from, bound = from + SPECIES.loopBound(to - from);
        switch (f) {
            case NEG -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).neg().intoArray(out, i); }
            case ABS -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).abs().intoArray(out, i); }
            case SQRT -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).sqrt().intoArray(out, i); }
            // max keeps NaN, as Math.max does, and turns −0 into +0, as JavaBackend's relu does.
            case RELU -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).max(0.0).intoArray(out, i); }
            case EXP -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).lanewise(EXP).intoArray(out, i); }
            case EXPM1 -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).lanewise(EXPM1).intoArray(out, i); }
            case LOG -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).lanewise(LOG).intoArray(out, i); }
            case LOG1P -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).lanewise(LOG1P).intoArray(out, i); }
            case SIN -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).lanewise(SIN).intoArray(out, i); }
            case COS -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).lanewise(COS).intoArray(out, i); }
            case TANH -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).lanewise(TANH).intoArray(out, i); }
            case SIGMOID -> { for (; i < bound; i += STEP) sigmoid(DoubleVector.fromArray(SPECIES, x, i)).intoArray(out, i); }
            case SILU -> {
                for (; i < bound; i += STEP) {
                    DoubleVector v = DoubleVector.fromArray(SPECIES, x, i);
                    v.mul(sigmoid(v)).intoArray(out, i);
                }
            }
            default -> throw new IllegalArgumentException(f + " has no vector loop");
        }
        for (; i < to; i++) {
            out[i] = scalar(f, x[i]);
        }
    }

    /**
     * σ(x) = 1 / (1 + e^−x): for very negative x, e^−x overflows to +∞ and σ to +0, and where
     * 1 + e^−x rounds, the relative error stays that of one rounding, so one formula serves
     * every x (JavaBackend's two-branch form guards double's e/(1 + e) for the same reason).
     */
    private static DoubleVector sigmoid(DoubleVector v) {
        return ONE.div(v.neg().lanewise(EXP).add(ONE));
    }

    /** The tail's formulas, as JavaBackend computes them. */
    private static double scalar(UnaryKernel f, double x) {
        return switch (f) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SQRT -> Math.sqrt(x);
            case RELU -> Math.max(x, 0.0);
            case EXP -> Math.exp(x);
            case EXPM1 -> Math.expm1(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> (1.0 / (1.0 + Math.exp(-x)));
            case SILU -> x * (1.0 / (1.0 + Math.exp(-x)));
            default -> throw new IllegalArgumentException(f + " has no vector loop");
        };
    }
    // ---------------------------------------------------------------- two arguments

    /**
     * One row of a binary op: {@code out[oo + i] = a[ao + i·as] f b[bo + i·bs]} for i in [0, n),
     * where each of as, bs is 1 (a contiguous row) or 0 (one value for the whole row).
     */
    static void binaryRow(BinaryKernel f, double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
        int i = 0, bound = SPECIES.loopBound(n);
        if (as == 1 && bs == 1) {
            switch (f) {
                case ADD -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).add(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                case SUB -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).sub(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                case MUL -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).mul(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                case DIV -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).div(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                default -> throw new IllegalArgumentException(f + " has no vector loop");
            }
        } else if (as == 1) {
            double y = b[bo];
            switch (f) {
                case ADD -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).add(y).intoArray(out, oo + i); }
                case SUB -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).sub(y).intoArray(out, oo + i); }
                case MUL -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).mul(y).intoArray(out, oo + i); }
                case DIV -> { for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, a, ao + i).div(y).intoArray(out, oo + i); }
                default -> throw new IllegalArgumentException(f + " has no vector loop");
            }
        } else {
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[ao]);
            switch (f) {
                case ADD -> { for (; i < bound; i += STEP) x.add(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                case SUB -> { for (; i < bound; i += STEP) x.sub(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                case MUL -> { for (; i < bound; i += STEP) x.mul(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                case DIV -> { for (; i < bound; i += STEP) x.div(DoubleVector.fromArray(SPECIES, b, bo + i)).intoArray(out, oo + i); }
                default -> throw new IllegalArgumentException(f + " has no vector loop");
            }
        }
        for (; i < n; i++) {
            double p = a[ao + i * as], q = b[bo + i * bs];
            out[oo + i] = switch (f) {
                case ADD -> p + q;
                case SUB -> p - q;
                case MUL -> p * q;
                case DIV -> p / q;
                default -> throw new IllegalArgumentException(f + " has no vector loop");
            };
        }
    }

    /**
     * {@code target[i] += x[i] · alpha} for i in [from, to), a product then a sum, each rounded,
     * as JavaBackend computes it (no fused multiply-add), so the update is bit for bit the same.
     */
    static void addScaled(double[] target, double[] x, double alpha, int from, int to) {
        int i = from, bound = from + SPECIES.loopBound(to - from);
        for (; i < bound; i += STEP) {
            DoubleVector.fromArray(SPECIES, target, i).add(DoubleVector.fromArray(SPECIES, x, i).mul(alpha)).intoArray(target, i);
        }
        for (; i < to; i++) {
            target[i] += x[i] * alpha;
        }
    }

    // ---------------------------------------------------------------- reductions

    /**
     * f over x[from, from + len): SPECIES.length() running values, one per lane, combined at the
     * end by reduceLanes, and the tail added in order after them. The order of the additions
     * depends only on len and the lane count (fixed for a given JVM and CPU), never on threads.
     * MAX and MIN propagate NaN (lanewise MAX follows Math.max).
     */
    static double reduce(ReduceKernel f, double[] x, int from, int len) {
        int i = from, end = from + len, bound = from + SPECIES.loopBound(len);
        double acc;
        switch (f) {
            case SUM -> {
                // Two accumulators hide the latency of a vector addition, as JavaBackend's eight scalar ones do.
                DoubleVector s0 = DoubleVector.zero(SPECIES), s1 = DoubleVector.zero(SPECIES);
                for (; i + STEP < bound; i += 2 * STEP) {
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, x, i));
                    s1 = s1.add(DoubleVector.fromArray(SPECIES, x, i + STEP));
                }
                if (i < bound) {
                    s0 = s0.add(DoubleVector.fromArray(SPECIES, x, i));
                    i += STEP;
                }
                acc = s0.add(s1).reduceLanes(VectorOperators.ADD);
                for (; i < end; i++) acc += x[i];
            }
            case MAX -> {
                DoubleVector m = DoubleVector.broadcast(SPECIES, Double.NEGATIVE_INFINITY);
                for (; i < bound; i += STEP) m = m.max(DoubleVector.fromArray(SPECIES, x, i));
                acc = m.reduceLanes(VectorOperators.MAX);
                for (; i < end; i++) acc = Math.max(acc, x[i]);
            }
            case MIN -> {
                DoubleVector m = DoubleVector.broadcast(SPECIES, Double.POSITIVE_INFINITY);
                for (; i < bound; i += STEP) m = m.min(DoubleVector.fromArray(SPECIES, x, i));
                acc = m.reduceLanes(VectorOperators.MIN);
                for (; i < end; i++) acc = Math.min(acc, x[i]);
            }
            default -> throw new IllegalArgumentException(f + " has no vector loop");
        }
        return acc;
    }

    // ---------------------------------------------------------------- softmax

    /**
     * Softmax and log-softmax of the contiguous row x[from, to), as JavaBackend's row: shift by
     * the maximum (NaN if the row holds one), exp, sum, then divide (p) and subtract the log of
     * the sum (log p). The sum runs in lanes, so its
     * rounding differs from JavaBackend's single running sum.
     */
    static void softmaxRow(double[] x, int from, int to, double[] p, double[] logP) {
        double max = reduce(ReduceKernel.MAX, x, from, to - from);
        int bound = from + SPECIES.loopBound(to - from), i = from;
        DoubleVector sum = DoubleVector.zero(SPECIES);
        if (p != null) {
            for (; i < bound; i += STEP) {
                DoubleVector e = DoubleVector.fromArray(SPECIES, x, i).sub(max).lanewise(EXP);
                sum = sum.add(e);
                e.intoArray(p, i);
            }
        } else {
            for (; i < bound; i += STEP) sum = sum.add(DoubleVector.fromArray(SPECIES, x, i).sub(max).lanewise(EXP));
        }
        double total = sum.reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            double e = Math.exp(x[i] - max);
            total += e;
            if (p != null) p[i] = e;
        }
        if (p != null) {
            i = from;
            for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, p, i).div(total).intoArray(p, i);
            for (; i < to; i++) p[i] /= total;
        }
        if (logP != null) {
            double logTotal = Math.log(total);
            i = from;
            for (; i < bound; i += STEP) DoubleVector.fromArray(SPECIES, x, i).sub(max).sub(logTotal).intoArray(logP, i);
            for (; i < to; i++) logP[i] = (x[i] - max) - logTotal;
        }
    }
}

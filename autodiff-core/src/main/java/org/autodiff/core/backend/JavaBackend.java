package org.autodiff.core.backend;

/**
 * The default backend: plain Java loops, no dependencies. Elementwise kernels choose the
 * function once per row and then run a tight loop, so the JIT can compile each loop on its own;
 * large elementwise maps are split into one contiguous range per thread; matrix products are
 * cache-blocked and multi-threaded over tiles of the result (see {@link DoubleGemm}). Reductions
 * stay on one thread, so a sum does not change with the thread count.
 *
 * <p>Every float64 kernel has a float32 twin written the same way. float32 transcendental
 * functions are computed in double and rounded, as {@code java.lang.Math} only offers double;
 * exp and sigmoid, the ones training spends its time in, use {@link Scalars#exp(float)}, which
 * stops at float32 accuracy instead of paying for double's.
 */
public class JavaBackend implements Backend {

    private final WorkerPool workers;

    /**
     * A backend whose matrix products use {@code autodiff.threads} threads (system property),
     * by default one per available processor.
     */
    public JavaBackend() {
        this(Integer.getInteger("autodiff.threads", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A backend whose matrix products use {@code threads} threads (at least 1).
     *
     * @param threads the number of worker threads, at least 1
     */
    public JavaBackend(int threads) {
        this.workers = new WorkerPool(threads);
    }

    /**
     * The number of threads a matrix product runs on.
     *
     * @return the number of worker threads
     */
    public int threads() {
        return workers.threads();
    }

    @Override
    public String name() {
        return "java";
    }

    // ---------------------------------------------------------------- elementwise, one argument

    @Override
    public void unary(UnaryKernel f, double[] x, double[] out) {
        inParallel(x.length, 1, grain(f), (from, to) -> unary(f, x, out, from, to));
    }

    private static void unary(UnaryKernel f, double[] x, double[] out, int from, int to) {
        switch (f) {
            case NEG -> { for (int i = from; i < to; i++) out[i] = -x[i]; }
            case EXP -> { for (int i = from; i < to; i++) out[i] = Math.exp(x[i]); }
            case EXPM1 -> { for (int i = from; i < to; i++) out[i] = Math.expm1(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) out[i] = Math.log(x[i]); }
            case LOG1P -> { for (int i = from; i < to; i++) out[i] = Math.log1p(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) out[i] = Math.sqrt(x[i]); }
            case ABS -> { for (int i = from; i < to; i++) out[i] = Math.abs(x[i]); }
            case SIN -> { for (int i = from; i < to; i++) out[i] = Math.sin(x[i]); }
            case COS -> { for (int i = from; i < to; i++) out[i] = Math.cos(x[i]); }
            case TANH -> { for (int i = from; i < to; i++) out[i] = Math.tanh(x[i]); }
            case SIGMOID -> { for (int i = from; i < to; i++) out[i] = Scalars.sigmoid(x[i]); }
            // Math.max keeps NaN and has no branch, so the loop vectorises (about 9× faster than a ternary).
            case RELU -> { for (int i = from; i < to; i++) out[i] = Math.max(x[i], 0.0); }
            case SIGN -> { for (int i = from; i < to; i++) out[i] = Math.signum(x[i]); }
            case SOFTPLUS -> { for (int i = from; i < to; i++) out[i] = Scalars.softplus(x[i]); }
            case ERF -> { for (int i = from; i < to; i++) out[i] = Scalars.erf(x[i]); }
            case SILU -> { for (int i = from; i < to; i++) out[i] = x[i] * Scalars.sigmoid(x[i]); }
            case GELU_TANH -> { for (int i = from; i < to; i++) out[i] = Scalars.geluTanh(x[i]); }
            case GELU -> { for (int i = from; i < to; i++) out[i] = Scalars.gelu(x[i]); }
            case GELU_DERIVATIVE -> { for (int i = from; i < to; i++) out[i] = Scalars.geluDerivative(x[i]); }
        }
    }

    @Override
    public void unary(UnaryKernel f, float[] x, float[] out) {
        inParallel(x.length, 1, grain(f), (from, to) -> unary(f, x, out, from, to));
    }

    private static void unary(UnaryKernel f, float[] x, float[] out, int from, int to) {
        switch (f) {
            case NEG -> { for (int i = from; i < to; i++) out[i] = -x[i]; }
            case EXP -> { for (int i = from; i < to; i++) out[i] = Scalars.exp(x[i]); }
            case EXPM1 -> { for (int i = from; i < to; i++) out[i] = (float) Math.expm1(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) out[i] = (float) Math.log(x[i]); }
            case LOG1P -> { for (int i = from; i < to; i++) out[i] = (float) Math.log1p(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) out[i] = (float) Math.sqrt(x[i]); }
            case ABS -> { for (int i = from; i < to; i++) out[i] = Math.abs(x[i]); }
            case SIN -> { for (int i = from; i < to; i++) out[i] = (float) Math.sin(x[i]); }
            case COS -> { for (int i = from; i < to; i++) out[i] = (float) Math.cos(x[i]); }
            case TANH -> { for (int i = from; i < to; i++) out[i] = (float) Math.tanh(x[i]); }
            case SIGMOID -> { for (int i = from; i < to; i++) out[i] = Scalars.sigmoid(x[i]); }
            case RELU -> { for (int i = from; i < to; i++) out[i] = Math.max(x[i], 0f); }
            case SIGN -> { for (int i = from; i < to; i++) out[i] = Math.signum(x[i]); }
            case SOFTPLUS -> { for (int i = from; i < to; i++) out[i] = (float) Scalars.softplus(x[i]); }
            case ERF -> { for (int i = from; i < to; i++) out[i] = Scalars.erf(x[i]); }
            case SILU -> { for (int i = from; i < to; i++) out[i] = x[i] * Scalars.sigmoid(x[i]); }
            case GELU_TANH -> { for (int i = from; i < to; i++) out[i] = (float) Scalars.geluTanh(x[i]); }
            case GELU -> { for (int i = from; i < to; i++) out[i] = Scalars.gelu(x[i]); }
            case GELU_DERIVATIVE -> { for (int i = from; i < to; i++) out[i] = Scalars.geluDerivative(x[i]); }
        }
    }

    // ---------------------------------------------------------------- splitting work across threads

    /**
     * Below these many elements per thread, handing work to another thread costs more than it
     * saves: waking a worker takes tens of microseconds, what exp takes over about 2^14 elements.
     * Cheap maps (add, relu) are bound by memory, not arithmetic: measured on 2 cores, a split add
     * of 2^20 float32 elements was slower than one thread (0.64 against 0.51 ms), so they split
     * only beyond 2^20 per thread. Each element's result does not depend on how the range is
     * split, so results are the same for every thread count.
     */
    static final int CHEAP_ELEMENTS_PER_THREAD = 1 << 20, COSTLY_ELEMENTS_PER_THREAD = 1 << 14;

    /** The elements per thread worth splitting for: the lower bound for transcendental functions. */
    private static int grain(UnaryKernel f) {
        return switch (f) {
            case NEG, ABS, RELU, SIGN -> CHEAP_ELEMENTS_PER_THREAD;
            default -> COSTLY_ELEMENTS_PER_THREAD;
        };
    }

    private static int grain(BinaryKernel f) {
        return f == BinaryKernel.POW ? COSTLY_ELEMENTS_PER_THREAD : CHEAP_ELEMENTS_PER_THREAD;
    }

    /** A kernel over the index range [from, to). */
    private interface RangeTask {
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over n items of {@code itemSize} elements each, in as many contiguous
     * ranges of items as there are threads with at least {@code grain} elements to do.
     */
    private void inParallel(int n, int itemSize, int grain, RangeTask task) {
        long elements = (long) n * itemSize;
        int parts = (int) Math.min(workers.threads(), Math.min(n, elements / grain));
        if (parts <= 1) {
            task.run(0, n);
            return;
        }
        workers.run(parts, p -> task.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    // ---------------------------------------------------------------- elementwise, two arguments

    @Override
    public void binary(BinaryKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, double[] out, int[] outDims) {
        Rows rows = new Rows(outDims, aStrides, bStrides);
        int len = rows.length, as = rows.lastStride[0], bs = rows.lastStride[1];
        if (rows.count == 1 && hasWholeLoop(f, as, bs)) {
            inParallel(len, 1, grain(f), (from, to) -> binaryWhole(f, a, as, b, bs, out, from, to));
            return;
        }
        inParallel(rows.count, len, grain(f), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                binaryRow(f, a, rows.offset[0][r], as, b, rows.offset[1][r], bs, out, r * len, len);
            }
        });
    }

    /** Whether {@link #binaryWhole} has a loop for {@code f} with these last-dimension strides. */
    private static boolean hasWholeLoop(BinaryKernel f, int as, int bs) {
        boolean arithmetic = f == BinaryKernel.ADD || f == BinaryKernel.SUB || f == BinaryKernel.MUL || f == BinaryKernel.DIV;
        return arithmetic && ((as == 1 && bs == 1) || (as == 1 && bs == 0) || (as == 0 && bs == 1));
    }

    /**
     * The common cases over a whole tensor walked as one row (offsets 0), elements [from, to):
     * both operands contiguous, or one a single value (see {@link #hasWholeLoop}). Loops indexed
     * by i alone are the ones C2 vectorises.
     */
    private static void binaryWhole(BinaryKernel f, double[] a, int as, double[] b, int bs, double[] out, int from, int to) {
        if (as == 1 && bs == 1) {
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + b[i]; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - b[i]; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * b[i]; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / b[i]; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 1 && bs == 0) {
            double y = b[0];
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + y; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - y; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * y; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / y; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 0 && bs == 1) {
            double x = a[0];
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = x + b[i]; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = x - b[i]; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = x * b[i]; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = x / b[i]; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else {
            throw new IllegalArgumentException("no whole-tensor loop for strides " + as + ", " + bs);
        }
    }

    private static void binaryRow(BinaryKernel f, double[] a, int ao, int as, double[] b, int bo, int bs,
                                  double[] out, int oo, int n) {
        switch (f) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] + b[bo + i * bs]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] - b[bo + i * bs]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] * b[bo + i * bs]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] / b[bo + i * bs]; }
            case POW -> { for (int i = 0; i < n; i++) out[oo + i] = Math.pow(a[ao + i * as], b[bo + i * bs]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.max(a[ao + i * as], b[bo + i * bs]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.min(a[ao + i * as], b[bo + i * bs]); }
        }
    }

    @Override
    public void binary(BinaryKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outDims) {
        Rows rows = new Rows(outDims, aStrides, bStrides);
        int len = rows.length, as = rows.lastStride[0], bs = rows.lastStride[1];
        if (rows.count == 1 && hasWholeLoop(f, as, bs)) {
            inParallel(len, 1, grain(f), (from, to) -> binaryWhole(f, a, as, b, bs, out, from, to));
            return;
        }
        inParallel(rows.count, len, grain(f), (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                binaryRow(f, a, rows.offset[0][r], as, b, rows.offset[1][r], bs, out, r * len, len);
            }
        });
    }

    /**
     * The common cases over a whole tensor walked as one row (offsets 0), elements [from, to):
     * both operands contiguous, or one a single value (see {@link #hasWholeLoop}). Loops indexed
     * by i alone are the ones C2 vectorises.
     */
    private static void binaryWhole(BinaryKernel f, float[] a, int as, float[] b, int bs, float[] out, int from, int to) {
        if (as == 1 && bs == 1) {
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + b[i]; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - b[i]; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * b[i]; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / b[i]; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 1 && bs == 0) {
            float y = b[0];
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + y; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - y; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * y; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / y; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 0 && bs == 1) {
            float x = a[0];
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = x + b[i]; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = x - b[i]; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = x * b[i]; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = x / b[i]; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else {
            throw new IllegalArgumentException("no whole-tensor loop for strides " + as + ", " + bs);
        }
    }

    private static void binaryRow(BinaryKernel f, float[] a, int ao, int as, float[] b, int bo, int bs,
                                  float[] out, int oo, int n) {
        switch (f) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] + b[bo + i * bs]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] - b[bo + i * bs]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] * b[bo + i * bs]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] / b[bo + i * bs]; }
            case POW -> { for (int i = 0; i < n; i++) out[oo + i] = (float) Math.pow(a[ao + i * as], b[bo + i * bs]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.max(a[ao + i * as], b[bo + i * bs]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.min(a[ao + i * as], b[bo + i * bs]); }
        }
    }

    // ---------------------------------------------------------------- comparisons and where

    @Override
    public void compare(CompareKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, boolean[] out,
                        int[] outDims) {
        Rows rows = new Rows(outDims, aStrides, bStrides);
        int len = rows.length, as = rows.lastStride[0], bs = rows.lastStride[1];
        inParallel(rows.count, len, CHEAP_ELEMENTS_PER_THREAD, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                compareRow(f, a, rows.offset[0][r], as, b, rows.offset[1][r], bs, out, r * len, len);
            }
        });
    }

    private static void compareRow(CompareKernel f, double[] a, int ao, int as, double[] b, int bo, int bs,
                                   boolean[] out, int oo, int n) {
        switch (f) {
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] == b[bo + i * bs]; }
            case NE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] != b[bo + i * bs]; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] < b[bo + i * bs]; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] <= b[bo + i * bs]; }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] > b[bo + i * bs]; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] >= b[bo + i * bs]; }
        }
    }

    @Override
    public void compare(CompareKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, boolean[] out,
                        int[] outDims) {
        Rows rows = new Rows(outDims, aStrides, bStrides);
        int len = rows.length, as = rows.lastStride[0], bs = rows.lastStride[1];
        inParallel(rows.count, len, CHEAP_ELEMENTS_PER_THREAD, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                compareRow(f, a, rows.offset[0][r], as, b, rows.offset[1][r], bs, out, r * len, len);
            }
        });
    }

    private static void compareRow(CompareKernel f, float[] a, int ao, int as, float[] b, int bo, int bs,
                                   boolean[] out, int oo, int n) {
        switch (f) {
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] == b[bo + i * bs]; }
            case NE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] != b[bo + i * bs]; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] < b[bo + i * bs]; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] <= b[bo + i * bs]; }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] > b[bo + i * bs]; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] >= b[bo + i * bs]; }
        }
    }

    @Override
    public void where(boolean[] cond, int[] cStrides, double[] a, int[] aStrides, double[] b, int[] bStrides,
                      double[] out, int[] outDims) {
        Rows rows = new Rows(outDims, cStrides, aStrides, bStrides);
        int len = rows.length, cs = rows.lastStride[0], as = rows.lastStride[1], bs = rows.lastStride[2];
        for (int r = 0; r < rows.count; r++) {
            int co = rows.offset[0][r], ao = rows.offset[1][r], bo = rows.offset[2][r], oo = r * len;
            for (int i = 0; i < len; i++) {
                out[oo + i] = cond[co + i * cs] ? a[ao + i * as] : b[bo + i * bs];
            }
        }
    }

    @Override
    public void where(boolean[] cond, int[] cStrides, float[] a, int[] aStrides, float[] b, int[] bStrides,
                      float[] out, int[] outDims) {
        Rows rows = new Rows(outDims, cStrides, aStrides, bStrides);
        int len = rows.length, cs = rows.lastStride[0], as = rows.lastStride[1], bs = rows.lastStride[2];
        for (int r = 0; r < rows.count; r++) {
            int co = rows.offset[0][r], ao = rows.offset[1][r], bo = rows.offset[2][r], oo = r * len;
            for (int i = 0; i < len; i++) {
                out[oo + i] = cond[co + i * cs] ? a[ao + i * as] : b[bo + i * bs];
            }
        }
    }

    // ---------------------------------------------------------------- reductions

    /**
     * Σ x[from, from + len) with four independent partial sums: the additions no longer wait on
     * each other, which makes a long row several times faster, and the error grows more slowly
     * than with one running sum.
     */
    private static double rowSum(double[] x, int from, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += x[from + i];
            s1 += x[from + i + 1];
            s2 += x[from + i + 2];
            s3 += x[from + i + 3];
        }
        for (; i < len; i++) {
            s0 += x[from + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The float32 twin of {@link #rowSum(double[], int, int)}. */
    private static float rowSum(float[] x, int from, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 += x[from + i];
            s1 += x[from + i + 1];
            s2 += x[from + i + 2];
            s3 += x[from + i + 3];
        }
        for (; i < len; i++) {
            s0 += x[from + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void reduce(ReduceKernel f, double[] x, int[] dims, boolean[] reduced, double[] out) {
        java.util.Arrays.fill(out, f == ReduceKernel.SUM ? 0 : f == ReduceKernel.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        Rows rows = new Rows(dims, contiguousStrides(dims), keptStrides(dims, reduced));
        int len = rows.length, os = rows.lastStride[1];
        for (int r = 0; r < rows.count; r++) {
            int xo = rows.offset[0][r], oo = rows.offset[1][r];
            switch (f) {
                case SUM -> {
                    if (os == 0) {
                        out[oo] += rowSum(x, xo, len);
                    } else {
                        for (int i = 0; i < len; i++) out[oo + i * os] += x[xo + i];
                    }
                }
                case MAX -> { for (int i = 0; i < len; i++) { double v = x[xo + i]; int o = oo + i * os; if (v > out[o] || v != v) out[o] = v; } }
                case MIN -> { for (int i = 0; i < len; i++) { double v = x[xo + i]; int o = oo + i * os; if (v < out[o] || v != v) out[o] = v; } }
            }
        }
    }

    @Override
    public void reduce(ReduceKernel f, float[] x, int[] dims, boolean[] reduced, float[] out) {
        java.util.Arrays.fill(out, f == ReduceKernel.SUM ? 0 : f == ReduceKernel.MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        Rows rows = new Rows(dims, contiguousStrides(dims), keptStrides(dims, reduced));
        int len = rows.length, os = rows.lastStride[1];
        for (int r = 0; r < rows.count; r++) {
            int xo = rows.offset[0][r], oo = rows.offset[1][r];
            switch (f) {
                case SUM -> {
                    if (os == 0) {
                        out[oo] += rowSum(x, xo, len);
                    } else {
                        for (int i = 0; i < len; i++) out[oo + i * os] += x[xo + i];
                    }
                }
                case MAX -> { for (int i = 0; i < len; i++) { float v = x[xo + i]; int o = oo + i * os; if (v > out[o] || v != v) out[o] = v; } }
                case MIN -> { for (int i = 0; i < len; i++) { float v = x[xo + i]; int o = oo + i * os; if (v < out[o] || v != v) out[o] = v; } }
            }
        }
    }

    @Override
    public int[] argReduce(boolean max, double[] x, int[] dims, int dim) {
        int outer = 1, inner = 1, size = dims[dim];
        for (int d = 0; d < dim; d++) outer *= dims[d];
        for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
        int[] idx = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * size * inner + in, best = base;
                double bv = x[base];
                for (int j = 1; j < size && bv == bv; j++) {
                    double v = x[base + j * inner];
                    if (v != v || (max ? v > bv : v < bv)) {
                        bv = v;
                        best = base + j * inner;
                    }
                }
                idx[o * inner + in] = best;
            }
        }
        return idx;
    }

    @Override
    public int[] argReduce(boolean max, float[] x, int[] dims, int dim) {
        int outer = 1, inner = 1, size = dims[dim];
        for (int d = 0; d < dim; d++) outer *= dims[d];
        for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
        int[] idx = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * size * inner + in, best = base;
                float bv = x[base];
                for (int j = 1; j < size && bv == bv; j++) {
                    float v = x[base + j * inner];
                    if (v != v || (max ? v > bv : v < bv)) {
                        bv = v;
                        best = base + j * inner;
                    }
                }
                idx[o * inner + in] = best;
            }
        }
        return idx;
    }

    // ---------------------------------------------------------------- softmax

    @Override
    public void softmax(double[] x, int outer, int size, int inner, double[] probabilities, double[] logProbabilities) {
        inParallel(outer, size * inner, COSTLY_ELEMENTS_PER_THREAD, (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                for (int in = 0; in < inner; in++) {
                    softmaxLine(x, o * size * inner + in, inner, size, probabilities, logProbabilities);
                }
            }
        });
    }

    /** One line of {@link #softmax(double[], int, int, int, double[], double[])}: three passes, one exp per element. */
    private static void softmaxLine(double[] x, int base, int stride, int size, double[] p, double[] logP) {
        int end = base + size * stride;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = base; i < end; i += stride) {
            double v = x[i];
            if (v > max || v != v) max = v;
        }
        double total = 0;
        for (int i = base; i < end; i += stride) {
            double e = Math.exp(x[i] - max);
            total += e;
            if (p != null) p[i] = e;
        }
        double logTotal = Math.log(total);
        for (int i = base; i < end; i += stride) {
            if (p != null) p[i] /= total;
            if (logP != null) logP[i] = (x[i] - max) - logTotal;
        }
    }

    @Override
    public void softmax(float[] x, int outer, int size, int inner, float[] probabilities, float[] logProbabilities) {
        inParallel(outer, size * inner, COSTLY_ELEMENTS_PER_THREAD, (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                for (int in = 0; in < inner; in++) {
                    softmaxLine(x, o * size * inner + in, inner, size, probabilities, logProbabilities);
                }
            }
        });
    }

    /** The float32 twin of {@link #softmaxLine(double[], int, int, int, double[], double[])}; the sum is kept in double. */
    private static void softmaxLine(float[] x, int base, int stride, int size, float[] p, float[] logP) {
        int end = base + size * stride;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = base; i < end; i += stride) {
            float v = x[i];
            if (v > max || v != v) max = v;
        }
        double total = 0;
        for (int i = base; i < end; i += stride) {
            float e = Scalars.exp(x[i] - max);
            total += e;
            if (p != null) p[i] = e;
        }
        float logTotal = (float) Math.log(total);
        for (int i = base; i < end; i += stride) {
            if (p != null) p[i] = (float) (p[i] / total);
            if (logP != null) logP[i] = (x[i] - max) - logTotal;
        }
    }

    // ---------------------------------------------------------------- data movement

    @Override
    public void take(double[] x, int[] map, double fill, double[] out) {
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            out[i] = j >= 0 ? x[j] : fill;
        }
    }

    @Override
    public void take(float[] x, int[] map, double fill, float[] out) {
        float f = (float) fill;
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            out[i] = j >= 0 ? x[j] : f;
        }
    }

    @Override
    public void put(double[] x, int[] map, double[] out) {
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            if (j >= 0) out[j] += x[i];
        }
    }

    @Override
    public void put(float[] x, int[] map, float[] out) {
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            if (j >= 0) out[j] += x[i];
        }
    }

    // ---------------------------------------------------------------- matrix product

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset) {
        DoubleGemm.gemm(workers, transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        FloatGemm.gemm(workers, transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    // ---------------------------------------------------------------- strided iteration

    static int[] contiguousStrides(int[] dims) {
        int[] s = new int[dims.length];
        for (int i = dims.length - 1, stride = 1; i >= 0; i--) {
            s[i] = stride;
            stride *= dims[i];
        }
        return s;
    }

    /** Strides into the reduced output: 0 along reduced dims, row-major over the kept ones. */
    static int[] keptStrides(int[] dims, boolean[] reduced) {
        int[] s = new int[dims.length];
        for (int i = dims.length - 1, stride = 1; i >= 0; i--) {
            if (!reduced[i]) {
                s[i] = stride;
                stride *= dims[i];
            }
        }
        return s;
    }

    /**
     * The rows (all dimensions but the last) of a row-major shape, with each operand's offset at
     * the start of every row and its stride along the last dimension; kernels loop over rows and
     * run a tight loop within each.
     */
    static final class Rows {
        final int count;
        final int length;
        final int[][] offset;
        final int[] lastStride;

        Rows(int[] shape, int[]... operandStrides) {
            // Drop size-1 dimensions and merge neighbours that every operand (and the contiguous
            // output) walks as one, so a contiguous or scalar-broadcast operation is a single row.
            int[] dims = new int[shape.length];
            int[][] strides = new int[operandStrides.length][shape.length];
            int rank = 0;
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] == 1) {
                    continue;
                }
                boolean merge = rank > 0;
                for (int op = 0; op < strides.length && merge; op++) {
                    merge = strides[op][rank - 1] == operandStrides[op][d] * shape[d];
                }
                if (merge) {
                    dims[rank - 1] *= shape[d];
                } else {
                    dims[rank++] = shape[d];
                }
                for (int op = 0; op < strides.length; op++) {
                    strides[op][rank - 1] = operandStrides[op][d];
                }
            }
            length = rank == 0 ? 1 : dims[rank - 1];
            int rowCount = 1;
            for (int d = 0; d < rank - 1; d++) rowCount *= dims[d];
            count = length == 0 ? 0 : rowCount;
            offset = new int[strides.length][count];
            lastStride = new int[strides.length];
            for (int op = 0; op < strides.length; op++) {
                lastStride[op] = rank == 0 ? 0 : strides[op][rank - 1];
            }
            int[] index = new int[Math.max(rank - 1, 0)];
            int[] cur = new int[strides.length];
            for (int r = 0; r < count; r++) {
                for (int op = 0; op < strides.length; op++) {
                    offset[op][r] = cur[op];
                }
                // Advance the multi-index over the leading dimensions, odometer style.
                for (int d = rank - 2; d >= 0; d--) {
                    index[d]++;
                    for (int op = 0; op < strides.length; op++) cur[op] += strides[op][d];
                    if (index[d] < dims[d]) break;
                    for (int op = 0; op < strides.length; op++) cur[op] -= strides[op][d] * dims[d];
                    index[d] = 0;
                }
            }
        }
    }
}

package org.autodiff.core.backend;

/**
 * The default backend: plain Java loops, no dependencies. Elementwise kernels choose the
 * function once per row and then run a tight loop, so the JIT can compile each loop on its own;
 * large elementwise maps are split into one contiguous range per thread; matrix products are
 * cache-blocked and multi-threaded over tiles of the result (see {@link DoubleGemm}). Reductions
 * split across threads too, but only where each output is computed by one thread in a fixed
 * order (or from fixed blocks combined in a fixed order), so a sum does not change with the
 * thread count.
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
     * saves: waking a worker and joining it takes some microseconds, what exp takes over about
     * 2^12 elements and an add over about 2^15. (An earlier cut-off of 2^20 for cheap maps came
     * from adds of 2^20 fresh elements, bound by memory; training works on tensors of 2^14 to
     * 2^18 elements that stay in the caches, where a second core pays, see
     * {@code ThreadCutoffBenchmark} in autodiff-bench.) Each element's result does not depend on
     * how the range is split, so results are the same for every thread count. The system
     * properties {@code autodiff.grain.cheap} and {@code autodiff.grain.costly} override them, for
     * measuring the cut-off on another machine ({@code ThreadCutoffBenchmark} sweeps them).
     */
    static final int CHEAP_ELEMENTS_PER_THREAD = Math.max(1, Integer.getInteger("autodiff.grain.cheap", 1 << 15)),
            COSTLY_ELEMENTS_PER_THREAD = Math.max(1, Integer.getInteger("autodiff.grain.costly", 1 << 12));

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

    /**
     * Runs {@code task.accept(p)} for every part p in [0, parts) on this backend's worker threads
     * and returns when all are done: for a subclass that splits a kernel of its own (such as a
     * native matrix product cut into row blocks) over the same threads as the Java kernels.
     *
     * @param parts the number of independent parts
     * @param task the work of one part
     */
    protected final void runParts(int parts, java.util.function.IntConsumer task) {
        workers.run(parts, task);
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
            inParallel(len, 1, grain(f), (from, to) -> binaryWhole(f, a, as, b, bs, out, from, to, 0));
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
     * both operands contiguous, or one a single value, at {@code scalarAt} (see
     * {@link #hasWholeLoop}). Loops indexed by i alone are the ones C2 vectorises.
     */
    private static void binaryWhole(BinaryKernel f, double[] a, int as, double[] b, int bs, double[] out, int from, int to,
                                    int scalarAt) {
        if (as == 1 && bs == 1) {
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + b[i]; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - b[i]; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * b[i]; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / b[i]; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 1 && bs == 0) {
            double y = b[scalarAt];
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + y; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - y; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * y; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / y; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 0 && bs == 1) {
            double x = a[scalarAt];
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
        // A contiguous row that sits where its result goes, against one value of the other
        // operand (a row's sum or maximum, a per-row scale, as in softmax and its gradient): the
        // whole-tensor loop indexes both arrays alike, the shape C2 vectorises.
        if (hasWholeLoop(f, as, bs) && (as == 1 ? ao == oo && bs == 0 : bo == oo && as == 0)) {
            binaryWhole(f, a, as, b, bs, out, oo, oo + n, as == 1 ? bo : ao);
            return;
        }
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
            inParallel(len, 1, grain(f), (from, to) -> binaryWhole(f, a, as, b, bs, out, from, to, 0));
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
     * both operands contiguous, or one a single value, at {@code scalarAt} (see
     * {@link #hasWholeLoop}). Loops indexed by i alone are the ones C2 vectorises.
     */
    private static void binaryWhole(BinaryKernel f, float[] a, int as, float[] b, int bs, float[] out, int from, int to,
                                    int scalarAt) {
        if (as == 1 && bs == 1) {
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + b[i]; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - b[i]; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * b[i]; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / b[i]; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 1 && bs == 0) {
            float y = b[scalarAt];
            switch (f) {
                case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + y; }
                case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - y; }
                case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * y; }
                case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / y; }
                default -> throw new IllegalArgumentException(f + " has no whole-tensor loop");
            }
        } else if (as == 0 && bs == 1) {
            float x = a[scalarAt];
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
        // A contiguous row that sits where its result goes, against one value of the other
        // operand (a row's sum or maximum, a per-row scale, as in softmax and its gradient): the
        // whole-tensor loop indexes both arrays alike, the shape C2 vectorises.
        if (hasWholeLoop(f, as, bs) && (as == 1 ? ao == oo && bs == 0 : bo == oo && as == 0)) {
            binaryWhole(f, a, as, b, bs, out, oo, oo + n, as == 1 ? bo : ao);
            return;
        }
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

    // ---------------------------------------------------------------- in-place update

    @Override
    public void addScaled(double[] target, double[] x, double alpha) {
        inParallel(target.length, 1, CHEAP_ELEMENTS_PER_THREAD, (from, to) -> {
            for (int i = from; i < to; i++) {
                target[i] += x[i] * alpha;
            }
        });
    }

    @Override
    public void addScaled(float[] target, float[] x, float alpha) {
        inParallel(target.length, 1, CHEAP_ELEMENTS_PER_THREAD, (from, to) -> {
            for (int i = from; i < to; i++) {
                target[i] += x[i] * alpha;
            }
        });
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
        inParallel(rows.count, len, CHEAP_ELEMENTS_PER_THREAD, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int co = rows.offset[0][r], ao = rows.offset[1][r], bo = rows.offset[2][r], oo = r * len;
                for (int i = 0; i < len; i++) {
                    out[oo + i] = cond[co + i * cs] ? a[ao + i * as] : b[bo + i * bs];
                }
            }
        });
    }

    @Override
    public void where(boolean[] cond, int[] cStrides, float[] a, int[] aStrides, float[] b, int[] bStrides,
                      float[] out, int[] outDims) {
        Rows rows = new Rows(outDims, cStrides, aStrides, bStrides);
        int len = rows.length, cs = rows.lastStride[0], as = rows.lastStride[1], bs = rows.lastStride[2];
        inParallel(rows.count, len, CHEAP_ELEMENTS_PER_THREAD, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int co = rows.offset[0][r], ao = rows.offset[1][r], bo = rows.offset[2][r], oo = r * len;
                for (int i = 0; i < len; i++) {
                    out[oo + i] = cond[co + i * cs] ? a[ao + i * as] : b[bo + i * bs];
                }
            }
        });
    }

    // ---------------------------------------------------------------- reductions

    /**
     * A full reduction (every element into one value) is cut into blocks of this many elements,
     * each reduced on its own, then the blocks' results are combined in block order. The blocks
     * do not depend on the thread count, so neither does the result: threads only decide who
     * computes which block.
     */
    static final int REDUCE_BLOCK = 1 << 15;

    /**
     * Σ x[from, from + len) with eight independent partial sums: the additions no longer wait on
     * each other (an addition's latency is several cycles, and two can start per cycle), which
     * makes a long row several times faster than one running sum, and the error grows more slowly.
     */
    private static double rowSum(double[] x, int from, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from, end = from + len;
        for (; i + 7 < end; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < end; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** The float32 twin of {@link #rowSum(double[], int, int)}. */
    private static float rowSum(float[] x, int from, int len) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from, end = from + len;
        for (; i + 7 < end; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < end; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code acc} combined with f over x[from, from + len); MAX and MIN keep the first NaN they meet. */
    private static double reduceRow(ReduceKernel f, double[] x, int from, int len, double acc) {
        switch (f) {
            case SUM -> acc += rowSum(x, from, len);
            case MAX -> { for (int i = from, end = from + len; i < end; i++) { double v = x[i]; if (v > acc || v != v) acc = v; } }
            case MIN -> { for (int i = from, end = from + len; i < end; i++) { double v = x[i]; if (v < acc || v != v) acc = v; } }
        }
        return acc;
    }

    /** The float32 twin of {@link #reduceRow(ReduceKernel, double[], int, int, double)}. */
    private static float reduceRow(ReduceKernel f, float[] x, int from, int len, float acc) {
        switch (f) {
            case SUM -> acc += rowSum(x, from, len);
            case MAX -> { for (int i = from, end = from + len; i < end; i++) { float v = x[i]; if (v > acc || v != v) acc = v; } }
            case MIN -> { for (int i = from, end = from + len; i < end; i++) { float v = x[i]; if (v < acc || v != v) acc = v; } }
        }
        return acc;
    }

    /**
     * Reduces with each output computed by one thread in one fixed order, so the result is the
     * same for every thread count: rows that each own an output are split across threads; when
     * the last dimension is kept, threads split its columns and each walks all rows in order;
     * a full reduction is cut into fixed blocks ({@link #REDUCE_BLOCK}). Other layouts (several
     * rows into one output, e.g. a sum over the first and last of three dims) run on one thread.
     */
    @Override
    public void reduce(ReduceKernel f, double[] x, int[] dims, boolean[] reduced, double[] out) {
        double identity = f == ReduceKernel.SUM ? 0 : f == ReduceKernel.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        java.util.Arrays.fill(out, identity);
        Rows rows = new Rows(dims, contiguousStrides(dims), keptStrides(dims, reduced));
        int len = rows.length, os = rows.lastStride[1];
        if (os != 0) {
            inParallel(len, rows.count, CHEAP_ELEMENTS_PER_THREAD, (c0, c1) -> reduceColumns(f, x, rows, os, out, c0, c1));
        } else if (rows.count == 1 && len > REDUCE_BLOCK) {
            int blocks = (len + REDUCE_BLOCK - 1) / REDUCE_BLOCK, xo = rows.offset[0][0];
            double[] partial = new double[blocks];
            inParallel(blocks, REDUCE_BLOCK, CHEAP_ELEMENTS_PER_THREAD, (b0, b1) -> {
                for (int b = b0; b < b1; b++) {
                    int from = b * REDUCE_BLOCK;
                    partial[b] = reduceRow(f, x, xo + from, Math.min(REDUCE_BLOCK, len - from), identity);
                }
            });
            out[rows.offset[1][0]] = reduceRow(f, partial, 0, blocks, identity);
        } else if (rows.count == out.length) {
            inParallel(rows.count, len, CHEAP_ELEMENTS_PER_THREAD, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int oo = rows.offset[1][r];
                    out[oo] = reduceRow(f, x, rows.offset[0][r], len, out[oo]);
                }
            });
        } else {
            for (int r = 0; r < rows.count; r++) {
                int oo = rows.offset[1][r];
                out[oo] = reduceRow(f, x, rows.offset[0][r], len, out[oo]);
            }
        }
    }

    /**
     * Columns [c0, c1) of every row into their outputs, rows in order. A sum over contiguous
     * outputs takes four rows per pass when they share their outputs, adding them in the same
     * order as one row at a time but loading and storing each output once instead of four times.
     */
    private static void reduceColumns(ReduceKernel f, double[] x, Rows rows, int os, double[] out, int c0, int c1) {
        int len = rows.length, r = 0;
        int[] xOff = rows.offset[0], oOff = rows.offset[1];
        if (f == ReduceKernel.SUM && os == 1) {
            for (; r + 3 < rows.count; r += 4) {
                int o = oOff[r];
                if (oOff[r + 1] != o || oOff[r + 2] != o || oOff[r + 3] != o) {
                    break;
                }
                int x0 = xOff[r], x1 = xOff[r + 1], x2 = xOff[r + 2], x3 = xOff[r + 3];
                for (int i = c0; i < c1; i++) {
                    out[o + i] = (((out[o + i] + x[x0 + i]) + x[x1 + i]) + x[x2 + i]) + x[x3 + i];
                }
            }
        }
        for (; r < rows.count; r++) {
            int xo = xOff[r], oo = oOff[r];
            switch (f) {
                case SUM -> { for (int i = c0; i < c1; i++) out[oo + i * os] += x[xo + i]; }
                case MAX -> { for (int i = c0; i < c1; i++) { double v = x[xo + i]; int o = oo + i * os; if (v > out[o] || v != v) out[o] = v; } }
                case MIN -> { for (int i = c0; i < c1; i++) { double v = x[xo + i]; int o = oo + i * os; if (v < out[o] || v != v) out[o] = v; } }
            }
        }
    }

    @Override
    public void reduce(ReduceKernel f, float[] x, int[] dims, boolean[] reduced, float[] out) {
        float identity = f == ReduceKernel.SUM ? 0 : f == ReduceKernel.MAX ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        java.util.Arrays.fill(out, identity);
        Rows rows = new Rows(dims, contiguousStrides(dims), keptStrides(dims, reduced));
        int len = rows.length, os = rows.lastStride[1];
        if (os != 0) {
            inParallel(len, rows.count, CHEAP_ELEMENTS_PER_THREAD, (c0, c1) -> reduceColumns(f, x, rows, os, out, c0, c1));
        } else if (rows.count == 1 && len > REDUCE_BLOCK) {
            int blocks = (len + REDUCE_BLOCK - 1) / REDUCE_BLOCK, xo = rows.offset[0][0];
            float[] partial = new float[blocks];
            inParallel(blocks, REDUCE_BLOCK, CHEAP_ELEMENTS_PER_THREAD, (b0, b1) -> {
                for (int b = b0; b < b1; b++) {
                    int from = b * REDUCE_BLOCK;
                    partial[b] = reduceRow(f, x, xo + from, Math.min(REDUCE_BLOCK, len - from), identity);
                }
            });
            out[rows.offset[1][0]] = reduceRow(f, partial, 0, blocks, identity);
        } else if (rows.count == out.length) {
            inParallel(rows.count, len, CHEAP_ELEMENTS_PER_THREAD, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int oo = rows.offset[1][r];
                    out[oo] = reduceRow(f, x, rows.offset[0][r], len, out[oo]);
                }
            });
        } else {
            for (int r = 0; r < rows.count; r++) {
                int oo = rows.offset[1][r];
                out[oo] = reduceRow(f, x, rows.offset[0][r], len, out[oo]);
            }
        }
    }

    /** The float32 twin of {@link #reduceColumns(ReduceKernel, double[], Rows, int, double[], int, int)}. */
    private static void reduceColumns(ReduceKernel f, float[] x, Rows rows, int os, float[] out, int c0, int c1) {
        int len = rows.length, r = 0;
        int[] xOff = rows.offset[0], oOff = rows.offset[1];
        if (f == ReduceKernel.SUM && os == 1) {
            for (; r + 3 < rows.count; r += 4) {
                int o = oOff[r];
                if (oOff[r + 1] != o || oOff[r + 2] != o || oOff[r + 3] != o) {
                    break;
                }
                int x0 = xOff[r], x1 = xOff[r + 1], x2 = xOff[r + 2], x3 = xOff[r + 3];
                for (int i = c0; i < c1; i++) {
                    out[o + i] = (((out[o + i] + x[x0 + i]) + x[x1 + i]) + x[x2 + i]) + x[x3 + i];
                }
            }
        }
        for (; r < rows.count; r++) {
            int xo = xOff[r], oo = oOff[r];
            switch (f) {
                case SUM -> { for (int i = c0; i < c1; i++) out[oo + i * os] += x[xo + i]; }
                case MAX -> { for (int i = c0; i < c1; i++) { float v = x[xo + i]; int o = oo + i * os; if (v > out[o] || v != v) out[o] = v; } }
                case MIN -> { for (int i = c0; i < c1; i++) { float v = x[xo + i]; int o = oo + i * os; if (v < out[o] || v != v) out[o] = v; } }
            }
        }
    }

    /**
     * For each position along all dims but {@code dim}, the first extreme element along
     * {@code dim}; positions are split across threads (each writes only its own indices).
     */
    @Override
    public int[] argReduce(boolean max, double[] x, int[] dims, int dim) {
        int outer = 1, inner = 1, size = dims[dim];
        for (int d = 0; d < dim; d++) outer *= dims[d];
        for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
        int[] idx = new int[outer * inner];
        int in0 = inner;
        inParallel(outer, size * inner, CHEAP_ELEMENTS_PER_THREAD, (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                for (int in = 0; in < in0; in++) {
                    int base = o * size * in0 + in, best = base;
                    double bv = x[base];
                    for (int j = 1; j < size && bv == bv; j++) {
                        double v = x[base + j * in0];
                        if (v != v || (max ? v > bv : v < bv)) {
                            bv = v;
                            best = base + j * in0;
                        }
                    }
                    idx[o * in0 + in] = best;
                }
            }
        });
        return idx;
    }

    @Override
    public int[] argReduce(boolean max, float[] x, int[] dims, int dim) {
        int outer = 1, inner = 1, size = dims[dim];
        for (int d = 0; d < dim; d++) outer *= dims[d];
        for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
        int[] idx = new int[outer * inner];
        int in0 = inner;
        inParallel(outer, size * inner, CHEAP_ELEMENTS_PER_THREAD, (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                for (int in = 0; in < in0; in++) {
                    int base = o * size * in0 + in, best = base;
                    float bv = x[base];
                    for (int j = 1; j < size && bv == bv; j++) {
                        float v = x[base + j * in0];
                        if (v != v || (max ? v > bv : v < bv)) {
                            bv = v;
                            best = base + j * in0;
                        }
                    }
                    idx[o * in0 + in] = best;
                }
            }
        });
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
        if (stride == 1) {
            softmaxRow(x, base, base + size, p, logP);
            return;
        }
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

    /**
     * {@link #softmaxLine(double[], int, int, int, double[], double[])} for a contiguous line (softmax
     * over the last dim, the common case), the same arithmetic in the same order: loops that step
     * by 1 are counted loops, which C2 unrolls, while a variable stride leaves them plain.
     */
    private static void softmaxRow(double[] x, int from, int to, double[] p, double[] logP) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            double v = x[i];
            if (v > max || v != v) max = v;
        }
        double total = 0;
        if (p != null) {
            for (int i = from; i < to; i++) {
                double e = Math.exp(x[i] - max);
                total += e;
                p[i] = e;
            }
        } else {
            for (int i = from; i < to; i++) total += Math.exp(x[i] - max);
        }
        double logTotal = Math.log(total);
        if (p != null) {
            for (int i = from; i < to; i++) p[i] /= total;
        }
        if (logP != null) {
            for (int i = from; i < to; i++) logP[i] = (x[i] - max) - logTotal;
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
        if (stride == 1) {
            softmaxRow(x, base, base + size, p, logP);
            return;
        }
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

    /** The float32 twin of {@link #softmaxRow(double[], int, int, double[], double[])}. */
    private static void softmaxRow(float[] x, int from, int to, float[] p, float[] logP) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = x[i];
            if (v > max || v != v) max = v;
        }
        double total = 0;
        if (p != null) {
            for (int i = from; i < to; i++) {
                float e = Scalars.exp(x[i] - max);
                total += e;
                p[i] = e;
            }
        } else {
            for (int i = from; i < to; i++) total += Scalars.exp(x[i] - max);
        }
        float logTotal = (float) Math.log(total);
        if (p != null) {
            for (int i = from; i < to; i++) p[i] = (float) (p[i] / total);
        }
        if (logP != null) {
            for (int i = from; i < to; i++) logP[i] = (x[i] - max) - logTotal;
        }
    }

    // ---------------------------------------------------------------- data movement

    // take writes each output once, so it splits across threads; put adds several inputs into
    // one output wherever the map repeats an index, so it stays on one thread.

    @Override
    public void take(double[] x, int[] map, double fill, double[] out) {
        inParallel(map.length, 1, CHEAP_ELEMENTS_PER_THREAD, (from, to) -> {
            for (int i = from; i < to; i++) {
                int j = map[i];
                out[i] = j >= 0 ? x[j] : fill;
            }
        });
    }

    @Override
    public void take(float[] x, int[] map, double fill, float[] out) {
        float f = (float) fill;
        inParallel(map.length, 1, CHEAP_ELEMENTS_PER_THREAD, (from, to) -> {
            for (int i = from; i < to; i++) {
                int j = map[i];
                out[i] = j >= 0 ? x[j] : f;
            }
        });
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

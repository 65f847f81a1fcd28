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
 * <p>Each kernel is written once, for float64 and float32 alike: the public methods here hand
 * their arrays to {@link DoubleKernels} or {@link FloatKernels} (and {@link DoubleGemm} or
 * {@link FloatGemm}), which the build generates from the templates
 * {@code autodiff-core/src/main/template/XKernels.java.template} and {@code XGemm.java.template}
 * by replacing {@code $type$} with {@code double} or {@code float}. To change a kernel, edit its
 * template, never a generated file (under {@code target/generated-sources/kernels}): the build
 * writes it again whenever its template changes, and a clean build always. What stays here is
 * what does not depend on the element type: splitting work across threads and walking strided
 * shapes row by row. float32 transcendental functions are computed in double and rounded, as
 * {@code java.lang.Math} only offers double; exp and sigmoid, the ones training spends its time
 * in, use {@link Scalars#exp(float)}, which stops at float32 accuracy instead of paying for
 * double's.
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

    // ---------------------------------------------------------------- kernels, written once in the templates

    @Override
    public void unary(UnaryKernel f, double[] x, double[] out) {
        DoubleKernels.unary(workers, f, x, out);
    }

    @Override
    public void unary(UnaryKernel f, float[] x, float[] out) {
        FloatKernels.unary(workers, f, x, out);
    }

    @Override
    public void binary(BinaryKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, double[] out, int[] outDims) {
        DoubleKernels.binary(workers, f, a, aStrides, b, bStrides, out, outDims);
    }

    @Override
    public void binary(BinaryKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outDims) {
        FloatKernels.binary(workers, f, a, aStrides, b, bStrides, out, outDims);
    }

    @Override
    public void addScaled(double[] target, double[] x, double alpha) {
        DoubleKernels.addScaled(workers, target, x, alpha);
    }

    @Override
    public void addScaled(float[] target, float[] x, float alpha) {
        FloatKernels.addScaled(workers, target, x, alpha);
    }

    @Override
    public void adam(AdamStep step, double[] param, double[] grad, double[] expAvg, double[] expAvgSq,
                     double[] maxExpAvgSq) {
        DoubleKernels.adam(workers, step, param, grad, expAvg, expAvgSq, maxExpAvgSq);
    }

    @Override
    public void adam(AdamStep step, float[] param, float[] grad, float[] expAvg, float[] expAvgSq,
                     float[] maxExpAvgSq) {
        FloatKernels.adam(workers, step, param, grad, expAvg, expAvgSq, maxExpAvgSq);
    }

    @Override
    public void sgd(SgdStep step, double[] param, double[] grad, double[] momentumBuffer) {
        DoubleKernels.sgd(workers, step, param, grad, momentumBuffer);
    }

    @Override
    public void sgd(SgdStep step, float[] param, float[] grad, float[] momentumBuffer) {
        FloatKernels.sgd(workers, step, param, grad, momentumBuffer);
    }

    @Override
    public void compare(CompareKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, boolean[] out,
                        int[] outDims) {
        DoubleKernels.compare(workers, f, a, aStrides, b, bStrides, out, outDims);
    }

    @Override
    public void compare(CompareKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, boolean[] out,
                        int[] outDims) {
        FloatKernels.compare(workers, f, a, aStrides, b, bStrides, out, outDims);
    }

    @Override
    public void where(boolean[] cond, int[] cStrides, double[] a, int[] aStrides, double[] b, int[] bStrides,
                      double[] out, int[] outDims) {
        DoubleKernels.where(workers, cond, cStrides, a, aStrides, b, bStrides, out, outDims);
    }

    @Override
    public void where(boolean[] cond, int[] cStrides, float[] a, int[] aStrides, float[] b, int[] bStrides,
                      float[] out, int[] outDims) {
        FloatKernels.where(workers, cond, cStrides, a, aStrides, b, bStrides, out, outDims);
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
        DoubleKernels.reduce(workers, f, x, dims, reduced, out);
    }

    @Override
    public void reduce(ReduceKernel f, float[] x, int[] dims, boolean[] reduced, float[] out) {
        FloatKernels.reduce(workers, f, x, dims, reduced, out);
    }

    /**
     * For each position along all dims but {@code dim}, the first extreme element along
     * {@code dim}; positions are split across threads (each writes only its own indices).
     */
    @Override
    public int[] argReduce(boolean max, double[] x, int[] dims, int dim) {
        return DoubleKernels.argReduce(workers, max, x, dims, dim);
    }

    @Override
    public int[] argReduce(boolean max, float[] x, int[] dims, int dim) {
        return FloatKernels.argReduce(workers, max, x, dims, dim);
    }

    @Override
    public void softmax(double[] x, int outer, int size, int inner, double[] probabilities, double[] logProbabilities) {
        DoubleKernels.softmax(workers, x, outer, size, inner, probabilities, logProbabilities);
    }

    @Override
    public void softmax(float[] x, int outer, int size, int inner, float[] probabilities, float[] logProbabilities) {
        FloatKernels.softmax(workers, x, outer, size, inner, probabilities, logProbabilities);
    }

    @Override
    public void softmaxBackward(double[] g, double[] p, int outer, int size, int inner, boolean log, double[] out) {
        DoubleKernels.softmaxBackward(workers, g, p, outer, size, inner, log, out);
    }

    @Override
    public void softmaxBackward(float[] g, float[] p, int outer, int size, int inner, boolean log, float[] out) {
        FloatKernels.softmaxBackward(workers, g, p, outer, size, inner, log, out);
    }

    @Override
    public void layerNorm(double[] x, int rows, int size, double eps, double[] out, double[] rstd) {
        DoubleKernels.layerNorm(workers, x, rows, size, eps, out, rstd);
    }

    @Override
    public void layerNorm(float[] x, int rows, int size, double eps, float[] out, float[] rstd) {
        FloatKernels.layerNorm(workers, x, rows, size, eps, out, rstd);
    }

    @Override
    public void layerNormBackward(double[] g, double[] xHat, double[] rstd, int rows, int size, double[] out) {
        DoubleKernels.layerNormBackward(workers, g, xHat, rstd, rows, size, out);
    }

    @Override
    public void layerNormBackward(float[] g, float[] xHat, float[] rstd, int rows, int size, float[] out) {
        FloatKernels.layerNormBackward(workers, g, xHat, rstd, rows, size, out);
    }

    // take writes each output once, so it splits across threads; put adds several inputs into
    // one output wherever the map repeats an index, so it stays on one thread.

    @Override
    public void take(double[] x, int[] map, double fill, double[] out) {
        DoubleKernels.take(workers, x, map, fill, out);
    }

    @Override
    public void take(float[] x, int[] map, double fill, float[] out) {
        FloatKernels.take(workers, x, map, fill, out);
    }

    @Override
    public void put(double[] x, int[] map, double[] out) {
        DoubleKernels.put(x, map, out);
    }

    @Override
    public void put(float[] x, int[] map, float[] out) {
        FloatKernels.put(x, map, out);
    }

    // unfold writes each column element once and fold sums each plane on one thread, so both
    // split across threads by planes.

    @Override
    public void unfold(double[] x, int images, int channels, int perBlock, Window window, double fill, double[] out) {
        DoubleKernels.unfold(workers, x, images, channels, perBlock, window, fill, out);
    }

    @Override
    public void unfold(float[] x, int images, int channels, int perBlock, Window window, double fill, float[] out) {
        FloatKernels.unfold(workers, x, images, channels, perBlock, window, fill, out);
    }

    @Override
    public void fold(double[] columns, int images, int channels, int perBlock, Window window, double[] out) {
        DoubleKernels.fold(workers, columns, images, channels, perBlock, window, out);
    }

    @Override
    public void fold(float[] columns, int images, int channels, int perBlock, Window window, float[] out) {
        FloatKernels.fold(workers, columns, images, channels, perBlock, window, out);
    }

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

    // ---------------------------------------------------------------- batched products

    /**
     * Fewest multiply-adds per thread worth handing a share of a batch of products to another
     * thread: the cut-off below which one product stays on one thread (see XGemm).
     */
    private static final long MULTIPLY_ADDS_PER_THREAD = 1L << 20;

    /**
     * Into how many parts of whole products, each run on one thread, a batch is cut; 1 keeps the
     * products in turn, each split over the threads by itself. Whole products per thread need no
     * hand-off per product and keep each product's operands in one core's caches: the 32 products
     * [32, 144]·[144, 1024] of a convolution's batch took 5.4 ms one after the other on one
     * thread and 5.0 ms on two, each cut into two blocks of 16 rows. Only a batch of a few large
     * products that does not divide evenly among the threads is better split product by product.
     */
    private int batchParts(int count, int m, int n, int k) {
        int threads = threads();
        long each = (long) m * n * k;
        if (count < 2 || threads < 2 || each * count < 2 * MULTIPLY_ADDS_PER_THREAD) {
            return 1;
        }
        if (count % threads != 0 && count < 4 * threads && each >= threads * MULTIPLY_ADDS_PER_THREAD) {
            return 1;
        }
        return (int) Math.min(Math.min(threads, count), each * count / MULTIPLY_ADDS_PER_THREAD);
    }

    /** Product i of a batch, on the calling thread {@code alone} or split over the threads by itself. */
    private interface BatchProduct {
        void run(int i, boolean alone);
    }

    /**
     * Runs every product of a batch: whole products on the threads as {@link #batchParts} cuts
     * the batch, or one after the other, each free to split itself.
     */
    private void eachProduct(int count, int m, int n, int k, BatchProduct product) {
        int parts = batchParts(count, m, n, k);
        if (parts == 1) {
            for (int i = 0; i < count; i++) {
                product.run(i, false);
            }
            return;
        }
        workers.run(parts, p -> {
            for (int i = (int) ((long) count * p / parts), end = (int) ((long) count * (p + 1) / parts); i < end; i++) {
                product.run(i, true);
            }
        });
    }

    @Override
    public void gemmBatch(boolean transA, boolean transB, int m, int n, int k, int count,
                          double[] a, int[] aOffsets, double[] b, int[] bOffsets, double[] c) {
        eachProduct(count, m, n, k, (i, alone) -> {
            if (alone) {
                gemmOnThisThread(transA, transB, m, n, k, a, aOffsets[i], b, bOffsets[i], c, i * m * n);
            } else {
                gemm(transA, transB, m, n, k, a, aOffsets[i], b, bOffsets[i], c, i * m * n);
            }
        });
    }

    @Override
    public void gemmBatch(boolean transA, boolean transB, int m, int n, int k, int count,
                          float[] a, int[] aOffsets, float[] b, int[] bOffsets, float[] c) {
        eachProduct(count, m, n, k, (i, alone) -> {
            if (alone) {
                gemmOnThisThread(transA, transB, m, n, k, a, aOffsets[i], b, bOffsets[i], c, i * m * n);
            } else {
                gemm(transA, transB, m, n, k, a, aOffsets[i], b, bOffsets[i], c, i * m * n);
            }
        });
    }

    /**
     * One product as {@link #gemm(boolean, boolean, int, int, int, double[], int, double[], int, double[], int)}
     * computes it, on the calling thread alone: the share of a batch that
     * {@link #gemmBatch(boolean, boolean, int, int, int, int, double[], int[], double[], int[], double[])} gives
     * one worker. A subclass with products of its own overrides both.
     *
     * @param transA whether to transpose A
     * @param transB whether to transpose B
     * @param m the rows of C
     * @param n the columns of C
     * @param k the inner dimension
     * @param a A's storage
     * @param aOffset where A starts in {@code a}
     * @param b B's storage
     * @param bOffset where B starts in {@code b}
     * @param c C's storage
     * @param cOffset where C starts in {@code c}
     */
    protected void gemmOnThisThread(boolean transA, boolean transB, int m, int n, int k,
                                    double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset) {
        DoubleGemm.gemm(WorkerPool.SERIAL, transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    /**
     * The float32 twin of {@link #gemmOnThisThread(boolean, boolean, int, int, int, double[], int, double[], int,
     * double[], int)}.
     *
     * @param transA whether to transpose A
     * @param transB whether to transpose B
     * @param m the rows of C
     * @param n the columns of C
     * @param k the inner dimension
     * @param a A's storage
     * @param aOffset where A starts in {@code a}
     * @param b B's storage
     * @param bOffset where B starts in {@code b}
     * @param c C's storage
     * @param cOffset where C starts in {@code c}
     */
    protected void gemmOnThisThread(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        FloatGemm.gemm(WorkerPool.SERIAL, transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
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
    static int grain(UnaryKernel f) {
        return switch (f) {
            case NEG, ABS, RELU, SIGN -> CHEAP_ELEMENTS_PER_THREAD;
            default -> COSTLY_ELEMENTS_PER_THREAD;
        };
    }

    static int grain(BinaryKernel f) {
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

    /** A kernel over the index range [from, to), for {@link #inParallel(int, int, int, RangeTask)}. */
    public interface RangeTask {
        /**
         * Runs the kernel over items [from, to).
         *
         * @param from the first item
         * @param to one past the last item
         */
        void run(int from, int to);
    }

    /**
     * Runs {@code task} over n items of {@code itemSize} elements each on this backend's worker
     * threads, in as many contiguous ranges of items as there are threads with at least
     * {@code grain} elements to do (one range, on the calling thread, below that): for a subclass
     * whose own kernels split as the Java kernels do.
     *
     * @param n the number of items
     * @param itemSize the elements of one item (1 for a map; a row's length for rows)
     * @param grain the fewest elements worth a thread
     * @param task the kernel over a range of items
     */
    public final void inParallel(int n, int itemSize, int grain, RangeTask task) {
        inParallel(workers, n, itemSize, grain, task);
    }

    /**
     * Runs {@code task} over n items of {@code itemSize} elements each, in as many contiguous
     * ranges of items as there are threads with at least {@code grain} elements to do.
     */
    static void inParallel(WorkerPool workers, int n, int itemSize, int grain, RangeTask task) {
        long elements = (long) n * itemSize;
        int parts = (int) Math.min(workers.threads(), Math.min(n, elements / grain));
        if (parts <= 1) {
            task.run(0, n);
            return;
        }
        workers.run(parts, p -> task.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    /** Whether the kernels have a whole-tensor loop for {@code f} with these last-dimension strides. */
    static boolean hasWholeLoop(BinaryKernel f, int as, int bs) {
        boolean arithmetic = f == BinaryKernel.ADD || f == BinaryKernel.SUB || f == BinaryKernel.MUL || f == BinaryKernel.DIV;
        return arithmetic && ((as == 1 && bs == 1) || (as == 1 && bs == 0) || (as == 0 && bs == 1));
    }

    /**
     * A full reduction (every element into one value) is cut into blocks of this many elements,
     * each reduced on its own, then the blocks' results are combined in block order. The blocks
     * do not depend on the thread count, so neither does the result: threads only decide who
     * computes which block.
     */
    static final int REDUCE_BLOCK = 1 << 15;

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

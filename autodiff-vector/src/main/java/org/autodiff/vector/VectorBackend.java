package org.autodiff.vector;

import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.core.backend.ReduceKernel;
import org.autodiff.core.backend.UnaryKernel;

/**
 * The pure-Java backend with its elementwise maps, contiguous binary ops, reductions over
 * trailing dimensions, softmax over the last dimension and optimizer updates written with the
 * JDK's Vector API ({@code jdk.incubator.vector}), for float32 and float64; every other case
 * (strided or broadcast layouts other than a row or a column, the remaining maps, matrix
 * runs {@link JavaBackend}'s kernels unchanged. Registered as a {@link java.util.ServiceLoader}
 * service named {@code vector}.
 *
 * <p><b>Matrix products.</b> Where the application has {@code autodiff-native} on its class path
 * too and OpenBLAS loads, the matrix products (and so linear layers and conv2d) go to
 * {@link org.autodiff.nativeblas.OpenBlasBackend}, on the same worker threads, and the priority
 * is 15, above OpenBLAS's own backend (10), which runs the Java kernels for everything else: one
 * backend with both. Without it the products run on the Java GEMM and the priority is 5, above
 * the Java backend and below OpenBLAS, whose products matter more to a training step than
 * these kernels. {@link #matrixProducts()} says which.
 *
 * <p><b>The JVM flag.</b> The Vector API is an incubator module on Java 17, so the JVM must be
 * started with {@code --add-modules jdk.incubator.vector}. Without it the constructor throws
 * before any vector class is touched, {@link org.autodiff.core.backend.Backends} logs one
 * warning line saying so and uses the next backend.
 *
 * <p><b>Why it is faster.</b> C2 does not vectorise a float sum (it may not reassociate the
 * additions) nor calls to {@code Math.exp}; the Vector API's lane-wise sums and its
 * {@code EXP}, {@code LOG}, {@code TANH}, ... operators (Intel's SVML routines, which the JDK
 * ships for x86-64 Linux) do. Where those routines are absent the operators fall back to one
 * {@code Math} call per lane, far slower than JavaBackend's loops, so the transcendental maps
 * (and softmax) are only taken over on x86-64 Linux; the system property
 * {@code autodiff.vector.transcendentals} ({@code true} or {@code false}) overrides that choice.
 *
 * <p><b>Accuracy.</b> Measured by {@code VectorBackendTest.accuracySweep} against the double
 * function rounded to float32, over 2^20 arguments spread across each function's range, on an
 * AMD EPYC (AVX-512, 16 float32 lanes) with OpenJDK 17.0.15: float32 exp and log equal to it
 * (0 ulps; the test allows 1), tanh 0 ulps in two runs and 1 in a third (the elements run before
 * C2 compiles the loop go through the API's scalar fallback; allowed 1), sigmoid 2 ulps (an exp,
 * an add and a division; allowed 2). On random arguments the float32 maps are within 4 ulps of JavaBackend's and the
 * float64 ones within 4 ulps of {@code Math}'s. Add, sub, mul, div, neg, abs, sqrt, relu and the
 * optimizer update ({@link #addScaled}, a product then a sum, never fused) are bit for bit
 * JavaBackend's. Softmax rows agree with JavaBackend's to 4 float32 ulps (probabilities) and
 * 1e-14 relative (float64).
 *
 * <p><b>Sums</b> run in lanes, so they are rounded in a different order from JavaBackend's eight
 * running sums: within a few ulps of each other for rows of thousands, and both far closer to
 * the exact sum than a single running sum. Each sum depends only on the input and on the lane
 * count of the CPU, never on the thread count: rows are split across threads whole, and a full
 * reduction is cut into fixed blocks whose partial results are combined in block order.
 */
public class VectorBackend extends JavaBackend {

    /** The module this backend needs; the JVM adds it only when asked with {@code --add-modules}. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Elements per thread below which a cheap map (an add, a neg, a sum) stays on one thread. */
    static final int CHEAP_ELEMENTS_PER_THREAD = 1 << 15;
    /**
     * Elements per thread below which a transcendental map stays on one thread. Lower than for
     * cheap maps, but higher than JavaBackend's 2^12: vector exp costs about as much as two
     * scalar adds per element, not twenty.
     */
    static final int COSTLY_ELEMENTS_PER_THREAD = 1 << 13;
    /** A full reduction is cut into fixed blocks of this many elements, as in JavaBackend. */
    static final int REDUCE_BLOCK = 1 << 15;

    private final boolean transcendentals;
    /** The backend whose matrix products this one uses: OpenBLAS's, or plain Java's where autodiff-native is absent or does not load. */
    private final JavaBackend products;

    /** A backend with as many threads as {@link JavaBackend#JavaBackend()} would use. */
    public VectorBackend() {
        this(Integer.getInteger("autodiff.threads", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A backend whose kernels run on {@code threads} threads.
     *
     * @param threads the number of worker threads, at least 1
     * @throws UnsupportedOperationException if the JVM runs without
     *         {@code --add-modules jdk.incubator.vector}
     */
    public VectorBackend(int threads) {
        super(requireVectorModule(threads));
        String property = System.getProperty("autodiff.vector.transcendentals");
        this.transcendentals = property != null ? Boolean.parseBoolean(property)
                : System.getProperty("os.name", "").startsWith("Linux")
                        && System.getProperty("os.arch", "").matches("amd64|x86_64");
        JavaBackend openBlas = OpenBlasProducts.load(threads);
        this.products = openBlas != null ? openBlas : new JavaBackend(threads);
    }

    /** Returns {@code threads} once the Vector API is known to be there; runs before JavaBackend's constructor. */
    private static int requireVectorModule(int threads) {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            throw new UnsupportedOperationException("the 'vector' backend needs the JVM flag --add-modules "
                    + VECTOR_MODULE);
        }
        return threads;
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int priority() {
        // Above OpenBLAS's own backend when its products are ours too; plain Java's have priority 0.
        return products.priority() > 0 ? 15 : 5;
    }

    /**
     * Which backend computes the matrix products: {@code "openblas"} where autodiff-native is on
     * the class path and its library loads, else {@code "java"}.
     *
     * @return the name of the backend whose {@code gemm} this one uses
     */
    public String matrixProducts() {
        return products.name();
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset) {
        products.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        products.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    @Override
    public void gemmBatch(boolean transA, boolean transB, int m, int n, int k, int count,
                          double[] a, int[] aOffsets, double[] b, int[] bOffsets, double[] c) {
        products.gemmBatch(transA, transB, m, n, k, count, a, aOffsets, b, bOffsets, c);
    }

    @Override
    public void gemmBatch(boolean transA, boolean transB, int m, int n, int k, int count,
                          float[] a, int[] aOffsets, float[] b, int[] bOffsets, float[] c) {
        products.gemmBatch(transA, transB, m, n, k, count, a, aOffsets, b, bOffsets, c);
    }

    /**
     * The number of float32 lanes of a vector on this CPU (8 with AVX2, 16 with AVX-512).
     *
     * @return the lane count of the preferred float32 species
     */
    public int floatLanes() {
        return FloatVectorKernels.LANES;
    }

    /**
     * Whether this backend runs {@code f} on vectors; the others run JavaBackend's loops.
     *
     * @param f a map
     * @return true if {@link #unary} computes it with the Vector API
     */
    public boolean vectorises(UnaryKernel f) {
        return switch (f) {
            case NEG, ABS, SQRT, RELU -> true;
            case EXP, EXPM1, LOG, LOG1P, SIN, COS, TANH, SIGMOID, SILU -> transcendentals;
            default -> false;
        };
    }

    // ---------------------------------------------------------------- cut-offs

    private static int grain(UnaryKernel f) {
        return switch (f) {
            case NEG, ABS, SQRT, RELU -> CHEAP_ELEMENTS_PER_THREAD;
            default -> COSTLY_ELEMENTS_PER_THREAD;
        };
    }

    // ---------------------------------------------------------------- elementwise, one argument

    @Override
    public void unary(UnaryKernel f, double[] x, double[] out) {
        if (!vectorises(f)) {
            super.unary(f, x, out);
            return;
        }
        inParallel(x.length, 1, grain(f), (from, to) -> DoubleVectorKernels.unary(f, x, out, from, to));
    }

    @Override
    public void unary(UnaryKernel f, float[] x, float[] out) {
        if (!vectorises(f)) {
            super.unary(f, x, out);
            return;
        }
        inParallel(x.length, 1, grain(f), (from, to) -> FloatVectorKernels.unary(f, x, out, from, to));
    }

    // ---------------------------------------------------------------- elementwise, two arguments

    @Override
    public void binary(BinaryKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, double[] out, int[] outDims) {
        Layout l = Layout.of(f, aStrides, bStrides, outDims);
        if (l == null) {
            super.binary(f, a, aStrides, b, bStrides, out, outDims);
            return;
        }
        DoubleVectorKernels.binary(this, f, a, b, out, l);
    }

    @Override
    public void binary(BinaryKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outDims) {
        Layout l = Layout.of(f, aStrides, bStrides, outDims);
        if (l == null) {
            super.binary(f, a, aStrides, b, bStrides, out, outDims);
            return;
        }
        FloatVectorKernels.binary(this, f, a, b, out, l);
    }

    /**
     * A binary op seen as rows of a row-major result: each operand steps by {@code aRow} (or
     * {@code bRow}) elements from one row to the next and by {@code aLast} (1 or 0) within a row.
     * That covers contiguous operands, a scalar, a row vector broadcast down the rows (a bias)
     * and a column broadcast along them (a per-row scale, as in softmax's gradient).
     */
    static final class Layout {
        final int rows, length, aRow, aLast, bRow, bLast;

        private Layout(int rows, int length, int aRow, int aLast, int bRow, int bLast) {
            this.rows = rows;
            this.length = length;
            this.aRow = aRow;
            this.aLast = aLast;
            this.bRow = bRow;
            this.bLast = bLast;
        }

        /** The layout, or null where JavaBackend's general loops must run. */
        static Layout of(BinaryKernel f, int[] aStrides, int[] bStrides, int[] dims) {
            if (f != BinaryKernel.ADD && f != BinaryKernel.SUB && f != BinaryKernel.MUL && f != BinaryKernel.DIV) {
                return null;
            }
            long total = 1;
            for (int d : dims) total *= d;
            if (total == 0 || total > Integer.MAX_VALUE) {
                return null;
            }
            // The whole tensor as one row: each operand contiguous or a single value.
            int aWhole = wholeStep(aStrides, dims), bWhole = wholeStep(bStrides, dims);
            if (aWhole >= 0 && bWhole >= 0 && (aWhole == 1 || bWhole == 1)) {
                return new Layout(1, (int) total, 0, aWhole, 0, bWhole);
            }
            int n = dims.length, length = dims[n - 1], rows = (int) (total / length);
            if (length < FloatVectorKernels.LANES) {
                return null;
            }
            int[] a = rowSteps(aStrides, dims), b = rowSteps(bStrides, dims);
            if (a == null || b == null || (a[1] == 0 && b[1] == 0)) {
                return null;
            }
            return new Layout(rows, length, a[0], a[1], b[0], b[1]);
        }

        /** 1 if the operand is contiguous over dims, 0 if it is one value, else −1. */
        private static int wholeStep(int[] strides, int[] dims) {
            boolean contiguous = true, single = true;
            long expected = 1;
            for (int d = dims.length - 1; d >= 0; d--) {
                if (dims[d] != 1) {
                    contiguous &= strides[d] == expected;
                    single &= strides[d] == 0;
                }
                expected *= dims[d];
            }
            return contiguous ? 1 : single ? 0 : -1;
        }

        /**
         * {row step, last step} of an operand: {length, 1} contiguous, {0, 1} a row repeated,
         * {1, 0} one value per row, {0, 0} one value; null for any other layout.
         */
        private static int[] rowSteps(int[] strides, int[] dims) {
            int n = dims.length, last = strides[n - 1];
            if (last != 0 && last != 1) {
                return null;
            }
            int unit = last == 1 ? dims[n - 1] : 1;
            boolean contiguous = true, single = true;
            long expected = unit;
            for (int d = n - 2; d >= 0; d--) {
                if (dims[d] != 1) {
                    contiguous &= strides[d] == expected;
                    single &= strides[d] == 0;
                }
                expected *= dims[d];
            }
            return contiguous ? new int[] {unit, last} : single ? new int[] {0, last} : null;
        }
    }

    // ---------------------------------------------------------------- optimizer updates

    @Override
    public void addScaled(double[] target, double[] x, double alpha) {
        inParallel(target.length, 1, CHEAP_ELEMENTS_PER_THREAD, (from, to) -> DoubleVectorKernels.addScaled(target, x, alpha, from, to));
    }

    @Override
    public void addScaled(float[] target, float[] x, float alpha) {
        inParallel(target.length, 1, CHEAP_ELEMENTS_PER_THREAD, (from, to) -> FloatVectorKernels.addScaled(target, x, alpha, from, to));
    }

    // ---------------------------------------------------------------- reductions

    /**
     * The reductions whose reduced dimensions all come after the kept ones (size-1 dimensions
     * aside): the sum of everything, row sums, a maximum over the last dim. Other layouts, e.g.
     * column sums, run JavaBackend's kernel.
     */
    @Override
    public void reduce(ReduceKernel f, double[] x, int[] dims, boolean[] reduced, double[] out) {
        int len = trailingLength(dims, reduced);
        if (len <= 0) {
            super.reduce(f, x, dims, reduced, out);
            return;
        }
        DoubleVectorKernels.reduceTrailing(this, f, x, elements(dims) / len, len, out);
    }

    @Override
    public void reduce(ReduceKernel f, float[] x, int[] dims, boolean[] reduced, float[] out) {
        int len = trailingLength(dims, reduced);
        if (len <= 0) {
            super.reduce(f, x, dims, reduced, out);
            return;
        }
        FloatVectorKernels.reduceTrailing(this, f, x, elements(dims) / len, len, out);
    }

    /** The number of elements of a shape (the input's storage may be longer than its shape). */
    private static int elements(int[] dims) {
        int n = 1;
        for (int d : dims) n *= d;
        return n;
    }

    /**
     * The number of elements reduced into each output when every reduced dimension of size
     * above 1 follows every kept one (so output r reduces the contiguous run [r·len, (r+1)·len)),
     * at least one is reduced and each run fills a vector; otherwise −1.
     */
    private static int trailingLength(int[] dims, boolean[] reduced) {
        long len = 1;
        boolean seenReduced = false;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 1) {
                continue;
            }
            if (reduced[d]) {
                seenReduced = true;
                len *= dims[d];
            } else if (seenReduced) {
                return -1;
            }
        }
        return seenReduced && len >= FloatVectorKernels.LANES && len <= Integer.MAX_VALUE ? (int) len : -1;
    }

    // ---------------------------------------------------------------- softmax

    /** Softmax over the last dimension (inner 1) runs on vectors; over another dimension, JavaBackend's loop. */
    @Override
    public void softmax(double[] x, int outer, int size, int inner, double[] probabilities, double[] logProbabilities) {
        if (inner != 1 || size < FloatVectorKernels.LANES || !transcendentals) {
            super.softmax(x, outer, size, inner, probabilities, logProbabilities);
            return;
        }
        DoubleVectorKernels.softmaxRows(this, x, outer, size, probabilities, logProbabilities);
    }

    @Override
    public void softmax(float[] x, int outer, int size, int inner, float[] probabilities, float[] logProbabilities) {
        if (inner != 1 || size < FloatVectorKernels.LANES || !transcendentals) {
            super.softmax(x, outer, size, inner, probabilities, logProbabilities);
            return;
        }
        FloatVectorKernels.softmaxRows(this, x, outer, size, probabilities, logProbabilities);
    }

    /** Softmax's backward over the last dimension runs on vectors; over another dimension, JavaBackend's loop. */
    @Override
    public void softmaxBackward(double[] g, double[] p, int outer, int size, int inner, boolean log, double[] out) {
        if (inner != 1 || size < DoubleVectorKernels.LANES) {
            super.softmaxBackward(g, p, outer, size, inner, log, out);
            return;
        }
        DoubleVectorKernels.softmaxBackwardRows(this, g, p, outer, size, log, out);
    }

    @Override
    public void softmaxBackward(float[] g, float[] p, int outer, int size, int inner, boolean log, float[] out) {
        if (inner != 1 || size < FloatVectorKernels.LANES) {
            super.softmaxBackward(g, p, outer, size, inner, log, out);
            return;
        }
        FloatVectorKernels.softmaxBackwardRows(this, g, p, outer, size, log, out);
    }
}

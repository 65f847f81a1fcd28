package org.autodiff.nativeblas;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.JavaBackend;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.presets.openblas_nolapack;

/**
 * The pure-Java backend with matrix products handed to OpenBLAS ({@code cblas_dgemm},
 * {@code cblas_sgemm}) through JavaCPP's presets, which ship the native library for the platform.
 * Registered as a {@link java.util.ServiceLoader} service with priority 10, so putting this
 * module on the class path makes every {@code matmul} (and so linear and convolution layers) use it.
 *
 * <p>OpenBLAS reads native memory, so each product copies its operands out of the Java arrays
 * into per-thread native buffers ({@link NativeBuffers}) and the result back: O(mk + kn + mn)
 * copies against O(mnk) arithmetic. OpenBLAS itself runs on one thread per call: a large
 * product is cut into blocks of rows of C, one {@code cblas_*gemm} call each, run on the same
 * worker threads ({@code autodiff.threads}, by default one per available processor) as the Java
 * kernels around it. OpenBLAS's own threads would wait for work by spinning after each product,
 * taking the cores from the elementwise kernels, reductions and optimizer updates of the same
 * training step, which now run on all cores too.
 */
public class OpenBlasBackend extends JavaBackend {

    /**
     * Below about this many multiply-adds per thread, a product stays on one thread: waking a
     * worker costs some microseconds, what a core does in about 2^20 multiply-adds. The system
     * property {@code autodiff.openblas.grain} overrides it, for measuring the cut-off.
     */
    private static final long MULTIPLY_ADDS_PER_THREAD = Long.getLong("autodiff.openblas.grain", 1L << 20);

    /**
     * Below this many elements per thread, an operand copy stays on the calling thread: a copy
     * runs at several bytes per cycle, so a shorter one is over before a worker has started.
     */
    private static final int COPY_ELEMENTS_PER_THREAD = 1 << 15;

    /** A backend with as many threads as {@link JavaBackend#JavaBackend()} would use. */
    public OpenBlasBackend() {
        this(Integer.getInteger("autodiff.threads", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A backend whose products and kernels run on {@code threads} threads.
     *
     * @param threads the number of worker threads; each OpenBLAS call runs on one of them
     */
    public OpenBlasBackend(int threads) {
        super(threads);
        // A process-wide OpenBLAS setting, the same for every backend: threads come from the
        // worker pool, each call into OpenBLAS runs single-threaded on the thread that makes it.
        openblas_nolapack.blas_set_num_threads(1);
    }

    /** Into how many row blocks a product of this size is cut. */
    private int parts(int m, int n, int k) {
        long perThread = (long) m * n * k / MULTIPLY_ADDS_PER_THREAD;
        return (int) Math.max(1, Math.min(Math.min(threads(), perThread), m / 8));
    }

    @Override
    public String name() {
        return "openblas";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset) {
        product(parts(m, n, k), transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    @Override
    protected void gemmOnThisThread(boolean transA, boolean transB, int m, int n, int k,
                                    double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset) {
        product(1, transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    /** C = op(A)·op(B) in {@code parts} blocks of rows, one OpenBLAS call each on the worker threads. */
    private void product(int parts, boolean transA, boolean transB, int m, int n, int k,
                         double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset) {
        if (m == 0 || n == 0 || k == 0) {
            super.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
            return;
        }
        NativeBuffers buffers = NativeBuffers.get();
        DoublePointer pa = buffers.doubles(0, (long) m * k);
        DoublePointer pb = buffers.doubles(1, (long) k * n);
        DoublePointer pc = buffers.doubles(2, (long) m * n);
        // Leading dimensions are the stored row lengths: op(A) is m×k, so A stored is k×m when transposed.
        // One part (a small product, or one thread) runs on the calling thread as the whole product.
        copyShared(parts, k * n, (from, to) -> new DoublePointer(pb).position(from).put(b, bOffset + from, to - from));
        if (transA) {
            copyShared(parts, m * k, (from, to) -> new DoublePointer(pa).position(from).put(a, aOffset + from, to - from));
        }
        runParts(parts, p -> {
            int i0 = (int) ((long) m * p / parts), i1 = (int) ((long) m * (p + 1) / parts);
            // Rows i0.. of op(A) start i0 rows into A, or i0 columns into it when A is read
            // transposed; a block of untransposed rows is contiguous, so each part copies its own.
            DoublePointer a0 = new DoublePointer(pa).position(transA ? i0 : (long) i0 * k);
            if (!transA) {
                a0.put(a, aOffset + i0 * k, (i1 - i0) * k);
            }
            DoublePointer c0 = new DoublePointer(pc).position((long) i0 * n);
            cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    i1 - i0, n, k, 1.0, a0, transA ? m : k, pb, transB ? k : n, 0.0, c0, n);
            c0.get(c, cOffset + i0 * n, (i1 - i0) * n);
        });
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        product(parts(m, n, k), transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    @Override
    protected void gemmOnThisThread(boolean transA, boolean transB, int m, int n, int k,
                                    float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        product(1, transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
    }

    /** C = op(A)·op(B) in {@code parts} blocks of rows, one OpenBLAS call each on the worker threads. */
    private void product(int parts, boolean transA, boolean transB, int m, int n, int k,
                         float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        if (m == 0 || n == 0 || k == 0) {
            super.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
            return;
        }
        NativeBuffers buffers = NativeBuffers.get();
        FloatPointer pa = buffers.floats(0, (long) m * k);
        FloatPointer pb = buffers.floats(1, (long) k * n);
        FloatPointer pc = buffers.floats(2, (long) m * n);
        // Leading dimensions are the stored row lengths: op(A) is m×k, so A stored is k×m when transposed.
        // One part (a small product, or one thread) runs on the calling thread as the whole product.
        copyShared(parts, k * n, (from, to) -> new FloatPointer(pb).position(from).put(b, bOffset + from, to - from));
        if (transA) {
            copyShared(parts, m * k, (from, to) -> new FloatPointer(pa).position(from).put(a, aOffset + from, to - from));
        }
        runParts(parts, p -> {
            int i0 = (int) ((long) m * p / parts), i1 = (int) ((long) m * (p + 1) / parts);
            // Rows i0.. of op(A) start i0 rows into A, or i0 columns into it when A is read
            // transposed; a block of untransposed rows is contiguous, so each part copies its own.
            FloatPointer a0 = new FloatPointer(pa).position(transA ? i0 : (long) i0 * k);
            if (!transA) {
                a0.put(a, aOffset + i0 * k, (i1 - i0) * k);
            }
            FloatPointer c0 = new FloatPointer(pc).position((long) i0 * n);
            cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    i1 - i0, n, k, 1f, a0, transA ? m : k, pb, transB ? k : n, 0f, c0, n);
            c0.get(c, cOffset + i0 * n, (i1 - i0) * n);
        });
    }

    /**
     * Copies an operand of {@code length} elements into native memory with {@code copy} (elements
     * [from, to)), split into the product's parts when it is cut into several and the copy is
     * long enough: every part reads the whole operand, so it must be complete before any part
     * starts; on the calling thread alone the copy would be the serial part of the product.
     */
    private void copyShared(int parts, int length, RangeTask copy) {
        if (parts == 1 || length < (long) parts * COPY_ELEMENTS_PER_THREAD) {
            copy.run(0, length);
            return;
        }
        runParts(parts, p -> copy.run((int) ((long) length * p / parts), (int) ((long) length * (p + 1) / parts)));
    }
}

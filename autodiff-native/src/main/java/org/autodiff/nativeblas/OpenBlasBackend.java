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
 * copies against O(mnk) arithmetic. OpenBLAS runs on as many threads as {@code autodiff.threads}
 * asks, by default one per available processor.
 */
public class OpenBlasBackend extends JavaBackend {

    /** A backend with as many OpenBLAS and Java threads as {@link JavaBackend#JavaBackend()} would use. */
    public OpenBlasBackend() {
        this(Integer.getInteger("autodiff.threads", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * A backend whose products run on {@code threads} threads.
     *
     * @param threads the number of OpenBLAS and Java threads
     */
    public OpenBlasBackend(int threads) {
        super(threads);
        // A process-wide OpenBLAS setting: the most recently created backend decides it.
        openblas_nolapack.blas_set_num_threads(threads);
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
        if (m == 0 || n == 0 || k == 0) {
            super.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
            return;
        }
        NativeBuffers buffers = NativeBuffers.get();
        DoublePointer pa = buffers.doubles(0, (long) m * k).put(a, aOffset, m * k);
        DoublePointer pb = buffers.doubles(1, (long) k * n).put(b, bOffset, k * n);
        DoublePointer pc = buffers.doubles(2, (long) m * n);
        // Leading dimensions are the stored row lengths: op(A) is m×k, so A stored is k×m when transposed.
        cblas_dgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, 1.0, pa, transA ? m : k, pb, transB ? k : n, 0.0, pc, n);
        pc.get(c, cOffset, m * n);
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset) {
        if (m == 0 || n == 0 || k == 0) {
            super.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset);
            return;
        }
        NativeBuffers buffers = NativeBuffers.get();
        FloatPointer pa = buffers.floats(0, (long) m * k).put(a, aOffset, m * k);
        FloatPointer pb = buffers.floats(1, (long) k * n).put(b, bOffset, k * n);
        FloatPointer pc = buffers.floats(2, (long) m * n);
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                m, n, k, 1f, pa, transA ? m : k, pb, transB ? k : n, 0f, pc, n);
        pc.get(c, cOffset, m * n);
    }
}

package org.autodiff.core.backend;

/**
 * The kernels under every tensor op: all loops over tensor storage live behind this interface.
 *
 * <p>Storage is a plain row-major {@code double[]} (float64) or {@code float[]} (float32); a
 * comparison writes a {@code boolean[]}, and {@code where} reads one. The few kernels of int64
 * and bool tensors (indices and masks, never the hot loops of training) are not part of this
 * interface: {@link IntegerKernels} computes them exactly, on every backend.
 * Broadcast operands are described by strides, 0 along a broadcast dimension, so no kernel
 * needs a materialised copy of a broadcast tensor. {@link JavaBackend} is the default; another
 * implementation on the class path (found with {@link java.util.ServiceLoader}) with a higher
 * {@link #priority()} replaces it, see {@link Backends}.
 */
public interface Backend {

    /** A short name for messages and benchmark tables. */
    String name();

    /** When several backends are on the class path, the highest priority one is used. */
    default int priority() {
        return 0;
    }

    /** {@code out[i] = f(x[i])}. */
    void unary(UnaryKernel f, double[] x, double[] out);

    /** {@code out[i] = f(x[i])}. */
    void unary(UnaryKernel f, float[] x, float[] out);

    /**
     * {@code out[idx] = f(a[idx·aStrides], b[idx·bStrides])} for every multi-index {@code idx} of
     * the row-major shape {@code outDims}.
     */
    void binary(BinaryKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, double[] out, int[] outDims);

    /** The float32 twin of {@link #binary(BinaryKernel, double[], int[], double[], int[], double[], int[])}. */
    void binary(BinaryKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outDims);

    /**
     * {@code out[idx] = cmp(a[idx·aStrides], b[idx·bStrides])} for every multi-index {@code idx}
     * of the row-major shape {@code outDims}.
     */
    void compare(CompareKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, boolean[] out, int[] outDims);

    /** The float32 twin of {@link #compare(CompareKernel, double[], int[], double[], int[], boolean[], int[])}. */
    void compare(CompareKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, boolean[] out, int[] outDims);

    /** {@code out[idx] = cond[idx] ? a[idx] : b[idx]}, all three read with broadcast strides. */
    void where(boolean[] cond, int[] cStrides, double[] a, int[] aStrides, double[] b, int[] bStrides,
               double[] out, int[] outDims);

    /** The float32 twin of {@link #where(boolean[], int[], double[], int[], double[], int[], double[], int[])}. */
    void where(boolean[] cond, int[] cStrides, float[] a, int[] aStrides, float[] b, int[] bStrides,
               float[] out, int[] outDims);

    /**
     * Reduces {@code x} (shape {@code dims}) over the dimensions where {@code reduced[d]} is true
     * into {@code out}, laid out row-major over the kept dimensions. MAX and MIN propagate NaN.
     */
    void reduce(ReduceKernel f, double[] x, int[] dims, boolean[] reduced, double[] out);

    /** The float32 twin of {@link #reduce(ReduceKernel, double[], int[], boolean[], double[])}. */
    void reduce(ReduceKernel f, float[] x, int[] dims, boolean[] reduced, float[] out);

    /**
     * For each position along all dims but {@code dim}, the flat index into {@code x} of the
     * first maximal (or minimal) element along {@code dim}; NaN counts as maximal and minimal,
     * as in PyTorch.
     */
    int[] argReduce(boolean max, double[] x, int[] dims, int dim);

    /** The float32 twin of {@link #argReduce(boolean, double[], int[], int)}. */
    int[] argReduce(boolean max, float[] x, int[] dims, int dim);

    /**
     * Softmax along the middle axis of {@code x} seen as [outer, size, inner], shifted by each
     * line's maximum so that no exp overflows; as in PyTorch, a line holding NaN or +∞, or only
     * −∞, comes out all NaN. {@code probabilities} receives softmax(x) and
     * {@code logProbabilities} log-softmax(x) = (x − max) − log Σ exp(x − max); either may be null.
     */
    void softmax(double[] x, int outer, int size, int inner, double[] probabilities, double[] logProbabilities);

    /** The float32 twin of {@link #softmax(double[], int, int, int, double[], double[])}. */
    void softmax(float[] x, int outer, int size, int inner, float[] probabilities, float[] logProbabilities);

    /** Gather by an index map: {@code out[i] = map[i] >= 0 ? x[map[i]] : fill}. */
    void take(double[] x, int[] map, double fill, double[] out);

    /** The float32 twin of {@link #take(double[], int[], double, double[])}. */
    void take(float[] x, int[] map, double fill, float[] out);

    /** Scatter-add by an index map, the adjoint of take: {@code out[map[i]] += x[i]} where {@code map[i] >= 0}. */
    void put(double[] x, int[] map, double[] out);

    /** The float32 twin of {@link #put(double[], int[], double[])}. */
    void put(float[] x, int[] map, float[] out);

    /**
     * {@code target[i] += x[i] · alpha} for every i, in one pass: the update of an optimizer
     * step, computed exactly as a product followed by a sum (Java rounds each of them, and never
     * fuses them into one multiply-add). This default runs on the calling thread.
     *
     * @param target updated in place
     * @param x as long as target
     * @param alpha the factor
     */
    default void addScaled(double[] target, double[] x, double alpha) {
        for (int i = 0; i < target.length; i++) {
            target[i] += x[i] * alpha;
        }
    }

    /**
     * The float32 twin of {@link #addScaled(double[], double[], double)}.
     *
     * @param target updated in place
     * @param x as long as target
     * @param alpha the factor, already rounded to float32
     */
    default void addScaled(float[] target, float[] x, float alpha) {
        for (int i = 0; i < target.length; i++) {
            target[i] += x[i] * alpha;
        }
    }

    /**
     * General matrix product {@code C = op(A)·op(B)} for row-major matrices, where op transposes
     * when asked. A is m×k after op, B is k×n after op, C is m×n and is overwritten.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset);

    /** The float32 twin of {@link #gemm(boolean, boolean, int, int, int, double[], int, double[], int, double[], int)}. */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset);
}

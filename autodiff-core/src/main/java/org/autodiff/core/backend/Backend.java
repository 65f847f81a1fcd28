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

    /**
     * A short name for messages and benchmark tables.
     *
     * @return the name
     */
    String name();

    /**
     * When several backends are on the class path, the highest priority one is used.
     *
     * @return the priority; the Java backend's is 0
     */
    default int priority() {
        return 0;
    }

    /**
     * {@code out[i] = f(x[i])}.
     *
     * @param f the function
     * @param x the input
     * @param out the output, as long as {@code x}
     */
    void unary(UnaryKernel f, double[] x, double[] out);

    /**
     * {@code out[i] = f(x[i])}.
     *
     * @param f the function
     * @param x the input
     * @param out the output, as long as {@code x}
     */
    void unary(UnaryKernel f, float[] x, float[] out);

    /**
     * {@code out[idx] = f(a[idx·aStrides], b[idx·bStrides])} for every multi-index {@code idx} of
     * the row-major shape {@code outDims}.
     *
     * @param f the operation
     * @param a the left operand's storage
     * @param aStrides a's strides over {@code outDims}, 0 where a is broadcast
     * @param b the right operand's storage
     * @param bStrides b's strides over {@code outDims}, 0 where b is broadcast
     * @param out the result's storage, row-major
     * @param outDims the result's shape
     */
    void binary(BinaryKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, double[] out, int[] outDims);

    /**
     * The float32 twin of {@link #binary(BinaryKernel, double[], int[], double[], int[], double[], int[])}.
     *
     * @param f the operation
     * @param a the left operand's storage
     * @param aStrides a's strides over {@code outDims}, 0 where a is broadcast
     * @param b the right operand's storage
     * @param bStrides b's strides over {@code outDims}, 0 where b is broadcast
     * @param out the result's storage, row-major
     * @param outDims the result's shape
     */
    void binary(BinaryKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, float[] out, int[] outDims);

    /**
     * {@code out[idx] = cmp(a[idx·aStrides], b[idx·bStrides])} for every multi-index {@code idx}
     * of the row-major shape {@code outDims}.
     *
     * @param f the comparison
     * @param a the left operand's storage
     * @param aStrides a's strides over {@code outDims}, 0 where a is broadcast
     * @param b the right operand's storage
     * @param bStrides b's strides over {@code outDims}, 0 where b is broadcast
     * @param out the result's storage, row-major
     * @param outDims the result's shape
     */
    void compare(CompareKernel f, double[] a, int[] aStrides, double[] b, int[] bStrides, boolean[] out, int[] outDims);

    /**
     * The float32 twin of {@link #compare(CompareKernel, double[], int[], double[], int[], boolean[], int[])}.
     *
     * @param f the comparison
     * @param a the left operand's storage
     * @param aStrides a's strides over {@code outDims}, 0 where a is broadcast
     * @param b the right operand's storage
     * @param bStrides b's strides over {@code outDims}, 0 where b is broadcast
     * @param out the result's storage, row-major
     * @param outDims the result's shape
     */
    void compare(CompareKernel f, float[] a, int[] aStrides, float[] b, int[] bStrides, boolean[] out, int[] outDims);

    /**
     * {@code out[idx] = cond[idx] ? a[idx] : b[idx]}, all three read with broadcast strides.
     *
     * @param cond the condition's storage
     * @param cStrides cond's strides over {@code outDims}, 0 where it is broadcast
     * @param a the values taken where the condition holds
     * @param aStrides a's strides over {@code outDims}
     * @param b the values taken elsewhere
     * @param bStrides b's strides over {@code outDims}
     * @param out the result's storage, row-major
     * @param outDims the result's shape
     */
    void where(boolean[] cond, int[] cStrides, double[] a, int[] aStrides, double[] b, int[] bStrides,
               double[] out, int[] outDims);

    /**
     * The float32 twin of {@link #where(boolean[], int[], double[], int[], double[], int[], double[], int[])}.
     *
     * @param cond the condition's storage
     * @param cStrides cond's strides over {@code outDims}, 0 where it is broadcast
     * @param a the values taken where the condition holds
     * @param aStrides a's strides over {@code outDims}
     * @param b the values taken elsewhere
     * @param bStrides b's strides over {@code outDims}
     * @param out the result's storage, row-major
     * @param outDims the result's shape
     */
    void where(boolean[] cond, int[] cStrides, float[] a, int[] aStrides, float[] b, int[] bStrides,
               float[] out, int[] outDims);

    /**
     * Reduces {@code x} (shape {@code dims}) over the dimensions where {@code reduced[d]} is true
     * into {@code out}, laid out row-major over the kept dimensions. MAX and MIN propagate NaN.
     *
     * @param f the reduction
     * @param x the input
     * @param dims x's shape
     * @param reduced which dimensions to reduce
     * @param out the result, one element per position of the kept dimensions
     */
    void reduce(ReduceKernel f, double[] x, int[] dims, boolean[] reduced, double[] out);

    /**
     * The float32 twin of {@link #reduce(ReduceKernel, double[], int[], boolean[], double[])}.
     *
     * @param f the reduction
     * @param x the input
     * @param dims x's shape
     * @param reduced which dimensions to reduce
     * @param out the result, one element per position of the kept dimensions
     */
    void reduce(ReduceKernel f, float[] x, int[] dims, boolean[] reduced, float[] out);

    /**
     * For each position along all dims but {@code dim}, the flat index into {@code x} of the
     * first maximal (or minimal) element along {@code dim}; NaN counts as maximal and minimal,
     * as in PyTorch.
     *
     * @param max true for the maximum, false for the minimum
     * @param x the input
     * @param dims x's shape
     * @param dim the dimension to search
     * @return the flat indices into x, one per position of the other dimensions, row-major
     */
    int[] argReduce(boolean max, double[] x, int[] dims, int dim);

    /**
     * The float32 twin of {@link #argReduce(boolean, double[], int[], int)}.
     *
     * @param max true for the maximum, false for the minimum
     * @param x the input
     * @param dims x's shape
     * @param dim the dimension to search
     * @return the flat indices into x, one per position of the other dimensions, row-major
     */
    int[] argReduce(boolean max, float[] x, int[] dims, int dim);

    /**
     * Softmax along the middle axis of {@code x} seen as [outer, size, inner], shifted by each
     * line's maximum so that no exp overflows; as in PyTorch, a line holding NaN or +∞, or only
     * −∞, comes out all NaN. {@code probabilities} receives softmax(x) and
     * {@code logProbabilities} log-softmax(x) = (x − max) − log Σ exp(x − max); either may be null.
     *
     * @param x the input
     * @param outer the product of the dimensions before the softmax axis
     * @param size the length of the softmax axis
     * @param inner the product of the dimensions after it
     * @param probabilities receives softmax(x), or null
     * @param logProbabilities receives log-softmax(x), or null
     */
    void softmax(double[] x, int outer, int size, int inner, double[] probabilities, double[] logProbabilities);

    /**
     * The float32 twin of {@link #softmax(double[], int, int, int, double[], double[])}.
     *
     * @param x the input
     * @param outer the product of the dimensions before the softmax axis
     * @param size the length of the softmax axis
     * @param inner the product of the dimensions after it
     * @param probabilities receives softmax(x), or null
     * @param logProbabilities receives log-softmax(x), or null
     */
    void softmax(float[] x, int outer, int size, int inner, float[] probabilities, float[] logProbabilities);

    /**
     * The backward of softmax or log-softmax along an axis laid out as in
     * {@link #softmax(double[], int, int, int, double[], double[])}, from the incoming gradient
     * ḡ and the probabilities p = softmax(x): for log-softmax {@code out = ḡ − p·Σḡ}, for
     * softmax {@code out = p·(ḡ − Σ p·ḡ)}, the sums taken along the axis.
     *
     * @param g the gradient of the (log-)softmax output
     * @param p softmax(x)
     * @param outer the product of the dimensions before the softmax axis
     * @param size the length of the softmax axis
     * @param inner the product of the dimensions after it
     * @param log true for log-softmax's backward, false for softmax's
     * @param out receives the gradient of x
     */
    void softmaxBackward(double[] g, double[] p, int outer, int size, int inner, boolean log, double[] out);

    /**
     * The float32 twin of {@link #softmaxBackward(double[], double[], int, int, int, boolean, double[])}.
     *
     * @param g the gradient of the (log-)softmax output
     * @param p softmax(x)
     * @param outer the product of the dimensions before the softmax axis
     * @param size the length of the softmax axis
     * @param inner the product of the dimensions after it
     * @param log true for log-softmax's backward, false for softmax's
     * @param out receives the gradient of x
     */
    void softmaxBackward(float[] g, float[] p, int outer, int size, int inner, boolean log, float[] out);

    /**
     * Layer norm's normalisation of {@code rows} contiguous rows of {@code size} elements:
     * {@code out = (x − μ)·r} with μ the row's mean and r = 1/√(var + eps), its biased variance;
     * r is written to {@code rstd[row]}.
     *
     * @param x the input, rows × size
     * @param rows the number of rows
     * @param size the elements per row (the product of the normalised dims)
     * @param eps added to the variance
     * @param out receives x̂, rows × size
     * @param rstd receives r, one per row
     */
    void layerNorm(double[] x, int rows, int size, double eps, double[] out, double[] rstd);

    /**
     * The float32 twin of {@link #layerNorm(double[], int, int, double, double[], double[])}.
     *
     * @param x the input, rows × size
     * @param rows the number of rows
     * @param size the elements per row (the product of the normalised dims)
     * @param eps added to the variance
     * @param out receives x̂, rows × size
     * @param rstd receives r, one per row
     */
    void layerNorm(float[] x, int rows, int size, double eps, float[] out, float[] rstd);

    /**
     * Layer norm's backward through the normalisation, per row:
     * {@code out = r·(g − mean g − x̂·mean(g·x̂))}.
     *
     * @param g the gradient of x̂, rows × size
     * @param xHat the normalised input, rows × size
     * @param rstd r, one per row
     * @param rows the number of rows
     * @param size the elements per row
     * @param out receives the gradient of x, rows × size
     */
    void layerNormBackward(double[] g, double[] xHat, double[] rstd, int rows, int size, double[] out);

    /**
     * The float32 twin of {@link #layerNormBackward(double[], double[], double[], int, int, double[])}.
     *
     * @param g the gradient of x̂, rows × size
     * @param xHat the normalised input, rows × size
     * @param rstd r, one per row
     * @param rows the number of rows
     * @param size the elements per row
     * @param out receives the gradient of x, rows × size
     */
    void layerNormBackward(float[] g, float[] xHat, float[] rstd, int rows, int size, float[] out);

    /**
     * Gather by an index map: {@code out[i] = map[i] >= 0 ? x[map[i]] : fill}.
     *
     * @param x the source
     * @param map for each output element, the index into x, or a negative number for {@code fill}
     * @param fill the value where the map is negative
     * @param out the result, as long as {@code map}
     */
    void take(double[] x, int[] map, double fill, double[] out);

    /**
     * The float32 twin of {@link #take(double[], int[], double, double[])}.
     *
     * @param x the source
     * @param map for each output element, the index into x, or a negative number for {@code fill}
     * @param fill the value where the map is negative
     * @param out the result, as long as {@code map}
     */
    void take(float[] x, int[] map, double fill, float[] out);

    /**
     * Scatter-add by an index map, the adjoint of take: {@code out[map[i]] += x[i]} where {@code map[i] >= 0}.
     *
     * @param x the values to scatter, as long as {@code map}
     * @param map for each element of x, the index into out, or a negative number to skip it
     * @param out the result, added into
     */
    void put(double[] x, int[] map, double[] out);

    /**
     * The float32 twin of {@link #put(double[], int[], double[])}.
     *
     * @param x the values to scatter, as long as {@code map}
     * @param map for each element of x, the index into out, or a negative number to skip it
     * @param out the result, added into
     */
    void put(float[] x, int[] map, float[] out);

    /**
     * im2col: every window position of every plane as a column, in blocks of {@code perBlock}
     * images side by side. x holds {@code images × channels} planes (image-major, as [N, C, H, W]);
     * for channel c, tap t = (i, j) and position e = (r, q) of image n = b·perBlock + m,
     * {@code out} holds at {@code b·channels·taps·perBlock·positions + ((c·taps + t)·perBlock + m)·positions + e}
     * the element of the plane the tap reads there (see {@link Window}), or {@code fill} where it
     * falls in the padding: block b is the matrix [C·kh·kw, perBlock·positions] that one product
     * with the [O, C·kh·kw] weight convolves its images with. With perBlock = 1 it is
     * {@code F.unfold}'s [N, C·kh·kw, positions].
     *
     * @param x the planes, images × channels × height × width
     * @param images the number of images, a multiple of perBlock
     * @param channels the planes per image
     * @param perBlock the images side by side in one block of columns
     * @param window the window's geometry
     * @param fill the value read in the padding
     * @param out receives the columns, images·channels·taps·positions
     */
    void unfold(double[] x, int images, int channels, int perBlock, Window window, double fill, double[] out);

    /**
     * The float32 twin of {@link #unfold(double[], int, int, int, Window, double, double[])}.
     *
     * @param x the planes, images × channels × height × width
     * @param images the number of images, a multiple of perBlock
     * @param channels the planes per image
     * @param perBlock the images side by side in one block of columns
     * @param window the window's geometry
     * @param fill the value read in the padding
     * @param out receives the columns, images·channels·taps·positions
     */
    void unfold(float[] x, int images, int channels, int perBlock, Window window, double fill, float[] out);

    /**
     * col2im, the adjoint of {@link #unfold(double[], int, int, int, Window, double, double[])}
     * with the same layout: adds every column element into the element of its plane that the
     * unfold read it from (padding taps are dropped), in the order of taps and positions. Each
     * plane is summed by one thread, so the result is the same for every thread count.
     *
     * @param columns the columns, images·channels·taps·positions
     * @param images the number of images, a multiple of perBlock
     * @param channels the planes per image
     * @param perBlock the images side by side in one block of columns
     * @param window the window's geometry
     * @param out the planes, images × channels × height × width, added into
     */
    void fold(double[] columns, int images, int channels, int perBlock, Window window, double[] out);

    /**
     * The float32 twin of {@link #fold(double[], int, int, int, Window, double[])}.
     *
     * @param columns the columns, images·channels·taps·positions
     * @param images the number of images, a multiple of perBlock
     * @param channels the planes per image
     * @param perBlock the images side by side in one block of columns
     * @param window the window's geometry
     * @param out the planes, images × channels × height × width, added into
     */
    void fold(float[] columns, int images, int channels, int perBlock, Window window, float[] out);

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
     * One Adam or AdamW step over every element, in place, in one pass: the values of the
     * separate tensor ops that make up the update ({@link AdamStep}), each result rounded to the
     * element type as those ops round it, bit for bit, without their temporary tensors. This
     * default runs on the calling thread.
     *
     * @param step the hyperparameters and the step number
     * @param param θ, updated in place
     * @param grad ∇θ, as long as param
     * @param expAvg m, updated in place
     * @param expAvgSq v, updated in place
     * @param maxExpAvgSq the running maximum of v, updated in place; read only with amsgrad (may
     *                    be null without it)
     */
    default void adam(AdamStep step, double[] param, double[] grad, double[] expAvg, double[] expAvgSq,
                      double[] maxExpAvgSq) {
        DoubleKernels.adam(step, param, grad, expAvg, expAvgSq, maxExpAvgSq, 0, param.length);
    }

    /**
     * The float32 twin of {@link #adam(AdamStep, double[], double[], double[], double[], double[])};
     * the hyperparameters are rounded to float32 as the separate ops round their scalars.
     *
     * @param step the hyperparameters and the step number
     * @param param θ, updated in place
     * @param grad ∇θ, as long as param
     * @param expAvg m, updated in place
     * @param expAvgSq v, updated in place
     * @param maxExpAvgSq the running maximum of v, updated in place; read only with amsgrad (may
     *                    be null without it)
     */
    default void adam(AdamStep step, float[] param, float[] grad, float[] expAvg, float[] expAvgSq,
                      float[] maxExpAvgSq) {
        FloatKernels.adam(step, param, grad, expAvg, expAvgSq, maxExpAvgSq, 0, param.length);
    }

    /**
     * One SGD step with momentum over every element, in place, in one pass, with the values of
     * the separate tensor ops that make up the update ({@link SgdStep}), bit for bit. This
     * default runs on the calling thread.
     *
     * @param step the hyperparameters
     * @param param θ, updated in place
     * @param grad ∇θ, as long as param
     * @param momentumBuffer b, updated in place (overwritten on the first step)
     */
    default void sgd(SgdStep step, double[] param, double[] grad, double[] momentumBuffer) {
        DoubleKernels.sgd(step, param, grad, momentumBuffer, 0, param.length);
    }

    /**
     * The float32 twin of {@link #sgd(SgdStep, double[], double[], double[])}; the
     * hyperparameters are rounded to float32 as the separate ops round their scalars.
     *
     * @param step the hyperparameters
     * @param param θ, updated in place
     * @param grad ∇θ, as long as param
     * @param momentumBuffer b, updated in place (overwritten on the first step)
     */
    default void sgd(SgdStep step, float[] param, float[] grad, float[] momentumBuffer) {
        FloatKernels.sgd(step, param, grad, momentumBuffer, 0, param.length);
    }

    /**
     * General matrix product {@code C = op(A)·op(B)} for row-major matrices, where op transposes
     * when asked. A is m×k after op, B is k×n after op, C is m×n and is overwritten.
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
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              double[] a, int aOffset, double[] b, int bOffset, double[] c, int cOffset);

    /**
     * The float32 twin of {@link #gemm(boolean, boolean, int, int, int, double[], int, double[], int, double[],
     * int)}.
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
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset);

    /**
     * {@code count} independent products {@code C_i = op(A_i)·op(B_i)}, each as
     * {@link #gemm(boolean, boolean, int, int, int, double[], int, double[], int, double[], int)}
     * computes it, with C_i at {@code i·m·n} in {@code c}: a batched matmul. A backend may run
     * whole products on different threads, where each is too small to be worth splitting (the
     * 32 products of a convolution's batch, the attention heads of a transformer). This default
     * runs them one after the other.
     *
     * @param transA whether to transpose each A
     * @param transB whether to transpose each B
     * @param m the rows of each C
     * @param n the columns of each C
     * @param k the inner dimension
     * @param count the number of products
     * @param a the storage of every A
     * @param aOffsets where A_i starts in {@code a}, one per product
     * @param b the storage of every B
     * @param bOffsets where B_i starts in {@code b}, one per product
     * @param c receives the products, {@code count·m·n} elements
     */
    default void gemmBatch(boolean transA, boolean transB, int m, int n, int k, int count,
                           double[] a, int[] aOffsets, double[] b, int[] bOffsets, double[] c) {
        for (int i = 0; i < count; i++) {
            gemm(transA, transB, m, n, k, a, aOffsets[i], b, bOffsets[i], c, i * m * n);
        }
    }

    /**
     * The float32 twin of {@link #gemmBatch(boolean, boolean, int, int, int, int, double[], int[], double[], int[],
     * double[])}.
     *
     * @param transA whether to transpose each A
     * @param transB whether to transpose each B
     * @param m the rows of each C
     * @param n the columns of each C
     * @param k the inner dimension
     * @param count the number of products
     * @param a the storage of every A
     * @param aOffsets where A_i starts in {@code a}, one per product
     * @param b the storage of every B
     * @param bOffsets where B_i starts in {@code b}, one per product
     * @param c receives the products, {@code count·m·n} elements
     */
    default void gemmBatch(boolean transA, boolean transB, int m, int n, int k, int count,
                           float[] a, int[] aOffsets, float[] b, int[] bOffsets, float[] c) {
        for (int i = 0; i < count; i++) {
            gemm(transA, transB, m, n, k, a, aOffsets[i], b, bOffsets[i], c, i * m * n);
        }
    }
}

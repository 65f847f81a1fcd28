package org.autodiff.core.ops;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Primitive;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/** Matrix products. */
public final class MatrixProducts {
    private MatrixProducts() {
    }

    /**
     * PyTorch's {@code matmul}: a 1-d operand is a row (left) or column (right) vector whose
     * added dim is removed again; operands of 2 or more dims multiply as batches of matrices with
     * the batch dims broadcast.
     *
     * @param a the left operand
     * @param b the right operand
     * @return the product
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "matmul: a is null");
        Objects.requireNonNull(b, "matmul: b is null");
        Kernels.requireFloatingPoint(a, "matmul");
        Kernels.requireFloatingPoint(b, "matmul");
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both operands need at least 1 dim, got shapes " + a.shape()
                    + " and " + b.shape());
        }
        Tensor a2 = a.dim() == 1 ? a.unsqueeze(0) : a;
        Tensor b2 = b.dim() == 1 ? b.unsqueeze(1) : b;
        if (a2.size(-1) != b2.size(-2)) {
            throw new IllegalArgumentException("matmul: shapes " + a.shape() + " and " + b.shape()
                    + " cannot be multiplied (inner dimensions " + a2.size(-1) + " and " + b2.size(-2) + " differ)");
        }
        Tensor y = b2.dim() == 2 && a2.dim() > 2 && a2.numel() > 0
                ? unflattenRows(new MatMul(false, false).apply(flattenRows(a2), b2), a2)
                : new MatMul(false, false).apply(a2, b2);
        if (a.dim() == 1) {
            y = y.squeeze(-2);
        }
        if (b.dim() == 1) {
            y = y.squeeze(-1);
        }
        return y;
    }

    /**
     * {@code F.linear}: x·wᵀ + b for x [..., in], w [out, in] and b [out] (or null), reading w
     * transposed in place rather than copying it.
     *
     * @param x the inputs, [..., in]
     * @param weight the weights, [out, in]
     * @param bias the biases, [out], or null
     * @return the outputs, [..., out]
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        Objects.requireNonNull(x, "linear: x is null");
        Objects.requireNonNull(weight, "linear: weight is null");
        Kernels.requireFloatingPoint(x, "linear");
        Kernels.requireFloatingPoint(weight, "linear");
        if (weight.dim() != 2 || x.dim() == 0 || x.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: input of shape " + x.shape() + " and weight of shape "
                    + weight.shape() + " do not fit (expected weight [out, " + (x.dim() == 0 ? "?" : x.size(-1)) + "])");
        }
        Tensor y = x.dim() == 1 ? new MatMul(false, true).apply(x.unsqueeze(0), weight).squeeze(0)
                : x.dim() == 2 || x.numel() == 0 ? new MatMul(false, true).apply(x, weight)
                : unflattenRows(new MatMul(false, true).apply(flattenRows(x), weight), x);
        if (bias != null && !bias.shape().broadcastsTo(y.shape())) {
            // PyTorch adds the bias into the product's own shape: a bias that would widen it is an error.
            throw new IllegalArgumentException("linear: bias of shape " + bias.shape() + " does not fit the output of shape "
                    + y.shape() + " (input " + x.shape() + ", weight " + weight.shape() + ")");
        }
        return bias == null ? y : y.add(bias);
    }

    /*
     * A batch of matrices times one matrix is one product of the stacked rows, as PyTorch folds it:
     * a single GEMM forward, and the shared matrix's gradient a single product too, instead of one
     * product per batch element materialised and then summed over the batch by the engine.
     */

    /** A non-empty x [..., m, k] as the 2-d [(...·m), k] view of the same storage. */
    private static Tensor flattenRows(Tensor x) {
        return x.reshape(x.numel() / x.size(-1), x.size(-1));
    }

    /** y [(...·m), n] back to [..., m, n], the leading dims taken from {@code like} [..., m, k]. */
    private static Tensor unflattenRows(Tensor y, Tensor like) {
        int[] dims = like.shape().dims();
        dims[dims.length - 1] = y.size(-1);
        return y.reshape(dims);
    }

    /**
     * y = op(a)·op(b), batched, where op transposes the last two dims when its flag is set, so
     * that the rules need no transposed copies:
     * ā = ḡ·op(b)ᵀ (or its transpose when a is read transposed), b̄ = op(a)ᵀ·ḡ (likewise), each
     * summed over broadcast batch dims by the engine;  ẏ = op(ȧ)·op(b) + op(a)·op(ḃ).
     */
    static final class MatMul extends Primitive {
        private final boolean transA;
        private final boolean transB;

        MatMul(boolean transA, boolean transB) {
            this.transA = transA;
            this.transB = transB;
        }

        @Override
        public String name() {
            return "matmul";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            Tensor a = x[0], b = x[1];
            DType dtype = DType.promote(a.dtype(), b.dtype());
            a = Kernels.cast(a, dtype);
            b = Kernels.cast(b, dtype);
            int m = a.size(transA ? -1 : -2), k = a.size(transA ? -2 : -1), n = b.size(transB ? -2 : -1);
            Shape aBatch = batchShape(a.shape()), bBatch = batchShape(b.shape());
            Shape batch = Shape.broadcast(aBatch, bBatch, "matmul");
            long[] outDims = new long[batch.rank() + 2];
            for (int i = 0; i < batch.rank(); i++) {
                outDims[i] = batch.size(i);
            }
            outDims[batch.rank()] = m;
            outDims[batch.rank() + 1] = n;
            Tensor out = Tensor.empty(dtype, Shape.of("matmul", outDims));
            int[] aOffsets = IndexMaps.expand(aBatch, batch), bOffsets = IndexMaps.expand(bBatch, batch);
            for (int i = 0; i < aOffsets.length; i++) {
                aOffsets[i] *= m * k;
                bOffsets[i] *= k * n;
            }
            Kernels.gemmBatch(transA, transB, m, n, k, aOffsets.length, a, aOffsets, b, bOffsets, out);
            return out;
        }

        private static Shape batchShape(Shape s) {
            int[] dims = s.dims();
            return Shape.of(java.util.Arrays.copyOf(dims, dims.length - 2));
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            Tensor a = input(0), b = input(1);
            Tensor ga = null, gb = null;
            if (a.requiresGrad() && b.requiresGrad() && !g.isDense()) {
                // Both products would copy a strided ḡ (a sum's expanded ones, a transposed
                // view) into a dense array of their own: copy it once.
                g = Movement.copy(g);
            }
            if (a.requiresGrad()) {
                ga = transA ? new MatMul(transB, true).apply(b, g) : new MatMul(false, !transB).apply(g, b);
            }
            if (b.requiresGrad()) {
                gb = transB ? new MatMul(true, transA).apply(g, a) : new MatMul(!transA, false).apply(a, g);
            }
            return new Tensor[] {ga, gb};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return Rules.plus(t[0] == null ? null : new MatMul(transA, transB).apply(t[0], input(1)),
                    t[1] == null ? null : new MatMul(transA, transB).apply(input(0), t[1]));
        }
    }
}

package org.autodiff.core.ops;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Selection by bool masks, composed from {@code where}, so the gradient passes exactly where the
 * input is kept and needs no rules of its own: {@code maskedFill}, and the triangles
 * {@code triu}/{@code tril} of (batches of) matrices, the causal masks of attention.
 */
public final class Masking {
    private Masking() {
    }

    /**
     * {@code x.masked_fill(mask, value)}: value where the bool mask holds, x elsewhere; mask and x
     * broadcast together, and value, a 0-d tensor, is converted to x's dtype. The gradient reaches
     * x where the mask is false and value (summed) where it is true.
     *
     * @param x the tensor
     * @param mask a bool tensor saying where to fill
     * @param value the 0-d fill value
     * @return a tensor of x's shape and dtype
     */
    public static Tensor maskedFill(Tensor x, Tensor mask, Tensor value) {
        Objects.requireNonNull(x, "maskedFill: x is null");
        Objects.requireNonNull(mask, "maskedFill: mask is null");
        Objects.requireNonNull(value, "maskedFill: value is null");
        Shape.broadcast(mask.shape(), x.shape(), "maskedFill");
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("maskedFill: mask must be a bool tensor, got " + mask.dtype() + " (shape "
                    + mask.shape() + "); make one with a comparison or to(DType.BOOL)");
        }
        if (value.dim() != 0) {
            throw new IllegalArgumentException("maskedFill: value must be a 0-d tensor, got shape " + value.shape());
        }
        return Tensor.where(mask, value.to(x.dtype()), x);
    }

    /**
     * The upper triangle of the last two dims: elements on and above the k-th diagonal (j − i ≥ k), zeros below.
     *
     * @param x a tensor of at least 2 dims
     * @param k the diagonal: 0 the main one, positive above it, negative below
     * @return the masked copy
     */
    public static Tensor triu(Tensor x, int k) {
        Objects.requireNonNull(x, "triu: x is null");
        return Tensor.where(offsets(x, "triu").gt(k - 1L), x, Tensor.zeros(x.dtype()));
    }

    /**
     * The lower triangle of the last two dims: elements on and below the k-th diagonal (j − i ≤ k), zeros above.
     *
     * @param x a tensor of at least 2 dims
     * @param k the diagonal: 0 the main one, positive above it, negative below
     * @return the masked copy
     */
    public static Tensor tril(Tensor x, int k) {
        Objects.requireNonNull(x, "tril: x is null");
        return Tensor.where(offsets(x, "tril").lt(k + 1L), x, Tensor.zeros(x.dtype()));
    }

    /** j − i for every position (i, j) of x's last two dims, an int64 [rows, cols] tensor. */
    private static Tensor offsets(Tensor x, String op) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException(op + ": input must have at least 2 dims, got shape " + x.shape());
        }
        Tensor rows = Tensor.arange(DType.INT64, 0, x.size(-2), 1).unsqueeze(1);
        Tensor cols = Tensor.arange(DType.INT64, 0, x.size(-1), 1);
        return cols.sub(rows);
    }
}

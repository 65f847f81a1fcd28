package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

/**
 * Scaled dot-product attention, as {@code torch.nn.functional.scaled_dot_product_attention} of
 * PyTorch 2.x (torch 1.13 has no such function; its {@code MultiheadAttention} computes the same
 * formula inside): {@code softmax(Q·Kᵀ/√E + bias)·V}, with dropout on the attention weights.
 *
 * <p>A composition of differentiable ops (matmul, softmax, masking), so reverse mode, forward mode
 * and grad-of-grad go through it without rules of its own.
 */
public final class Attention {
    private Attention() {
    }

    /**
     * The attention of {@code query} over {@code key}/{@code value}, with PyTorch 2.x's mask
     * semantics: a bool {@code attnMask} is true where a query may attend to a key (false entries
     * are excluded, as −∞ before the softmax); a floating point one is added to the scores. A row
     * whose keys are all excluded gives NaN, as in PyTorch.
     *
     * @param query [..., L, E]
     * @param key [..., S, E]
     * @param value [..., S, Ev]
     * @param attnMask null, or a bool or floating point mask that broadcasts to [..., L, S]
     * @param dropoutP the probability of zeroing an attention weight (the rest are scaled by 1/(1 − p)), in [0, 1)
     * @param isCausal whether query i may attend only to keys j ≤ i (then {@code attnMask} must be null)
     * @param generator the source of the dropout masks (used only when {@code dropoutP > 0})
     * @return the attended values, [..., L, Ev]
     * @throws IllegalArgumentException naming the argument and the shapes when they do not fit
     */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value, Tensor attnMask, double dropoutP,
            boolean isCausal, Generator generator) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        if (query.dim() < 2 || key.dim() < 2) {
            throw new IllegalArgumentException("scaledDotProductAttention: query and key need at least 2 dims ([..., L, E] "
                    + "and [..., S, E]), got " + query.shape() + " and " + key.shape());
        }
        Tensor bias = bias("scaledDotProductAttention", query.size(-2), key.size(-2), query.dtype(), attnMask, isCausal, true);
        return attend(query, key, value, bias, dropoutP, generator)[0];
    }

    /**
     * As {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, Tensor, double, boolean, Generator)}
     * without mask and dropout.
     *
     * @param query [..., L, E]
     * @param key [..., S, E]
     * @param value [..., S, Ev]
     * @return the attended values, [..., L, Ev]
     */
    public static Tensor scaledDotProductAttention(Tensor query, Tensor key, Tensor value) {
        return scaledDotProductAttention(query, key, value, null, 0, false, null);
    }

    /**
     * The additive bias that a mask stands for (null for none), checked against the shapes.
     *
     * @param op the name errors carry
     * @param l the number of queries
     * @param s the number of keys
     * @param dtype the dtype of the scores
     * @param allowedWhereTrue true for PyTorch 2.x's bool masks (true = may attend), false for
     *     torch 1.13's {@code MultiheadAttention} masks (true = excluded)
     */
    static Tensor bias(String op, int l, int s, DType dtype, Tensor attnMask, boolean isCausal, boolean allowedWhereTrue) {
        Tensor bias = null;
        if (isCausal) {
            if (attnMask != null) {
                throw new IllegalArgumentException(op + ": isCausal and an attnMask (shape " + attnMask.shape()
                        + ") cannot both be given");
            }
            Tensor allowed = Tensor.ones(DType.BOOL, l, s).tril(0);
            bias = Tensor.zeros(dtype, l, s).maskedFill(allowed.logicalNot(), Double.NEGATIVE_INFINITY);
        }
        if (attnMask != null) {
            int[] dims = attnMask.shape().dims();
            boolean fits = dims.length >= 2 && dims[dims.length - 2] == l && dims[dims.length - 1] == s;
            if (!fits) {
                throw new IllegalArgumentException(op + ": attnMask of shape " + attnMask.shape() + " does not fit " + l
                        + " queries and " + s + " keys (expected [..., " + l + ", " + s + "])");
            }
            if (attnMask.dtype() == DType.BOOL) {
                Tensor excluded = allowedWhereTrue ? attnMask.logicalNot() : attnMask;
                bias = Tensor.zeros(dtype).expand(attnMask.shape()).maskedFill(excluded, Double.NEGATIVE_INFINITY);
            } else if (attnMask.dtype().isFloatingPoint()) {
                bias = attnMask;
            } else {
                throw new IllegalArgumentException(op + ": attnMask must be bool or floating point, got " + attnMask.dtype()
                        + " of shape " + attnMask.shape());
            }
        }
        return bias;
    }

    /**
     * {@code [softmax(Q·Kᵀ/√E + bias) V, the weights after dropout]}, checked.
     */
    static Tensor[] attend(Tensor query, Tensor key, Tensor value, Tensor bias, double dropoutP, Generator generator) {
        Objects.requireNonNull(value, "value");
        if (!(dropoutP >= 0 && dropoutP < 1)) {
            throw new IllegalArgumentException("scaledDotProductAttention: dropoutP must be in [0, 1), got " + dropoutP);
        }
        if (value.dim() < 2 || query.size(-1) != key.size(-1) || key.size(-2) != value.size(-2)) {
            throw new IllegalArgumentException("scaledDotProductAttention: query " + query.shape() + ", key " + key.shape()
                    + " and value " + value.shape() + " do not fit ([..., L, E], [..., S, E], [..., S, Ev])");
        }
        Tensor scores = query.matmul(key.transpose(-2, -1)).mul(1 / Math.sqrt(query.size(-1)));
        if (bias != null) {
            scores = scores.add(bias);
        }
        Tensor weights = scores.softmax(-1);
        if (dropoutP > 0) {
            weights = Dropout.drop(weights, dropoutP, Objects.requireNonNull(generator, "generator"));
        }
        return new Tensor[] {weights.matmul(value), weights};
    }
}

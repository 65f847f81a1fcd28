package org.autodiff.core;

import java.util.Objects;

/**
 * The element type of a tensor: {@code float32}, {@code float64}, {@code int64} or {@code bool},
 * stored as a {@code float[]}, {@code double[]}, {@code long[]} or {@code boolean[]}.
 *
 * <p>An op over several tensors computes in the dtype {@link #resultType} gives, by
 * {@code torch.result_type}'s rule. The dtypes fall into three categories, bool &lt; integer &lt;
 * floating point. Tensors with dimensions decide the dtype; a 0-d tensor counts only when its
 * category is higher than theirs (so {@code float32 × float64 0-d} stays float32, but
 * {@code int64 × float64 0-d} is float64). A Java number operand is PyTorch's Python number: a
 * {@code double} (as in {@code x.mul(2.5)}) is a float, which keeps a floating point tensor's dtype
 * and turns an integer or bool tensor into float32, PyTorch's default dtype; a {@code long} or
 * {@code int} (as in {@code ids.add(1)}) is an integer, which keeps an int64 tensor int64 and turns
 * a bool tensor into int64.
 *
 * <p>Only floating point tensors take part in differentiation: int64 and bool tensors never
 * require gradients (indices and masks), and an op whose result is int64 or bool records nothing.
 */
public enum DType {
    /** 32-bit IEEE floating point, stored as {@code float[]}; the default dtype. */
    FLOAT32(4, 2),
    /** 64-bit IEEE floating point, stored as {@code double[]}. */
    FLOAT64(8, 3),
    /** 64-bit signed integer, stored as {@code long[]}: indices and counts. */
    INT64(8, 1),
    /** Boolean, stored as {@code boolean[]}: masks and comparison results. */
    BOOL(1, 0);

    private final int byteSize;
    /** The position in the promotion order bool &lt; int64 &lt; float32 &lt; float64. */
    private final int rank;

    DType(int byteSize, int rank) {
        this.byteSize = byteSize;
        this.rank = rank;
    }

    /** Bytes per element.
     *
     * @return 4, 8, 8 or 1
     */
    public int byteSize() {
        return byteSize;
    }

    /**
     * Whether this is a floating point dtype (float32 or float64), the only ones that can require
     * gradients, as PyTorch's {@code is_floating_point}.
     *
     * @return true for FLOAT32 and FLOAT64
     */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The category in torch's promotion: 0 bool, 1 integer, 2 floating point. */
    private int category() {
        return this == BOOL ? 0 : this == INT64 ? 1 : 2;
    }

    /**
     * The dtype two tensors of dtypes {@code a} and {@code b} promote to, as {@code torch.promote_types}:
     * the larger in the order bool &lt; int64 &lt; float32 &lt; float64.
     *
     * @param a one dtype
     * @param b another dtype
     * @return the dtype both convert to without leaving their categories behind
     */
    public static DType promote(DType a, DType b) {
        Objects.requireNonNull(a, "DType.promote: a is null");
        Objects.requireNonNull(b, "DType.promote: b is null");
        return a.rank >= b.rank ? a : b;
    }

    /**
     * The dtype an elementwise op over {@code operands} computes in, by {@code torch.result_type}'s
     * rule: the promoted dtype of the tensors with dimensions, unless the 0-d tensors' promoted
     * dtype is of a higher category, in which case the two are promoted together. So
     * {@code ones(FLOAT32, 2).mul(scalar(0.5))} stays float32, and an int64 tensor times a float64
     * 0-d tensor is float64.
     *
     * @param operands the tensors an op combines
     * @return the dtype it computes in
     */
    public static DType resultType(Tensor... operands) {
        Objects.requireNonNull(operands, "DType.resultType: operands is null");
        DType dimensioned = null;
        DType zeroDim = null;
        for (Tensor t : operands) {
            if (t.dim() > 0) {
                dimensioned = dimensioned == null ? t.dtype() : promote(dimensioned, t.dtype());
            } else {
                zeroDim = zeroDim == null ? t.dtype() : promote(zeroDim, t.dtype());
            }
        }
        if (dimensioned == null || zeroDim == null) {
            return dimensioned != null ? dimensioned : zeroDim;
        }
        return zeroDim.category() > dimensioned.category() ? promote(dimensioned, zeroDim) : dimensioned;
    }

    /**
     * The PyTorch spelling, for messages: {@code float32}, {@code float64}, {@code int64}, {@code bool}.
     *
     * @return the lower-case name
     */
    @Override
    public String toString() {
        return name().toLowerCase();
    }
}

package org.autodiff.core;

/**
 * The element type of a tensor. Ops keep the dtype of their inputs; an op over a float32 and a
 * float64 tensor computes in float64, as PyTorch promotes, except that a 0-d tensor does not
 * promote a tensor with dimensions ({@link #resultType}). Plain {@code double} operands (as in
 * {@code x.mul(2.0)}) take the tensor's dtype, as Python scalars do in PyTorch.
 */
public enum DType {
    FLOAT32(4),
    FLOAT64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** The dtype an op over {@code a} and {@code b} computes in. */
    public static DType promote(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
    }

    /**
     * The dtype an elementwise op over {@code operands} computes in, by {@code torch.result_type}'s
     * rule: tensors with dimensions decide it, and 0-d tensors count only when every operand is
     * 0-d. So {@code ones(FLOAT32, 2).mul(scalar(0.5))} stays float32. (PyTorch lets a 0-d tensor
     * of a higher category, e.g. float over int, promote anyway; every dtype here is floating point,
     * one category, so that case does not arise.)
     */
    public static DType resultType(Tensor... operands) {
        DType dimensioned = null;
        DType zeroDim = null;
        for (Tensor t : operands) {
            if (t.dim() > 0) {
                dimensioned = dimensioned == null ? t.dtype() : promote(dimensioned, t.dtype());
            } else {
                zeroDim = zeroDim == null ? t.dtype() : promote(zeroDim, t.dtype());
            }
        }
        return dimensioned != null ? dimensioned : zeroDim;
    }

    /** The PyTorch spelling, for messages: {@code float32}, {@code float64}. */
    @Override
    public String toString() {
        return name().toLowerCase();
    }
}

package org.autodiff.core;

/**
 * The element type of a tensor. Ops keep the dtype of their inputs; an op over a float32 and a
 * float64 tensor computes in float64, as PyTorch promotes. Plain {@code double} operands (as in
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

    /** The PyTorch spelling, for messages: {@code float32}, {@code float64}. */
    @Override
    public String toString() {
        return name().toLowerCase();
    }
}

package org.autodiff.nn.io;

import java.nio.ByteBuffer;
import org.autodiff.core.DType;

/**
 * The element types of a safetensors file this library reads, with the tensor dtype each becomes
 * and the conversion between the file's little-endian bytes and a tensor's storage. {@code F32},
 * {@code F64}, {@code I64} and {@code BOOL} map one to one onto {@link DType}s and are written as
 * well as read; {@code F16} and {@code BF16} (common in PyTorch checkpoints) are read into float32,
 * which holds every half and bfloat16 value exactly, and are never written.
 */
enum SafeTensorsDType {
    F32(4, DType.FLOAT32),
    F64(8, DType.FLOAT64),
    I64(8, DType.INT64),
    BOOL(1, DType.BOOL),
    F16(2, DType.FLOAT32),
    BF16(2, DType.FLOAT32);

    private final int byteSize;
    private final DType tensorType;

    SafeTensorsDType(int byteSize, DType tensorType) {
        this.byteSize = byteSize;
        this.tensorType = tensorType;
    }

    /** Bytes per element in the file. */
    int byteSize() {
        return byteSize;
    }

    /** The dtype of the tensor this type is read into. */
    DType tensorType() {
        return tensorType;
    }

    /** The file type a tensor of {@code dtype} is written as: its exact counterpart. */
    static SafeTensorsDType of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> F32;
            case FLOAT64 -> F64;
            case INT64 -> I64;
            case BOOL -> BOOL;
        };
    }

    /** The type named {@code name} in a header, or null if this reader does not support it. */
    static SafeTensorsDType parse(String name) {
        for (SafeTensorsDType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** A zeroed storage array of {@code n} elements of the tensor type. */
    Object allocate(int n) {
        return switch (tensorType) {
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case INT64 -> new long[n];
            case BOOL -> new boolean[n];
        };
    }

    /**
     * Converts the {@code count} elements in {@code bytes} (little-endian, positioned at the first)
     * into {@code storage} from index {@code from}.
     *
     * @throws SafeTensorsFormatException for a BOOL byte other than 0 or 1, which PyTorch never
     *     writes and whose meaning would be undefined
     */
    void decode(ByteBuffer bytes, Object storage, int from, int count) throws SafeTensorsFormatException {
        switch (this) {
            case F32 -> bytes.asFloatBuffer().get((float[]) storage, from, count);
            case F64 -> bytes.asDoubleBuffer().get((double[]) storage, from, count);
            case I64 -> bytes.asLongBuffer().get((long[]) storage, from, count);
            case BOOL -> {
                boolean[] b = (boolean[]) storage;
                for (int i = 0; i < count; i++) {
                    byte v = bytes.get(bytes.position() + i);
                    if (v != 0 && v != 1) {
                        throw new SafeTensorsFormatException("safetensors: BOOL element " + (from + i) + " is byte " + (v & 0xff)
                                + ", not 0 or 1");
                    }
                    b[from + i] = v == 1;
                }
            }
            case F16 -> {
                float[] f = (float[]) storage;
                for (int i = 0; i < count; i++) {
                    f[from + i] = halfToFloat(bytes.getShort(bytes.position() + 2 * i));
                }
            }
            case BF16 -> {
                float[] f = (float[]) storage;
                for (int i = 0; i < count; i++) {
                    // bfloat16 is the upper half of a float32's bits.
                    f[from + i] = Float.intBitsToFloat((bytes.getShort(bytes.position() + 2 * i) & 0xffff) << 16);
                }
            }
        }
    }

    /**
     * Appends {@code count} elements of {@code storage} from index {@code from} to {@code bytes}
     * (little-endian); only for the types {@link #of} returns.
     */
    void encode(Object storage, int from, int count, ByteBuffer bytes) {
        switch (this) {
            case F32 -> bytes.asFloatBuffer().put((float[]) storage, from, count);
            case F64 -> bytes.asDoubleBuffer().put((double[]) storage, from, count);
            case I64 -> bytes.asLongBuffer().put((long[]) storage, from, count);
            case BOOL -> {
                boolean[] b = (boolean[]) storage;
                for (int i = 0; i < count; i++) {
                    bytes.put(bytes.position() + i, (byte) (b[from + i] ? 1 : 0));
                }
            }
            case F16, BF16 -> throw new UnsupportedOperationException(name() + " is read, never written");
        }
    }

    /**
     * The float32 value of an IEEE 754 half-precision number (1 sign, 5 exponent, 10 fraction
     * bits): exact, since float32 has more of both. Subnormal halves become normal floats.
     */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int fraction = h & 0x3ff;
        if (exponent == 0x1f) {
            // Infinity or NaN: all-ones exponent; keep the fraction so NaN payloads stay NaN.
            return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
        }
        if (exponent == 0) {
            if (fraction == 0) {
                return Float.intBitsToFloat(sign);
            }
            // Subnormal: fraction × 2^-24, exact in float32.
            float magnitude = fraction * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // Normal: rebias the exponent from 15 to 127.
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }
}

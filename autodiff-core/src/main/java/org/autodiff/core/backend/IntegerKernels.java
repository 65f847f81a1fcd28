package org.autodiff.core.backend;

import java.util.Arrays;
import org.autodiff.core.backend.JavaBackend.Rows;

/**
 * The kernels of int64 ({@code long[]}) and bool ({@code boolean[]}) storage: exact integer
 * arithmetic, comparisons, {@code where}, reductions and the index maps of data movement.
 *
 * <p>Integer and bool tensors hold token ids, indices and masks; they are moved, compared and
 * counted, not trained on. So they get only the kernels those uses need, written once, plain
 * and single-threaded, outside the pluggable {@link Backend} (which exists to make floating
 * point arithmetic fast). Everything else an integer tensor meets either converts it to
 * floating point first, as PyTorch does for {@code exp} or true division, or is rejected by the
 * op with a message naming it. bool arithmetic and comparisons are computed on int64 by the
 * caller, except the logical {@code or}/{@code and} that bool addition and multiplication are.
 *
 * <p>int64 arithmetic is exact and wraps around on overflow (two's complement), as PyTorch's
 * does: {@code 2^62 + 2^62} is {@code -2^63}.
 */
public final class IntegerKernels {
    private IntegerKernels() {
    }

    /**
     * {@code out[i] = f(x[i])} for the integer functions NEG, ABS, SIGN and RELU.
     *
     * @param f   the function
     * @param x   the input
     * @param out the result, as long as x
     */
    public static void unary(UnaryKernel f, long[] x, long[] out) {
        switch (f) {
            case NEG -> { for (int i = 0; i < x.length; i++) out[i] = -x[i]; }
            case ABS -> { for (int i = 0; i < x.length; i++) out[i] = Math.abs(x[i]); }
            case SIGN -> { for (int i = 0; i < x.length; i++) out[i] = Long.signum(x[i]); }
            case RELU -> { for (int i = 0; i < x.length; i++) out[i] = Math.max(x[i], 0L); }
            default -> throw new IllegalArgumentException(f + " has no int64 kernel");
        }
    }

    /**
     * {@code out[idx] = f(a[idx·aStrides], b[idx·bStrides])} for ADD, SUB, MUL, MAXIMUM and MINIMUM.
     *
     * @param f        the function
     * @param a        the first operand
     * @param aStrides its strides over the output shape (0 where broadcast)
     * @param b        the second operand
     * @param bStrides its strides over the output shape
     * @param out      the row-major result
     * @param outDims  the output shape
     */
    public static void binary(BinaryKernel f, long[] a, int[] aStrides, long[] b, int[] bStrides, long[] out,
                              int[] outDims) {
        Rows rows = new Rows(outDims, aStrides, bStrides);
        int n = rows.length, as = rows.lastStride[0], bs = rows.lastStride[1];
        for (int r = 0; r < rows.count; r++) {
            int ao = rows.offset[0][r], bo = rows.offset[1][r], oo = r * n;
            switch (f) {
                case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] + b[bo + i * bs]; }
                case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] - b[bo + i * bs]; }
                case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] * b[bo + i * bs]; }
                case MAXIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.max(a[ao + i * as], b[bo + i * bs]); }
                case MINIMUM -> { for (int i = 0; i < n; i++) out[oo + i] = Math.min(a[ao + i * as], b[bo + i * bs]); }
                default -> throw new IllegalArgumentException(f + " has no int64 kernel");
            }
        }
    }

    /**
     * Bool arithmetic as PyTorch defines it: ADD and MAXIMUM are logical or, MUL and MINIMUM
     * logical and.
     *
     * @param f        the function
     * @param a        the first operand
     * @param aStrides its strides over the output shape (0 where broadcast)
     * @param b        the second operand
     * @param bStrides its strides over the output shape
     * @param out      the row-major result
     * @param outDims  the output shape
     */
    public static void binary(BinaryKernel f, boolean[] a, int[] aStrides, boolean[] b, int[] bStrides, boolean[] out,
                              int[] outDims) {
        boolean or = switch (f) {
            case ADD, MAXIMUM -> true;
            case MUL, MINIMUM -> false;
            default -> throw new IllegalArgumentException(f + " has no bool kernel");
        };
        Rows rows = new Rows(outDims, aStrides, bStrides);
        int n = rows.length, as = rows.lastStride[0], bs = rows.lastStride[1];
        for (int r = 0; r < rows.count; r++) {
            int ao = rows.offset[0][r], bo = rows.offset[1][r], oo = r * n;
            if (or) {
                for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] | b[bo + i * bs];
            } else {
                for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] & b[bo + i * bs];
            }
        }
    }

    /**
     * {@code out[idx] = cmp(a[idx·aStrides], b[idx·bStrides])}, exactly.
     *
     * @param f        the comparison
     * @param a        the first operand
     * @param aStrides its strides over the output shape (0 where broadcast)
     * @param b        the second operand
     * @param bStrides its strides over the output shape
     * @param out      the row-major result
     * @param outDims  the output shape
     */
    public static void compare(CompareKernel f, long[] a, int[] aStrides, long[] b, int[] bStrides, boolean[] out,
                               int[] outDims) {
        Rows rows = new Rows(outDims, aStrides, bStrides);
        int n = rows.length, as = rows.lastStride[0], bs = rows.lastStride[1];
        for (int r = 0; r < rows.count; r++) {
            int ao = rows.offset[0][r], bo = rows.offset[1][r], oo = r * n;
            switch (f) {
                case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] == b[bo + i * bs]; }
                case NE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] != b[bo + i * bs]; }
                case LT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] < b[bo + i * bs]; }
                case LE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] <= b[bo + i * bs]; }
                case GT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] > b[bo + i * bs]; }
                case GE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] >= b[bo + i * bs]; }
            }
        }
    }

    /**
     * {@code out[idx] = cond[idx] ? a[idx] : b[idx]}, all three read with broadcast strides.
     *
     * @param cond     the condition
     * @param cStrides its strides over the output shape
     * @param a        the values where the condition holds
     * @param aStrides their strides
     * @param b        the values elsewhere
     * @param bStrides their strides
     * @param out      the row-major result
     * @param outDims  the output shape
     */
    public static void where(boolean[] cond, int[] cStrides, long[] a, int[] aStrides, long[] b, int[] bStrides,
                             long[] out, int[] outDims) {
        Rows rows = new Rows(outDims, cStrides, aStrides, bStrides);
        int n = rows.length, cs = rows.lastStride[0], as = rows.lastStride[1], bs = rows.lastStride[2];
        for (int r = 0; r < rows.count; r++) {
            int co = rows.offset[0][r], ao = rows.offset[1][r], bo = rows.offset[2][r], oo = r * n;
            for (int i = 0; i < n; i++) {
                out[oo + i] = cond[co + i * cs] ? a[ao + i * as] : b[bo + i * bs];
            }
        }
    }

    /**
     * Reduces {@code x} (shape {@code dims}) over the dims flagged in {@code reduced} into
     * {@code out}, row-major over the kept dims: an exact (wrapping) sum, or the max or min.
     *
     * @param f       SUM, MAX or MIN
     * @param x       the input
     * @param dims    its shape
     * @param reduced which dims to reduce
     * @param out     the result
     */
    public static void reduce(ReduceKernel f, long[] x, int[] dims, boolean[] reduced, long[] out) {
        Arrays.fill(out, f == ReduceKernel.SUM ? 0 : f == ReduceKernel.MAX ? Long.MIN_VALUE : Long.MAX_VALUE);
        Rows rows = new Rows(dims, JavaBackend.contiguousStrides(dims), JavaBackend.keptStrides(dims, reduced));
        int n = rows.length, os = rows.lastStride[1];
        for (int r = 0; r < rows.count; r++) {
            int xo = rows.offset[0][r], oo = rows.offset[1][r];
            switch (f) {
                case SUM -> { for (int i = 0; i < n; i++) out[oo + i * os] += x[xo + i]; }
                case MAX -> { for (int i = 0; i < n; i++) out[oo + i * os] = Math.max(out[oo + i * os], x[xo + i]); }
                case MIN -> { for (int i = 0; i < n; i++) out[oo + i * os] = Math.min(out[oo + i * os], x[xo + i]); }
            }
        }
    }

    /**
     * For each position along all dims but {@code dim}, the flat index into {@code x} of the
     * first maximal (or minimal) element along {@code dim}.
     *
     * @param max  true for the maximum, false for the minimum
     * @param x    the input
     * @param dims its shape
     * @param dim  the dim to search along (not empty)
     * @return the flat indices, row-major over the other dims
     */
    public static int[] argReduce(boolean max, long[] x, int[] dims, int dim) {
        int outer = 1, inner = 1, size = dims[dim];
        for (int d = 0; d < dim; d++) outer *= dims[d];
        for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
        int[] idx = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * size * inner + in, best = base;
                for (int j = 1; j < size; j++) {
                    long v = x[base + j * inner];
                    if (max ? v > x[best] : v < x[best]) {
                        best = base + j * inner;
                    }
                }
                idx[o * inner + in] = best;
            }
        }
        return idx;
    }

    /**
     * Gather by an index map: {@code out[i] = map[i] >= 0 ? x[map[i]] : fill}.
     *
     * @param x    the source
     * @param map  the index map
     * @param fill the value where the map is negative (padding)
     * @param out  the result, as long as the map
     */
    public static void take(long[] x, int[] map, long fill, long[] out) {
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            out[i] = j >= 0 ? x[j] : fill;
        }
    }

    /**
     * The bool twin of {@link #take(long[], int[], long, long[])}.
     *
     * @param x    the source
     * @param map  the index map
     * @param fill the value where the map is negative (padding)
     * @param out  the result, as long as the map
     */
    public static void take(boolean[] x, int[] map, boolean fill, boolean[] out) {
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            out[i] = j >= 0 ? x[j] : fill;
        }
    }

    /**
     * Scatter-add by an index map: {@code out[map[i]] += x[i]} where {@code map[i] >= 0}.
     *
     * @param x   the source
     * @param map the index map, as long as x
     * @param out the target, added into
     */
    public static void put(long[] x, int[] map, long[] out) {
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            if (j >= 0) out[j] += x[i];
        }
    }

    /**
     * Scatter by an index map, adding as bool adds (logical or): {@code out[map[i]] |= x[i]}.
     *
     * @param x   the source
     * @param map the index map, as long as x
     * @param out the target, or-ed into
     */
    public static void put(boolean[] x, int[] map, boolean[] out) {
        for (int i = 0; i < map.length; i++) {
            int j = map[i];
            if (j >= 0) out[j] |= x[i];
        }
    }
}

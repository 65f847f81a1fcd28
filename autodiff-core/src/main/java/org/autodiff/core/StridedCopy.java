package org.autodiff.core;

import java.util.Arrays;

/**
 * Element copies between a strided layout (storage, offset, strides) and a dense row-major
 * array: the gather that hands a view's elements to a kernel, and the scatter that writes an
 * in-place result back through a view. Strides arrays may run longer than the dims (a tensor
 * keeps its offset after them); only the first rank entries are read. Adjacent dims that step through storage as one are
 * merged first, so a slice of rows copies in a few {@link System#arraycopy} runs.
 */
final class StridedCopy {
    private StridedCopy() {
    }

    /** True if the strides are row-major for dims, ignoring dims of size 1 (as PyTorch's is_contiguous). */
    static boolean isRowMajor(int[] dims, int[] strides) {
        int expected = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] == 0) {
                return true;
            }
            if (dims[d] != 1) {
                if (strides[d] != expected) {
                    return false;
                }
                expected *= dims[d];
            }
        }
        return true;
    }

    /** The lowest and highest storage positions the layout reaches, or null when it holds no element. */
    static long[] extent(int offset, int[] dims, int[] strides) {
        long lo = offset, hi = offset;
        for (int d = 0; d < dims.length; d++) {
            if (dims[d] == 0) {
                return null;
            }
            long reach = (long) (dims[d] - 1) * strides[d];
            if (reach < 0) {
                lo += reach;
            } else {
                hi += reach;
            }
        }
        return new long[] {lo, hi};
    }

    /** A fresh array of {@code numel} elements: the layout's elements in row-major order. */
    static Object gather(Object storage, int offset, int[] dims, int[] strides, int numel) {
        Object dense = newArray(storage, numel);
        copy(storage, offset, dims, strides, dense, true);
        return dense;
    }

    /** Writes {@code dense} (row-major) to the positions the layout names in {@code storage}. */
    static void scatter(Object dense, Object storage, int offset, int[] dims, int[] strides) {
        copy(storage, offset, dims, strides, dense, false);
    }

    private static Object newArray(Object like, int n) {
        if (like instanceof double[]) {
            return new double[n];
        } else if (like instanceof float[]) {
            return new float[n];
        } else if (like instanceof long[]) {
            return new long[n];
        }
        return new boolean[n];
    }

    /** Walks the layout run by run (a run is the last merged dim), copying each run to or from dense. */
    private static void copy(Object storage, int offset, int[] dims, int[] strides, Object dense, boolean toDense) {
        int[][] merged = merge(dims, strides);
        int[] d = merged[0], s = merged[1];
        int rank = d.length;
        if (rank == 0) {
            run(storage, offset, 1, dense, 0, 1, toDense);
            return;
        }
        int runLength = d[rank - 1], runStride = s[rank - 1];
        int runs = 1;
        for (int k = 0; k < rank - 1; k++) {
            runs *= d[k];
        }
        if (runs == 0 || runLength == 0) {
            return;
        }
        int[] index = new int[rank - 1];
        int pos = offset;
        for (int r = 0, at = 0; r < runs; r++, at += runLength) {
            run(storage, pos, runStride, dense, at, runLength, toDense);
            for (int k = rank - 2; k >= 0; k--) {
                pos += s[k];
                if (++index[k] < d[k]) {
                    break;
                }
                pos -= s[k] * d[k];
                index[k] = 0;
            }
        }
    }

    /** Dims without those of size 1, and neighbours merged where the outer one steps over the inner one whole. */
    private static int[][] merge(int[] dims, int[] strides) {
        int[] d = new int[dims.length], s = new int[dims.length];
        int n = 0;
        for (int k = 0; k < dims.length; k++) {
            if (dims[k] == 1) {
                continue;
            }
            if (n > 0 && s[n - 1] == (long) strides[k] * dims[k]) {
                d[n - 1] *= dims[k];
                s[n - 1] = strides[k];
            } else {
                d[n] = dims[k];
                s[n] = strides[k];
                n++;
            }
        }
        return new int[][] {Arrays.copyOf(d, n), Arrays.copyOf(s, n)};
    }

    /** One run of n elements: storage from pos stepping by stride, dense from at stepping by 1. */
    private static void run(Object storage, int pos, int stride, Object dense, int at, int n, boolean toDense) {
        if (stride == 1) {
            if (toDense) {
                System.arraycopy(storage, pos, dense, at, n);
            } else {
                System.arraycopy(dense, at, storage, pos, n);
            }
        } else if (storage instanceof double[] st) {
            double[] de = (double[]) dense;
            for (int i = 0; i < n; i++) {
                if (toDense) de[at + i] = st[pos + i * stride]; else st[pos + i * stride] = de[at + i];
            }
        } else if (storage instanceof float[] st) {
            float[] de = (float[]) dense;
            for (int i = 0; i < n; i++) {
                if (toDense) de[at + i] = st[pos + i * stride]; else st[pos + i * stride] = de[at + i];
            }
        } else if (storage instanceof long[] st) {
            long[] de = (long[]) dense;
            for (int i = 0; i < n; i++) {
                if (toDense) de[at + i] = st[pos + i * stride]; else st[pos + i * stride] = de[at + i];
            }
        } else {
            boolean[] st = (boolean[]) storage, de = (boolean[]) dense;
            for (int i = 0; i < n; i++) {
                if (toDense) de[at + i] = st[pos + i * stride]; else st[pos + i * stride] = de[at + i];
            }
        }
    }
}

package org.autodiff.core.ops;

import org.autodiff.core.Shape;

/**
 * Index maps for data movement: for each element of an op's output, the flat index of the input
 * element it reads, or -1 where it reads a fill value (padding). The copying movement ops (pad,
 * gather, indexSelect) are {@link Movement#take} with one of these maps, and the views
 * (permute, expand, slice) scatter their gradients back by one, so their derivative rules come
 * for free from take's and put's. {@link #viewStrides} decides when a reshape can be a view.
 */
final class IndexMaps {
    private IndexMaps() {
    }

    /**
     * The general case: output element at multi-index i reads input offset Σ i[d]·strides[d]
     * (strides may be 0 for broadcast dims or permuted for transposes).
     */
    static int[] strided(Shape out, int[] strides, int base) {
        int n = out.numel();
        int[] map = new int[n];
        int rank = out.rank();
        int[] dims = out.dims();
        int[] index = new int[rank];
        int offset = base;
        for (int i = 0; i < n; i++) {
            map[i] = offset;
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                offset += strides[d];
                if (index[d] < dims[d]) {
                    break;
                }
                offset -= strides[d] * dims[d];
                index[d] = 0;
            }
        }
        return map;
    }

    /** Broadcast of {@code in} to {@code out}. */
    static int[] expand(Shape in, Shape out) {
        return strided(out, in.broadcastStrides(out), 0);
    }

    /** Every step-th element from start along dim. */
    static int[] slice(Shape in, int dim, int start, int count, int step) {
        int[] strides = in.strides();
        int base = start * strides[dim];
        strides[dim] *= step;
        return strided(in.with(dim, count), strides, base);
    }

    /** Chosen entries along dim (already validated). */
    static int[] indexSelect(Shape in, int dim, int[] index) {
        Shape out = in.with(dim, index.length);
        int[] map = new int[out.numel()];
        int inner = 1;
        for (int d = dim + 1; d < in.rank(); d++) {
            inner *= in.size(d);
        }
        int outer = out.numel() / Math.max(1, index.length * inner);
        int i = 0;
        for (int o = 0; o < outer; o++) {
            for (int j : index) {
                int base = (o * in.size(dim) + j) * inner;
                for (int k = 0; k < inner; k++) {
                    map[i++] = base + k;
                }
            }
        }
        return map;
    }

    /** gather: output at i reads input at i with dim replaced by index[i] (already validated). */
    static int[] gather(Shape in, int dim, Shape indexShape, int[] index) {
        int[] inStrides = in.strides();
        int[] strides = new int[in.rank()];
        for (int d = 0; d < in.rank(); d++) {
            strides[d] = d == dim ? 0 : inStrides[d];
        }
        int[] map = strided(indexShape, strides, 0);
        for (int i = 0; i < map.length; i++) {
            map[i] += index[i] * inStrides[dim];
        }
        return map;
    }

    /** Constant padding of the last dims: pad[2k], pad[2k+1] are before/after for dim rank-1-k. */
    static int[] pad(Shape in, int[] pad, Shape out) {
        int rank = in.rank();
        int[] inStrides = in.strides();
        int[] map = strided(out, new int[rank], 0);
        int[] dims = out.dims();
        int[] index = new int[rank];
        for (int i = 0; i < map.length; i++) {
            int offset = 0;
            for (int d = 0; d < rank; d++) {
                int k = rank - 1 - d;
                int before = 2 * k < pad.length ? pad[2 * k] : 0;
                int src = index[d] - before;
                if (src < 0 || src >= in.size(d)) {
                    offset = -1;
                    break;
                }
                offset += src * inStrides[d];
            }
            map[i] = offset;
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < dims[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return map;
    }

    /**
     * Strides that let a tensor of {@code shape} laid out with {@code strides} be seen as
     * {@code target} without a copy, or null when none do (PyTorch's computeStride): each run of
     * old dims that steps through storage as one block may be split or merged freely.
     */
    static int[] viewStrides(Shape shape, int[] strides, Shape target) {
        int[] oldDims = shape.dims(), newDims = target.dims();
        int[] out = new int[newDims.length];
        if (shape.numel() == 0 || oldDims.length == 0) {
            // No element, or one: any strides reach it; row-major ones are as good as any.
            return shape.numel() == 0 ? target.strides() : out;
        }
        int viewD = newDims.length - 1;
        long chunkBase = strides[oldDims.length - 1];
        long tensorNumel = 1, viewNumel = 1;
        for (int d = oldDims.length - 1; d >= 0; d--) {
            tensorNumel *= oldDims[d];
            // A chunk ends where the next old dim out does not step over this one whole.
            if (d == 0 || oldDims[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newDims[viewD] == 1)) {
                    out[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= newDims[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (d > 0) {
                    chunkBase = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? out : null;
    }
}

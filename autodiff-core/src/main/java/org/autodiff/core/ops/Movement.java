package org.autodiff.core.ops;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Primitive;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Shape changes and data movement. The primitives are few: {@link Take} (gather by an index
 * map) and {@link Put} (scatter-add by the same map) are each other's adjoint, and every pad,
 * indexSelect and gather is a take with its own map from {@link IndexMaps} (im2col has a
 * primitive of its own, in {@link Convolution}). Permute, transpose, expand and slice are a
 * {@link View}: the result shares x's storage with new strides and offset, as in PyTorch, and its
 * adjoint is the put of the map the view reads by.
 * Reshape (a view where the strides allow, else a copy), cast, copy and cat complete the set.
 */
public final class Movement {
    private Movement() {
    }

    // ---------------------------------------------------------------- compositions

    /**
     * The same elements in another shape, sharing storage; one size may be -1 (inferred).
     *
     * @param x the tensor
     * @param shape the new sizes
     * @return the reshaped tensor
     */
    public static Tensor reshape(Tensor x, int... shape) {
        Objects.requireNonNull(x, "reshape: x is null");
        Objects.requireNonNull(shape, "reshape: shape is null");
        Shape target = inferShape(x, shape);
        return target.equals(x.shape()) ? alias(x) : new Reshape(target).apply(x);
    }

    /**
     * The same tensor as a new graph node (used to attach a tangent without touching x).
     *
     * @param x the tensor
     * @return a tensor with x's values and storage, recorded as a separate node
     */
    public static Tensor alias(Tensor x) {
        Objects.requireNonNull(x, "alias: x is null");
        return new Reshape(x.shape()).apply(x);
    }

    /**
     * A copy with its own storage (PyTorch's {@code clone}), differentiable.
     *
     * @param x the tensor to copy
     * @return the copy
     */
    public static Tensor copy(Tensor x) {
        Objects.requireNonNull(x, "copy: x is null");
        return new Copy().apply(x);
    }

    /**
     * x converted to {@code dtype}; differentiable between floating point dtypes.
     *
     * @param x the tensor to convert
     * @param dtype the element type wanted
     * @return the converted copy
     */
    public static Tensor cast(Tensor x, DType dtype) {
        Objects.requireNonNull(x, "cast: x is null");
        Objects.requireNonNull(dtype, "cast: dtype is null");
        return new Cast(dtype).apply(x);
    }

    /**
     * Reorders the dims: result dim i is x's dim {@code dims[i]}. A view sharing x's storage.
     *
     * @param x the tensor
     * @param dims a permutation of x's dims (negative ones count from the end)
     * @return the permuted view
     */
    public static Tensor permute(Tensor x, int... dims) {
        Objects.requireNonNull(x, "permute: x is null");
        Objects.requireNonNull(dims, "permute: dims is null");
        Shape in = x.shape();
        if (dims.length != in.rank()) {
            throw new IllegalArgumentException("permute: a tensor of shape " + in + " needs " + in.rank()
                    + " dims, got " + Arrays.toString(dims));
        }
        int[] perm = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            perm[i] = in.normalizeDim(dims[i], "permute");
            if (seen[perm[i]]) {
                throw new IllegalArgumentException("permute: dim " + dims[i] + " repeats in " + Arrays.toString(dims));
            }
            seen[perm[i]] = true;
            out[i] = in.size(perm[i]);
        }
        int[] step = new int[perm.length];
        Arrays.fill(step, 1);
        return new View(Shape.of(out), perm, step, new int[perm.length]).apply(x);
    }

    /**
     * Swaps two dims, as a view sharing x's storage; x itself, as a new node, if they are the same dim.
     *
     * @param x the tensor
     * @param dim0 one dim (negative counts from the end)
     * @param dim1 the other dim
     * @return the transposed tensor
     */
    public static Tensor transpose(Tensor x, int dim0, int dim1) {
        Objects.requireNonNull(x, "transpose: x is null");
        int a = x.shape().normalizeDim(dim0, "transpose"), b = x.shape().normalizeDim(dim1, "transpose");
        if (a == b || x.dim() < 2) {
            return alias(x);
        }
        int[] perm = new int[x.dim()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(x, perm);
    }

    /**
     * x without every dim of size 1.
     *
     * @param x the tensor
     * @return the squeezed tensor, sharing storage with x
     */
    public static Tensor squeeze(Tensor x) {
        Objects.requireNonNull(x, "squeeze: x is null");
        int[] dims = Arrays.stream(x.shape().dims()).filter(d -> d != 1).toArray();
        return reshape(x, dims);
    }

    /**
     * x without {@code dim} if its size is 1, unchanged otherwise.
     *
     * @param x the tensor
     * @param dim the dim to drop (negative counts from the end)
     * @return the squeezed tensor, sharing storage with x
     */
    public static Tensor squeeze(Tensor x, int dim) {
        Objects.requireNonNull(x, "squeeze: x is null");
        int d = x.shape().normalizeDim(dim, "squeeze");
        return x.dim() == 0 || x.size(d) != 1 ? alias(x) : reshape(x, x.shape().remove(d).dims());
    }

    /**
     * x with a new dim of size 1 at {@code dim}.
     *
     * @param x the tensor
     * @param dim where the new dim goes, in {@code [-rank-1, rank]}
     * @return the unsqueezed tensor, sharing storage with x
     */
    public static Tensor unsqueeze(Tensor x, int dim) {
        Objects.requireNonNull(x, "unsqueeze: x is null");
        int r = x.dim() + 1;
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException("unsqueeze: dim " + dim + " is out of range for a tensor of shape "
                    + x.shape() + " (expected a dim in [" + (-r) + ", " + (r - 1) + "])");
        }
        return reshape(x, x.shape().insert(dim < 0 ? dim + r : dim, 1).dims());
    }

    /**
     * x broadcast to {@code shape}, where -1 keeps one of x's sizes (not for new leading dims): a
     * view sharing x's storage, with stride 0 along the broadcast dims, so that no element is copied.
     *
     * @param x the tensor
     * @param shape the target sizes
     * @return the broadcast view
     */
    public static Tensor expand(Tensor x, int... shape) {
        Objects.requireNonNull(x, "expand: x is null");
        Objects.requireNonNull(shape, "expand: shape is null");
        int off = shape.length - x.dim();
        if (off < 0) {
            throw new IllegalArgumentException("expand: the number of sizes " + Arrays.toString(shape)
                    + " must be at least the number of dims of the tensor (shape " + x.shape() + ")");
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape[i];
            if (shape[i] == -1) {
                if (i < off) {
                    throw new IllegalArgumentException("expand: -1 is not allowed for the new leading dim " + i);
                }
                dims[i] = x.size(i - off);
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("expand: invalid size " + shape[i] + " in " + Arrays.toString(shape));
            }
        }
        return expand(x, Shape.of("expand", dims));
    }

    /**
     * x broadcast to {@code shape}: a view with stride 0 along the broadcast dims, or x itself if
     * the shape is already x's.
     *
     * @param x the tensor
     * @param shape a shape that x broadcasts to
     * @return the broadcast tensor
     */
    public static Tensor expand(Tensor x, Shape shape) {
        Objects.requireNonNull(x, "expand: x is null");
        Objects.requireNonNull(shape, "expand: shape is null");
        if (!x.shape().broadcastsTo(shape)) {
            throw new IllegalArgumentException("expand: a tensor of shape " + x.shape() + " cannot be expanded to " + shape);
        }
        if (shape.equals(x.shape())) {
            return x;
        }
        int off = shape.rank() - x.dim();
        int[] source = new int[shape.rank()], step = new int[shape.rank()];
        for (int k = 0; k < source.length; k++) {
            source[k] = k - off;
            // Stride 0 repeats the one element along a broadcast dim; a new leading dim has no source.
            step[k] = k >= off && x.size(k - off) == shape.size(k) ? 1 : 0;
        }
        return new View(shape, source, step, new int[x.dim()]).apply(x);
    }

    /**
     * Python's {@code x[start:end:step]} along dim: negative start/end count from the end; out-of-range ends clamp.
     *
     * @param x the tensor
     * @param dim the dim to slice (negative counts from the end)
     * @param start the first index taken
     * @param end the bound, not included
     * @param step the distance between indices taken, positive
     * @return the sliced view, sharing x's storage
     */
    public static Tensor slice(Tensor x, int dim, int start, int end, int step) {
        Objects.requireNonNull(x, "slice: x is null");
        int d = x.shape().normalizeDim(dim, "slice");
        if (x.dim() == 0) {
            throw new IllegalArgumentException("slice: cannot be applied to a 0-d tensor (shape [], dim " + dim + ")");
        }
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int n = x.size(d);
        int s = clampIndex(start, n), e = clampIndex(end, n);
        // In long: e - s + step - 1 passes 2^31 for a large step.
        int count = e > s ? (int) (((long) e - s + step - 1) / step) : 0;
        int[] source = new int[x.dim()], steps = new int[x.dim()], from = new int[x.dim()];
        for (int k = 0; k < source.length; k++) {
            source[k] = k;
            steps[k] = 1;
        }
        steps[d] = step;
        from[d] = count == 0 ? 0 : s;
        return new View(x.shape().with(d, count), source, steps, from).apply(x);
    }

    private static int clampIndex(int i, int n) {
        return Math.max(0, Math.min(n, i < 0 ? i + n : i));
    }

    /**
     * The entries of x at {@code index} along {@code dim}, in that order, as {@code index_select}.
     *
     * @param x the tensor
     * @param dim the dim to select along (negative counts from the end)
     * @param index the positions to take, each in {@code [0, size)}
     * @return the selected entries
     */
    public static Tensor indexSelect(Tensor x, int dim, int... index) {
        Objects.requireNonNull(x, "indexSelect: x is null");
        Objects.requireNonNull(index, "indexSelect: index is null");
        int d = x.shape().normalizeDim(dim, "indexSelect");
        if (x.dim() == 0 && index.length != 1) {
            throw new IllegalArgumentException("indexSelect: a 0-d input takes exactly one index, got "
                    + Arrays.toString(index));
        }
        int n = sizeAlong(x.shape(), d);
        for (int i : index) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index " + i + " is out of range for dim " + dim
                        + " of size " + n + " (shape " + x.shape() + ")");
            }
        }
        if (x.dim() == 0) {
            return take(x, new int[] {0}, 0, Shape.SCALAR);
        }
        return take(x, IndexMaps.indexSelect(x.shape(), d, index), 0, x.shape().with(d, index.length));
    }

    /**
     * index_select by a 1-d (or 0-d) int64 index tensor.
     *
     * @param x the tensor
     * @param dim the dim to select along (negative counts from the end)
     * @param index the positions to take
     * @return the selected entries
     */
    public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        Objects.requireNonNull(x, "indexSelect: x is null");
        Objects.requireNonNull(index, "indexSelect: index is null");
        requireIndex(index, "indexSelect");
        if (index.dim() > 1) {
            throw new IllegalArgumentException("indexSelect: index must be 1-d (or 0-d), got shape " + index.shape());
        }
        long[] raw = index.toLongArray();
        int[] idx = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            // An index beyond int's range is out of range for every dim; keep it visible as such.
            idx[i] = (int) Math.max(-1, Math.min(Integer.MAX_VALUE, raw[i]));
            if (idx[i] != raw[i]) {
                throw new IndexOutOfBoundsException("indexSelect: index " + raw[i] + " is out of range for dim " + dim
                        + " of shape " + x.shape());
            }
        }
        return indexSelect(x, dim, idx);
    }

    /** Index tensors are int64, as PyTorch requires: a float index is a mistake, not a value to round. */
    private static void requireIndex(Tensor index, String op) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": index must be an int64 tensor, got " + index.dtype() + " (shape "
                    + index.shape() + "); make it with Tensor.of(long[]) or to(DType.INT64)");
        }
    }

    /**
     * PyTorch's {@code gather}: {@code out[i][j] = x[index[i][j]][j]} for dim 0, and so on.
     *
     * @param x the tensor
     * @param dim the dim along which {@code index} picks (negative counts from the end)
     * @param index an int64 tensor with as many dims as x
     * @return a tensor of {@code index}'s shape
     */
    public static Tensor gather(Tensor x, int dim, Tensor index) {
        Objects.requireNonNull(x, "gather: x is null");
        Objects.requireNonNull(index, "gather: index is null");
        requireIndex(index, "gather");
        int d = x.shape().normalizeDim(dim, "gather");
        if (index.dim() != x.dim()) {
            throw new IllegalArgumentException("gather: index has " + index.dim() + " dims but the input (shape "
                    + x.shape() + ") has " + x.dim());
        }
        for (int k = 0; k < x.dim(); k++) {
            if (k != d && index.size(k) > x.size(k)) {
                throw new IllegalArgumentException("gather: index shape " + index.shape() + " exceeds the input shape "
                        + x.shape() + " in dim " + k);
            }
        }
        long[] raw = index.toLongArray();
        int[] idx = new int[raw.length];
        int n = sizeAlong(x.shape(), d);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] < 0 || raw[i] >= n) {
                throw new IndexOutOfBoundsException("gather: index value " + raw[i] + " is not a valid index into dim "
                        + dim + " of size " + n + " (shape " + x.shape() + ")");
            }
            idx[i] = (int) raw[i];
        }
        if (x.dim() == 0) {
            // The index is 0-d too (checked above) and its one value is 0.
            return take(x, new int[] {0}, 0, Shape.SCALAR);
        }
        return take(x, IndexMaps.gather(x.shape(), d, index.shape(), idx), 0, index.shape());
    }

    /**
     * The size of dim d, reading a 0-d shape as one element along dim 0, as PyTorch's gather and
     * index_select do.
     */
    private static int sizeAlong(Shape shape, int d) {
        return shape.rank() == 0 ? 1 : shape.size(d);
    }

    /**
     * Constant padding as {@code F.pad}: (before, after) pairs starting from the last dim.
     *
     * @param x the tensor
     * @param padding how many elements to add before and after each padded dim
     * @param value the fill value
     * @return the padded tensor
     */
    public static Tensor pad(Tensor x, int[] padding, double value) {
        Objects.requireNonNull(x, "pad: x is null");
        Objects.requireNonNull(padding, "pad: padding is null");
        if (padding.length % 2 != 0 || padding.length / 2 > x.dim()) {
            throw new IllegalArgumentException("pad: padding " + Arrays.toString(padding) + " must hold (before, after) "
                    + "pairs for at most " + x.dim() + " dims");
        }
        long[] out = new long[x.dim()];
        for (int d = 0; d < out.length; d++) {
            out[d] = x.size(d);
        }
        for (int k = 0; k < padding.length / 2; k++) {
            int d = x.dim() - 1 - k;
            if (padding[2 * k] < 0 || padding[2 * k + 1] < 0) {
                throw new IllegalArgumentException("pad: negative padding " + Arrays.toString(padding));
            }
            out[d] += (long) padding[2 * k] + padding[2 * k + 1];
        }
        Shape outShape = Shape.of("pad", out);
        Shape.requireHeapFor("pad", outShape, x.dtype().byteSize() + Integer.BYTES);
        return take(x, IndexMaps.pad(x.shape(), padding, outShape), value, outShape);
    }

    /**
     * Concatenation along {@code dim}, in the promoted dtype; 1-d empty tensors are skipped, as in PyTorch.
     *
     * @param dim the dim to join along (negative counts from the end)
     * @param tensors the tensors, equal in every other dim
     * @return the concatenation
     */
    public static Tensor cat(int dim, Tensor... tensors) {
        Objects.requireNonNull(tensors, "cat: tensors is null");
        if (tensors.length == 0) {
            throw new IllegalArgumentException("cat: expected at least one tensor");
        }
        for (int i = 0; i < tensors.length; i++) {
            Objects.requireNonNull(tensors[i], "cat: tensors[" + i + "] is null");
        }
        // PyTorch's legacy rule: 1-d empty tensors (shape [0]) are skipped, so that an empty
        // accumulator can start a concatenation of tensors of any rank.
        Tensor[] kept = Arrays.stream(tensors).filter(t -> !(t.dim() == 1 && t.numel() == 0)).toArray(Tensor[]::new);
        if (kept.length > 0 && kept.length < tensors.length) {
            return cat(dim, kept);
        }
        Shape first = tensors[0].shape();
        int d = first.normalizeDim(dim, "cat");
        long total = 0;
        DType dtype = tensors[0].dtype();
        for (int i = 0; i < tensors.length; i++) {
            Shape s = Objects.requireNonNull(tensors[i], "tensors[" + i + "]").shape();
            if (s.rank() == 0) {
                throw new IllegalArgumentException("cat: tensors[" + i + "] is 0-d (shape []) and a zero-dimensional "
                        + "tensor cannot be concatenated; use stack to join scalars along a new dim");
            }
            if (s.rank() != first.rank() || !s.with(d, 0).equals(first.with(d, 0))) {
                throw new IllegalArgumentException("cat: tensors[" + i + "] has shape " + s + " but tensors[0] has "
                        + first + "; they must match in every dim but " + dim);
            }
            total += s.size(d);
            dtype = DType.promote(dtype, tensors[i].dtype());
        }
        long[] out = new long[first.rank()];
        for (int k = 0; k < out.length; k++) {
            out[k] = k == d ? total : first.size(k);
        }
        Shape outShape = Shape.of("cat", out);
        Shape.requireHeapFor("cat", outShape, dtype.byteSize());
        return new Cat(d, outShape).apply(tensors);
    }

    /**
     * Stacks equal-shaped tensors along a new dim.
     *
     * @param dim where the new dim goes (negative counts from the end)
     * @param tensors the tensors, all of the same shape
     * @return a tensor with one more dim
     */
    public static Tensor stack(int dim, Tensor... tensors) {
        Objects.requireNonNull(tensors, "stack: tensors is null");
        if (tensors.length == 0) {
            throw new IllegalArgumentException("stack: expected at least one tensor");
        }
        int r = Objects.requireNonNull(tensors[0], "stack: tensors[0] is null").dim() + 1;
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException("stack: dim " + dim + " is out of range for stacking tensors of shape "
                    + tensors[0].shape() + " (expected a dim in [" + (-r) + ", " + (r - 1) + "])");
        }
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            Objects.requireNonNull(tensors[i], "stack: tensors[" + i + "] is null");
            if (!tensors[i].shape().equals(tensors[0].shape())) {
                throw new IllegalArgumentException("stack: tensors[" + i + "] has shape " + tensors[i].shape()
                        + " but tensors[0] has " + tensors[0].shape());
            }
            expanded[i] = unsqueeze(tensors[i], dim);
        }
        return cat(dim, expanded);
    }

    /**
     * Strides that let a tensor of {@code shape} laid out with {@code strides} be seen as
     * {@code target} without a copy (as PyTorch's {@code view} computes them), or null when the
     * layout does not allow it and a reshape must copy.
     *
     * @param shape the tensor's sizes
     * @param strides the tensor's strides, one per dim of {@code shape}
     * @param target the sizes wanted, with as many elements
     * @return the strides of the view of shape {@code target}, or null
     */
    public static int[] viewStrides(Shape shape, int[] strides, Shape target) {
        Objects.requireNonNull(shape, "viewStrides: shape is null");
        Objects.requireNonNull(strides, "viewStrides: strides is null");
        Objects.requireNonNull(target, "viewStrides: target is null");
        return IndexMaps.viewStrides(shape, strides, target);
    }

    static Tensor take(Tensor x, int[] map, double fill, Shape outShape) {
        return new Take(map, fill, outShape).apply(x);
    }

    private static Shape inferShape(Tensor x, int[] shape) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: only one dim can be -1 in " + Arrays.toString(shape));
                }
                infer = i;
            } else if (shape[i] < 0) {
                throw new IllegalArgumentException("reshape: invalid size " + shape[i] + " in " + Arrays.toString(shape));
            } else {
                known = Shape.multiply(known, shape[i]);
            }
        }
        int[] dims = shape.clone();
        if (infer >= 0) {
            if (known == 0 || x.numel() % known != 0) {
                throw new IllegalArgumentException("reshape: shape " + Arrays.toString(shape) + " is invalid for a tensor of "
                        + x.numel() + " elements (shape " + x.shape() + ")");
            }
            dims[infer] = (int) (x.numel() / known);
        } else if (known != x.numel()) {
            throw new IllegalArgumentException("reshape: shape " + Arrays.toString(shape) + " is invalid for a tensor of "
                    + x.numel() + " elements (shape " + x.shape() + ")");
        }
        return Shape.of(dims);
    }

    // ---------------------------------------------------------------- primitives

    /** y[i] = x[map[i]] (fill where map[i] &lt; 0);  x̄ = put(ḡ);  ẏ = take(ẋ). */
    static final class Take extends Primitive {
        private final int[] map;
        private final double fill;
        private final Shape outShape;

        Take(int[] map, double fill, Shape outShape) {
            this.map = map;
            this.fill = fill;
            this.outShape = outShape;
        }

        @Override protected Tensor forward(Tensor[] x) { return Kernels.take(x[0], map, fill, outShape); }
        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {new Put(map, input(0).shape()).apply(g)}; }
        @Override protected Tensor jvp(Tensor[] t)    { return new Take(map, 0, outShape).apply(t[0]); }
    }

    /** y[map[i]] += x[i];  x̄ = take(ḡ);  ẏ = put(ẋ). */
    static final class Put extends Primitive {
        private final int[] map;
        private final Shape outShape;

        Put(int[] map, Shape outShape) {
            this.map = map;
            this.outShape = outShape;
        }

        @Override protected Tensor forward(Tensor[] x) { return Kernels.put(x[0], map, outShape); }
        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {new Take(map, 0, input(0).shape()).apply(g)}; }
        @Override protected Tensor jvp(Tensor[] t)    { return new Put(map, outShape).apply(t[0]); }
    }

    /** A view in another shape, or a copy where x's strides allow none: x̄ = ḡ reshaped back;  ẏ = ẋ reshaped. */
    static final class Reshape extends Primitive {
        private final Shape target;

        Reshape(Shape target) {
            this.target = target;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            boolean viewable = x[0].isContiguous() || viewStrides(x[0].shape(), x[0].strides(), target) != null;
            return (viewable ? x[0] : Kernels.convert(x[0], x[0].dtype())).viewAs(target);
        }


        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {g.reshape(input(0).shape().dims())}; }
        @Override protected Tensor jvp(Tensor[] t)    { return t[0].reshape(target.dims()); }
    }

    /**
     * A strided view of x, sharing its storage: output dim k walks x's dim {@code source[k]}
     * (none if -1) by {@code step[k]} of its elements (0 repeats one), from index
     * {@code start[d]} along each dim d of x. x̄ = put(ḡ) by the map the view reads x by (for an
     * expand, ḡ summed over the broadcast dims);  ẏ = the same view of ẋ.
     */
    static final class View extends Primitive {
        private final Shape outShape;
        private final int[] source;
        private final int[] step;
        private final int[] start;

        View(Shape outShape, int[] source, int[] step, int[] start) {
            this.outShape = outShape;
            this.source = source;
            this.step = step;
            this.start = start;
        }

        /** The view's strides over a layout of x with the given strides. */
        private int[] strides(int[] in) {
            int[] out = new int[source.length];
            for (int k = 0; k < out.length; k++) {
                // A dim of one element never steps; 0 keeps a huge slice step from overflowing.
                out[k] = source[k] < 0 || outShape.size(k) <= 1 ? 0 : in[source[k]] * step[k];
            }
            return out;
        }

        /** Where the view starts over a layout of x with the given strides and offset. */
        private int offset(int[] in, int base) {
            if (outShape.numel() == 0) {
                return base;
            }
            for (int d = 0; d < start.length; d++) {
                base += start[d] * in[d];
            }
            return base;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            int[] in = x[0].strides();
            return x[0].asStrided(outShape, strides(in), offset(in, x[0].storageOffset()));
        }

        /** True for an expand of x (of shape {@code in}): each dim of x kept whole in place or broadcast, and new leading dims. */
        private boolean broadcastOnly(Shape in) {
            int off = source.length - start.length;
            for (int k = 0; k < source.length; k++) {
                if (source[k] < 0) {
                    continue;
                }
                boolean whole = step[k] == 1 && outShape.size(k) == in.size(source[k]);
                boolean broadcast = step[k] == 0 && in.size(source[k]) == 1;
                if (source[k] != k - off || start[source[k]] != 0 || !(whole || broadcast)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            if (broadcastOnly(input(0).shape())) {
                // The engine sums a gradient over the dims its input was broadcast along, the
                // reduction an expand's adjoint is, without an index map as large as the view.
                return new Tensor[] {g};
            }
            int[] inverse = inversePermutation(input(0).shape());
            if (inverse != null) {
                // A permute or transpose: ḡ permuted back, a view as well, where the index map
                // and the scatter cost a pass over an int array as large as the view and another over ḡ.
                return new Tensor[] {g.permute(inverse)};
            }
            int[] in = input(0).shape().strides();
            int[] map = IndexMaps.strided(outShape, strides(in), offset(in, 0));
            return new Tensor[] {new Put(map, input(0).shape()).apply(g)};
        }

        /** For a view that only reorders the dims of x (of shape {@code in}), the order that undoes it; otherwise null. */
        private int[] inversePermutation(Shape in) {
            if (source.length != in.rank()) {
                return null;
            }
            int[] inverse = new int[source.length];
            Arrays.fill(inverse, -1);
            for (int k = 0; k < source.length; k++) {
                int d = source[k];
                if (d < 0 || inverse[d] >= 0 || start[d] != 0 || step[k] != 1 || outShape.size(k) != in.size(d)) {
                    return null;
                }
                inverse[d] = k;
            }
            return inverse;
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return new View(outShape, source, step, start).apply(t[0]);
        }
    }

    /** A copy with its own storage: x̄ = ḡ;  ẏ = ẋ. */
    static final class Copy extends Primitive {
        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.convert(x[0], x[0].dtype());
        }

        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {g}; }
        @Override protected Tensor jvp(Tensor[] t)    { return t[0]; }
    }

    /** A dtype conversion: x̄ = ḡ in x's dtype (the engine casts back);  ẏ = ẋ converted. */
    static final class Cast extends Primitive {
        private final DType dtype;

        Cast(DType dtype) {
            this.dtype = dtype;
        }

        @Override protected Tensor forward(Tensor[] x) { return Kernels.cast(x[0], dtype); }
        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {g}; }
        @Override protected Tensor jvp(Tensor[] t)    { return t[0].to(dtype); }
    }

    /** Concatenation: each x̄ᵢ is its slice of ḡ;  ẏ = cat of the ẋᵢ (zeros where missing). */
    static final class Cat extends Primitive {
        private final int dim;
        private final Shape outShape;

        Cat(int dim, Shape outShape) {
            this.dim = dim;
            this.outShape = outShape;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            DType dtype = DType.resultType(x);
            Tensor out = Tensor.empty(dtype, outShape);
            int offset = 0;
            for (Tensor t : x) {
                int n = t.size(dim);
                int[] map = IndexMaps.slice(outShape, dim, offset, n, 1);
                Kernels.putInto(Kernels.cast(t, dtype), map, out);
                offset += n;
            }
            return out;
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            Tensor[] grads = new Tensor[inputCount()];
            int offset = 0;
            for (int i = 0; i < grads.length; i++) {
                int n = input(i).size(dim);
                grads[i] = slice(g, dim, offset, offset + n, 1);
                offset += n;
            }
            return grads;
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            Tensor[] parts = new Tensor[t.length];
            for (int i = 0; i < t.length; i++) {
                parts[i] = Rules.orZeros(t[i], input(i));
            }
            return cat(dim, parts);
        }
    }
}

package org.autodiff.core.ops;

import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.CompareKernel;
import org.autodiff.core.backend.Conversions;
import org.autodiff.core.backend.IntegerKernels;
import org.autodiff.core.backend.ReduceKernel;
import org.autodiff.core.backend.UnaryKernel;
import org.autodiff.core.backend.Window;

/**
 * Glue between tensors and the kernels: allocates each result, lines up broadcast strides and
 * dtypes, and calls the kernel for the tensor's dtype: the {@link Backend} for float32 and
 * float64, {@link IntegerKernels} for int64 and bool. The dtype rules of PyTorch that are not
 * plain promotion live here too: true division and floating functions of integers compute in
 * float32, bool sums count in int64, bool comparisons compare 0s and 1s. Values only: no graph.
 *
 * <p>Kernels read row-major arrays: {@link Tensor#storage()} hands them a view's elements in one
 * strided copy (and a dense tensor's array as it is). Broadcast views, made by expand, skip even
 * that copy where the kernel broadcasts by itself (binary ops, comparisons, where) or where the
 * repeated elements decide the result (reductions): see {@link #unexpanded}.
 */
final class Kernels {
    private Kernels() {
    }

    private static Backend backend() {
        return Backends.current();
    }

    /** Throws unless x is float32 or float64, naming the op: the check of every op integers do not support. */
    static void requireFloatingPoint(Tensor x, String op) {
        if (!x.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(op + ": expected a floating point tensor, got " + x.dtype() + " (shape "
                    + x.shape() + "); convert it with to(DType.FLOAT32) or to(DType.FLOAT64)");
        }
    }

    static Tensor unary(UnaryKernel f, Tensor x) {
        if (!x.dtype().isFloatingPoint()) {
            return integerUnary(f, x);
        }
        Tensor out = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT64) {
            backend().unary(f, (double[]) x.storage(), (double[]) out.storage());
        } else {
            backend().unary(f, (float[]) x.storage(), (float[]) out.storage());
        }
        return out;
    }

    /**
     * f of an int64 or bool tensor, as PyTorch computes it: neg, abs, sign and relu stay int64
     * (the sign of a bool is itself; the others reject bool); every other function, a floating
     * one such as exp, computes in float32, PyTorch's default dtype.
     */
    private static Tensor integerUnary(UnaryKernel f, Tensor x) {
        String op = f.name().toLowerCase();
        switch (f) {
            case NEG, ABS, SIGN, RELU -> {
                if (x.dtype() == DType.BOOL) {
                    if (f == UnaryKernel.SIGN) {
                        return convert(x, DType.BOOL);
                    }
                    throw new IllegalArgumentException(op + ": not supported for a bool tensor (shape " + x.shape() + ")"
                            + (f == UnaryKernel.NEG ? "; to invert a mask use logicalNot()" : ""));
                }
                Tensor out = Tensor.empty(DType.INT64, x.shape());
                IntegerKernels.unary(f, (long[]) x.storage(), (long[]) out.storage());
                return out;
            }
            default -> {
                return unary(f, cast(x, DType.FLOAT32));
            }
        }
    }

    static Tensor binary(BinaryKernel f, Tensor a, Tensor b, String op) {
        Shape shape = Shape.broadcast(a.shape(), b.shape(), op);
        DType dtype = binaryType(f, a, b, op);
        a = cast(unexpanded(a), dtype);
        b = cast(unexpanded(b), dtype);
        Tensor out = Tensor.empty(dtype, shape);
        binary(f, a.storage(), a.shape().broadcastStrides(shape), b.storage(), b.shape().broadcastStrides(shape),
                out.storage(), shape.dims());
        return out;
    }

    /**
     * The dtype f computes in: the promoted one, except that true division of integers is float32
     * (PyTorch's default dtype); pow of integers is rejected, and so, as in PyTorch, is a
     * subtraction with a bool operand.
     */
    private static DType binaryType(BinaryKernel f, Tensor a, Tensor b, String op) {
        DType dtype = DType.resultType(a, b);
        if (f == BinaryKernel.SUB && (a.dtype() == DType.BOOL || b.dtype() == DType.BOOL)) {
            throw new IllegalArgumentException(op + ": subtraction with a bool tensor is not supported, as in PyTorch; got "
                    + operands(a, b) + ". Use logicalXor() for two masks, or convert with to(DType.INT64)");
        }
        if (dtype.isFloatingPoint()) {
            return dtype;
        }
        return switch (f) {
            case DIV -> DType.FLOAT32;
            case POW -> throw new IllegalArgumentException(op + ": integer and bool operands are not supported, got "
                    + operands(a, b) + "; convert them with to(DType.FLOAT32) or to(DType.FLOAT64)");
            default -> dtype;
        };
    }

    /** The operands as an error message names them; built only when a message is. */
    private static String operands(Tensor a, Tensor b) {
        return a.dtype() + " and " + b.dtype() + " (shapes " + a.shape() + " and " + b.shape() + ")";
    }

    /** Runs f over storage arrays of one type (the output's). */
    private static void binary(BinaryKernel f, Object a, int[] as, Object b, int[] bs, Object out, int[] dims) {
        if (out instanceof double[] o) {
            backend().binary(f, (double[]) a, as, (double[]) b, bs, o, dims);
        } else if (out instanceof float[] o) {
            backend().binary(f, (float[]) a, as, (float[]) b, bs, o, dims);
        } else if (out instanceof long[] o) {
            IntegerKernels.binary(f, (long[]) a, as, (long[]) b, bs, o, dims);
        } else {
            IntegerKernels.binary(f, (boolean[]) a, as, (boolean[]) b, bs, (boolean[]) out, dims);
        }
    }

    /**
     * {@code target op= source} in place (source broadcast to target's shape and converted to its
     * dtype). The target must own its storage densely: {@link Tensor}'s in-place methods hand a
     * view's update to this method as a dense copy and store it back through the view.
     */
    static void binaryInPlace(BinaryKernel f, Tensor target, Tensor source, String op) {
        Shape shape = target.shape();
        source = inPlaceSource(target, source, op);
        Object t = target.storage();
        binary(f, t, shape.strides(), source.storage(), source.shape().broadcastStrides(shape), t, shape.dims());
    }

    /**
     * {@code target = source} in place, exactly (source broadcast to target's shape and
     * converted to its dtype; infinities, NaNs and the signs of zeros kept). The target must own
     * its storage densely, as for {@link #binaryInPlace}.
     */
    static void copyInPlace(Tensor target, Tensor source, String op) {
        Shape shape = target.shape();
        source = inPlaceSource(target, source, op);
        // A broadcast source is read through a view with stride 0, whose storage() is its row-major copy.
        Object values = source.shape().equals(shape) ? source.storage()
                : source.asStrided(shape, source.shape().broadcastStrides(shape), 0).storage();
        System.arraycopy(values, 0, target.storage(), 0, shape.numel());
    }

    /** Source in target's dtype, dense, with broadcast dims of size 1; throws unless it broadcasts to target's shape. */
    private static Tensor inPlaceSource(Tensor target, Tensor source, String op) {
        if (!source.shape().broadcastsTo(target.shape())) {
            throw new IllegalArgumentException(op + ": a tensor of shape " + source.shape()
                    + " cannot be broadcast to the target's shape " + target.shape());
        }
        return cast(unexpanded(source), target.dtype());
    }

    /**
     * {@code target += other · alpha} in one pass, without the intermediate product tensor, when
     * both are floating point of one dtype and one shape (an optimizer's update); the values are
     * those of the product rounded to the dtype and then added, as two separate ops give.
     *
     * @param target updated in place
     * @param other the tensor to scale and add
     * @param alpha the factor
     * @return false, having done nothing, when the operands do not qualify
     */
    static boolean addScaledInPlace(Tensor target, Tensor other, double alpha) {
        if (target.dtype() != other.dtype() || !target.shape().equals(other.shape())) {
            return false;
        }
        switch (target.dtype()) {
            case FLOAT64 -> backend().addScaled((double[]) target.storage(), (double[]) other.storage(), alpha);
            case FLOAT32 -> backend().addScaled((float[]) target.storage(), (float[]) other.storage(), (float) alpha);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A comparison, computed in the operands' promoted dtype (bools as int64 0 and 1), into a bool tensor. */
    static Tensor compare(CompareKernel f, Tensor a, Tensor b, String op) {
        Shape shape = Shape.broadcast(a.shape(), b.shape(), op);
        DType dtype = DType.resultType(a, b);
        if (dtype == DType.BOOL) {
            dtype = DType.INT64;
        }
        a = cast(unexpanded(a), dtype);
        b = cast(unexpanded(b), dtype);
        Tensor out = Tensor.empty(DType.BOOL, shape);
        int[] as = a.shape().broadcastStrides(shape), bs = b.shape().broadcastStrides(shape), dims = shape.dims();
        boolean[] o = (boolean[]) out.storage();
        switch (dtype) {
            case FLOAT64 -> backend().compare(f, (double[]) a.storage(), as, (double[]) b.storage(), bs, o, dims);
            case FLOAT32 -> backend().compare(f, (float[]) a.storage(), as, (float[]) b.storage(), bs, o, dims);
            default -> IntegerKernels.compare(f, (long[]) a.storage(), as, (long[]) b.storage(), bs, o, dims);
        }
        return out;
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast(cond.shape(), a.shape(), b.shape(), "where");
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: expected the condition to be a bool tensor, got " + cond.dtype()
                    + " (shape " + cond.shape() + "); make a mask with a comparison such as gt(0), or with to(DType.BOOL)");
        }
        // The condition is a mask: it takes no part in the result's dtype. bool values select as int64.
        DType dtype = DType.resultType(a, b), computed = dtype == DType.BOOL ? DType.INT64 : dtype;
        cond = unexpanded(cond);
        a = cast(unexpanded(a), computed);
        b = cast(unexpanded(b), computed);
        Tensor out = Tensor.empty(computed, shape);
        boolean[] c = (boolean[]) cond.storage();
        int[] cs = cond.shape().broadcastStrides(shape), as = a.shape().broadcastStrides(shape);
        int[] bs = b.shape().broadcastStrides(shape), dims = shape.dims();
        switch (computed) {
            case FLOAT64 -> backend().where(c, cs, (double[]) a.storage(), as, (double[]) b.storage(), bs,
                    (double[]) out.storage(), dims);
            case FLOAT32 -> backend().where(c, cs, (float[]) a.storage(), as, (float[]) b.storage(), bs,
                    (float[]) out.storage(), dims);
            default -> IntegerKernels.where(c, cs, (long[]) a.storage(), as, (long[]) b.storage(), bs,
                    (long[]) out.storage(), dims);
        }
        return cast(out, dtype);
    }

    /**
     * Reduces over the dims flagged in {@code reduced}; the result has shape {@code outShape}. A
     * bool tensor sums to an int64 count, as in PyTorch, and its max and min are any and all.
     */
    static Tensor reduce(ReduceKernel f, Tensor x, boolean[] reduced, Shape outShape) {
        if (x.dtype() == DType.BOOL) {
            Tensor r = reduce(f, cast(x, DType.INT64), reduced, outShape);
            return f == ReduceKernel.SUM ? r : cast(r, DType.BOOL);
        }
        Tensor base = unexpanded(x);
        if (base != x && x.numel() > 0) {
            return reduceBroadcast(f, x, base, reduced, outShape);
        }
        Tensor out = Tensor.empty(x.dtype(), outShape);
        if (x.numel() == 0) {
            if (f != ReduceKernel.SUM && outShape.numel() > 0) {
                throw new IllegalArgumentException(f.name().toLowerCase() + ": cannot reduce an empty tensor of shape "
                        + x.shape() + " (the operation has no identity)");
            }
            return out;
        }
        int[] dims = x.shape().dims();
        switch (x.dtype()) {
            case FLOAT64 -> backend().reduce(f, (double[]) x.storage(), dims, reduced, (double[]) out.storage());
            case FLOAT32 -> backend().reduce(f, (float[]) x.storage(), dims, reduced, (float[]) out.storage());
            default -> IntegerKernels.reduce(f, (long[]) x.storage(), dims, reduced, (long[]) out.storage());
        }
        return out;
    }

    /**
     * A reduction of an expanded x through its unexpanded base: along a broadcast dim every
     * element is the same, so max and min need one of them and a sum that one times the size
     * (exact for int64, and within rounding of PyTorch's pairwise sum for floats). PyTorch reads
     * such a view without copying it either: a sum of 2^30 repeats of one element allocates nothing.
     */
    private static Tensor reduceBroadcast(ReduceKernel f, Tensor x, Tensor base, boolean[] reduced, Shape outShape) {
        int[] baseOut = base.shape().dims();
        long factor = 1;
        for (int d = 0; d < baseOut.length; d++) {
            if (reduced[d]) {
                baseOut[d] = 1;
                factor *= x.size(d) / base.size(d);
            }
        }
        Tensor r = reduce(f, base, reduced, Shape.of(baseOut));
        if (f == ReduceKernel.SUM && factor != 1) {
            r = binary(BinaryKernel.MUL, r, Tensor.full(r.dtype(), factor), "sum");
        }
        return r.shape().equals(outShape) ? r : convert(r.asStrided(outShape, r.shape().broadcastStrides(outShape), 0), r.dtype());
    }

    /**
     * x with each dim that an expand broadcast (stride 0, size above 1) shrunk to size 1: the same
     * view of the same storage, for a kernel that broadcasts size-1 dims itself, so that the
     * repeats are never copied. x itself when it has no such dim.
     */
    private static Tensor unexpanded(Tensor x) {
        if (x.isContiguous()) {
            return x;
        }
        int[] strides = x.strides(), dims = x.shape().dims();
        boolean broadcast = false;
        for (int d = 0; d < dims.length; d++) {
            if (strides[d] == 0 && dims[d] > 1) {
                dims[d] = 1;
                broadcast = true;
            }
        }
        return broadcast ? x.asStrided(Shape.of(dims), strides, x.storageOffset()) : x;
    }

    /** Flat indices into x of the first max (min) along {@code dim}, one per position of the other dims. */
    static int[] argReduce(boolean max, Tensor x, int dim, String op) {
        if (x.shape().size(dim) == 0) {
            throw new IllegalArgumentException(op + ": dim " + dim + " of shape " + x.shape() + " is empty");
        }
        int[] dims = x.shape().dims();
        return switch (x.dtype()) {
            case FLOAT64 -> backend().argReduce(max, (double[]) x.storage(), dims, dim);
            case FLOAT32 -> backend().argReduce(max, (float[]) x.storage(), dims, dim);
            case INT64 -> IntegerKernels.argReduce(max, (long[]) x.storage(), dims, dim);
            case BOOL -> IntegerKernels.argReduce(max, x.toLongArray(), dims, dim);
        };
    }

    /** softmax(x) along {@code dim}, and log-softmax(x) beside it when {@code withLog}: {p, log p or null}. */
    static Tensor[] softmax(Tensor x, int dim, boolean withLog) {
        int[] a = axis(x.shape(), dim);
        Tensor p = Tensor.empty(x.dtype(), x.shape()), logP = withLog ? Tensor.empty(x.dtype(), x.shape()) : null;
        if (x.dtype() == DType.FLOAT64) {
            backend().softmax((double[]) x.storage(), a[0], a[1], a[2], (double[]) p.storage(),
                    withLog ? (double[]) logP.storage() : null);
        } else {
            backend().softmax((float[]) x.storage(), a[0], a[1], a[2], (float[]) p.storage(),
                    withLog ? (float[]) logP.storage() : null);
        }
        return new Tensor[] {p, logP};
    }

    /**
     * The backward of softmax (log-softmax when {@code log}) along {@code dim} from the gradient g
     * and the probabilities p, both of one shape and dtype: {@code g − p·Σg} or {@code p·(g − Σ p·g)}.
     */
    static Tensor softmaxBackward(Tensor g, Tensor p, int dim, boolean log) {
        int[] a = axis(p.shape(), dim);
        Tensor out = Tensor.empty(p.dtype(), p.shape());
        if (p.dtype() == DType.FLOAT64) {
            backend().softmaxBackward((double[]) g.storage(), (double[]) p.storage(), a[0], a[1], a[2], log,
                    (double[]) out.storage());
        } else {
            backend().softmaxBackward((float[]) g.storage(), (float[]) p.storage(), a[0], a[1], a[2], log,
                    (float[]) out.storage());
        }
        return out;
    }

    /** {outer, size, inner}: the products of the dims before {@code dim}, its size, and the product after it. */
    private static int[] axis(Shape shape, int dim) {
        int[] dims = shape.dims();
        int outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= dims[d];
        for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
        return new int[] {outer, dims[dim], inner};
    }

    /** Layer norm's normalisation of x over its last k dims: {x̂, r}, r of x's shape with those dims 1. */
    static Tensor[] layerNorm(Tensor x, int k, double eps) {
        int[] kept = x.shape().dims();
        int size = 1;
        for (int d = kept.length - k; d < kept.length; d++) {
            size *= kept[d];
            kept[d] = 1;
        }
        int rows = size == 0 ? 0 : (int) (x.numel() / size);
        Tensor out = Tensor.empty(x.dtype(), x.shape()), rstd = Tensor.empty(x.dtype(), Shape.of(kept));
        if (x.dtype() == DType.FLOAT64) {
            backend().layerNorm((double[]) x.storage(), rows, size, eps, (double[]) out.storage(), (double[]) rstd.storage());
        } else {
            backend().layerNorm((float[]) x.storage(), rows, size, eps, (float[]) out.storage(), (float[]) rstd.storage());
        }
        return new Tensor[] {out, rstd};
    }

    /** Layer norm's backward through the normalisation over the last k dims, from g, x̂ and r. */
    static Tensor layerNormBackward(Tensor g, Tensor xHat, Tensor rstd, int k) {
        int rows = (int) rstd.numel(), size = rows == 0 ? 0 : (int) (xHat.numel() / rows);
        Tensor out = Tensor.empty(xHat.dtype(), xHat.shape());
        if (xHat.dtype() == DType.FLOAT64) {
            backend().layerNormBackward((double[]) g.storage(), (double[]) xHat.storage(), (double[]) rstd.storage(), rows,
                    size, (double[]) out.storage());
        } else {
            backend().layerNormBackward((float[]) g.storage(), (float[]) xHat.storage(), (float[]) rstd.storage(), rows,
                    size, (float[]) out.storage());
        }
        return out;
    }

    /** im2col of x [N, C, H, W] into a new tensor of {@code outShape}, as Backend.unfold lays it out. */
    static Tensor unfold(Tensor x, Window window, double fill, int perBlock, Shape outShape) {
        Tensor out = Tensor.empty(x.dtype(), outShape);
        if (x.dtype() == DType.FLOAT64) {
            backend().unfold((double[]) x.storage(), x.size(0), x.size(1), perBlock, window, fill, (double[]) out.storage());
        } else {
            backend().unfold((float[]) x.storage(), x.size(0), x.size(1), perBlock, window, fill, (float[]) out.storage());
        }
        return out;
    }

    /** col2im of columns laid out as Backend.unfold writes them, into a new tensor of {@code outShape} [N, C, H, W]. */
    static Tensor fold(Tensor columns, Window window, int perBlock, Shape outShape) {
        Tensor out = Tensor.empty(columns.dtype(), outShape);
        int images = outShape.size(0), channels = outShape.size(1);
        if (columns.dtype() == DType.FLOAT64) {
            backend().fold((double[]) columns.storage(), images, channels, perBlock, window, (double[]) out.storage());
        } else {
            backend().fold((float[]) columns.storage(), images, channels, perBlock, window, (float[]) out.storage());
        }
        return out;
    }

    /** Gathers x by an index map; {@code fill} (converted to x's dtype) where the map is negative. */
    static Tensor take(Tensor x, int[] map, double fill, Shape outShape) {
        Tensor out = Tensor.empty(x.dtype(), outShape);
        switch (x.dtype()) {
            case FLOAT64 -> backend().take((double[]) x.storage(), map, fill, (double[]) out.storage());
            case FLOAT32 -> backend().take((float[]) x.storage(), map, fill, (float[]) out.storage());
            case INT64 -> IntegerKernels.take((long[]) x.storage(), map, Conversions.toLong(fill), (long[]) out.storage());
            case BOOL -> IntegerKernels.take((boolean[]) x.storage(), map, fill != 0, (boolean[]) out.storage());
        }
        return out;
    }

    static Tensor put(Tensor x, int[] map, Shape outShape) {
        Tensor out = Tensor.empty(x.dtype(), outShape);
        putInto(x, map, out);
        return out;
    }

    /** Scatter-adds x into a freshly allocated {@code out} of the same dtype. */
    static void putInto(Tensor x, int[] map, Tensor out) {
        switch (x.dtype()) {
            case FLOAT64 -> backend().put((double[]) x.storage(), map, (double[]) out.storage());
            case FLOAT32 -> backend().put((float[]) x.storage(), map, (float[]) out.storage());
            case INT64 -> IntegerKernels.put((long[]) x.storage(), map, (long[]) out.storage());
            case BOOL -> IntegerKernels.put((boolean[]) x.storage(), map, (boolean[]) out.storage());
        }
    }

    /**
     * Row-major matrix products of contiguous floating point matrices, {@code count} of them:
     * op(A_i) from aOffsets[i] in a times op(B_i) from bOffsets[i] in b, into out at i·m·n.
     */
    static void gemmBatch(boolean transA, boolean transB, int m, int n, int k, int count,
                          Tensor a, int[] aOffsets, Tensor b, int[] bOffsets, Tensor out) {
        if (out.dtype() == DType.FLOAT64) {
            backend().gemmBatch(transA, transB, m, n, k, count, (double[]) a.storage(), aOffsets, (double[]) b.storage(),
                    bOffsets, (double[]) out.storage());
        } else {
            backend().gemmBatch(transA, transB, m, n, k, count, (float[]) a.storage(), aOffsets, (float[]) b.storage(),
                    bOffsets, (float[]) out.storage());
        }
    }

    /**
     * The values of x in {@code dtype}, in a dense tensor (no graph): x itself if it has that
     * dtype and is {@link Tensor#isDense() dense}, else one copy. A kernel that reads x's storage
     * many times (one GEMM per batch element) so copies a view once, not each time.
     */
    static Tensor cast(Tensor x, DType dtype) {
        return x.dtype() != dtype ? convert(x, dtype) : x.isDense() ? x : Tensor.wrap(x.storage(), x.shape());
    }

    /** A copy of x's values in {@code dtype}, with its own storage, converted as {@link Conversions} says. */
    static Tensor convert(Tensor x, DType dtype) {
        return Tensor.wrap(switch (dtype) {
            case FLOAT64 -> x.toDoubleArray();
            case FLOAT32 -> x.toFloatArray();
            case INT64 -> x.toLongArray();
            case BOOL -> x.toBooleanArray();
        }, x.shape());
    }
}

package org.autodiff.core.ops;

import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.ReduceKernel;
import org.autodiff.core.backend.UnaryKernel;

/**
 * Glue between tensors and the {@link Backend}: allocates each result, lines up broadcast
 * strides and dtypes, and calls the kernel for the tensor's dtype. Values only: no graph.
 */
final class Kernels {
    private Kernels() {
    }

    private static Backend backend() {
        return Backends.current();
    }

    static Tensor unary(UnaryKernel f, Tensor x) {
        Tensor out = Tensor.empty(x.dtype(), x.shape());
        if (x.dtype() == DType.FLOAT64) {
            backend().unary(f, (double[]) x.storage(), (double[]) out.storage());
        } else {
            backend().unary(f, (float[]) x.storage(), (float[]) out.storage());
        }
        return out;
    }

    static Tensor binary(BinaryKernel f, Tensor a, Tensor b, String op) {
        Shape shape = Shape.broadcast(a.shape(), b.shape(), op);
        DType dtype = DType.resultType(a, b);
        a = cast(a, dtype);
        b = cast(b, dtype);
        Tensor out = Tensor.empty(dtype, shape);
        int[] as = a.shape().broadcastStrides(shape), bs = b.shape().broadcastStrides(shape), dims = shape.dims();
        if (dtype == DType.FLOAT64) {
            backend().binary(f, (double[]) a.storage(), as, (double[]) b.storage(), bs, (double[]) out.storage(), dims);
        } else {
            backend().binary(f, (float[]) a.storage(), as, (float[]) b.storage(), bs, (float[]) out.storage(), dims);
        }
        return out;
    }

    /** {@code target op= source} in place (source broadcast to target's shape). */
    static void binaryInPlace(BinaryKernel f, Tensor target, Tensor source, String op) {
        if (!source.shape().broadcastsTo(target.shape())) {
            throw new IllegalArgumentException(op + ": a tensor of shape " + source.shape()
                    + " cannot be broadcast to the target's shape " + target.shape());
        }
        Shape shape = target.shape();
        source = cast(source, target.dtype());
        int[] ts = shape.strides(), ss = source.shape().broadcastStrides(shape), dims = shape.dims();
        if (target.dtype() == DType.FLOAT64) {
            double[] t = (double[]) target.storage();
            backend().binary(f, t, ts, (double[]) source.storage(), ss, t, dims);
        } else {
            float[] t = (float[]) target.storage();
            backend().binary(f, t, ts, (float[]) source.storage(), ss, t, dims);
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        Shape shape = Shape.broadcast(cond.shape(), a.shape(), b.shape(), "where");
        // The condition is a mask, as PyTorch's bool condition: it takes no part in the result's dtype.
        DType dtype = DType.resultType(a, b);
        cond = cast(cond, dtype);
        a = cast(a, dtype);
        b = cast(b, dtype);
        Tensor out = Tensor.empty(dtype, shape);
        int[] cs = cond.shape().broadcastStrides(shape), as = a.shape().broadcastStrides(shape);
        int[] bs = b.shape().broadcastStrides(shape), dims = shape.dims();
        if (dtype == DType.FLOAT64) {
            backend().where((double[]) cond.storage(), cs, (double[]) a.storage(), as, (double[]) b.storage(), bs,
                    (double[]) out.storage(), dims);
        } else {
            backend().where((float[]) cond.storage(), cs, (float[]) a.storage(), as, (float[]) b.storage(), bs,
                    (float[]) out.storage(), dims);
        }
        return out;
    }

    /** Reduces over the dims flagged in {@code reduced}; the result has shape {@code outShape}. */
    static Tensor reduce(ReduceKernel f, Tensor x, boolean[] reduced, Shape outShape) {
        Tensor out = Tensor.empty(x.dtype(), outShape);
        if (x.numel() == 0) {
            if (f != ReduceKernel.SUM && outShape.numel() > 0) {
                throw new IllegalArgumentException(f.name().toLowerCase() + ": cannot reduce an empty tensor of shape "
                        + x.shape() + " (the operation has no identity)");
            }
            return out;
        }
        if (x.dtype() == DType.FLOAT64) {
            backend().reduce(f, (double[]) x.storage(), x.shape().dims(), reduced, (double[]) out.storage());
        } else {
            backend().reduce(f, (float[]) x.storage(), x.shape().dims(), reduced, (float[]) out.storage());
        }
        return out;
    }

    /** Flat indices into x of the first max (min) along {@code dim}, one per position of the other dims. */
    static int[] argReduce(boolean max, Tensor x, int dim, String op) {
        if (x.shape().size(dim) == 0) {
            throw new IllegalArgumentException(op + ": dim " + dim + " of shape " + x.shape() + " is empty");
        }
        return x.dtype() == DType.FLOAT64
                ? backend().argReduce(max, (double[]) x.storage(), x.shape().dims(), dim)
                : backend().argReduce(max, (float[]) x.storage(), x.shape().dims(), dim);
    }

    /** softmax(x) along {@code dim}, and log-softmax(x) beside it when {@code withLog}: {p, log p or null}. */
    static Tensor[] softmax(Tensor x, int dim, boolean withLog) {
        int[] dims = x.shape().dims();
        int outer = 1, inner = 1;
        for (int d = 0; d < dim; d++) outer *= dims[d];
        for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
        Tensor p = Tensor.empty(x.dtype(), x.shape()), logP = withLog ? Tensor.empty(x.dtype(), x.shape()) : null;
        if (x.dtype() == DType.FLOAT64) {
            backend().softmax((double[]) x.storage(), outer, dims[dim], inner, (double[]) p.storage(),
                    withLog ? (double[]) logP.storage() : null);
        } else {
            backend().softmax((float[]) x.storage(), outer, dims[dim], inner, (float[]) p.storage(),
                    withLog ? (float[]) logP.storage() : null);
        }
        return new Tensor[] {p, logP};
    }

    static Tensor take(Tensor x, int[] map, double fill, Shape outShape) {
        Tensor out = Tensor.empty(x.dtype(), outShape);
        if (x.dtype() == DType.FLOAT64) {
            backend().take((double[]) x.storage(), map, fill, (double[]) out.storage());
        } else {
            backend().take((float[]) x.storage(), map, fill, (float[]) out.storage());
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
        if (x.dtype() == DType.FLOAT64) {
            backend().put((double[]) x.storage(), map, (double[]) out.storage());
        } else {
            backend().put((float[]) x.storage(), map, (float[]) out.storage());
        }
    }

    /** Row-major matrix product of two contiguous matrices at the given offsets, into out at its offset. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     Tensor a, int aOffset, Tensor b, int bOffset, Tensor out, int outOffset) {
        if (out.dtype() == DType.FLOAT64) {
            backend().gemm(transA, transB, m, n, k, (double[]) a.storage(), aOffset, (double[]) b.storage(), bOffset,
                    (double[]) out.storage(), outOffset);
        } else {
            backend().gemm(transA, transB, m, n, k, (float[]) a.storage(), aOffset, (float[]) b.storage(), bOffset,
                    (float[]) out.storage(), outOffset);
        }
    }

    /** The values of x in another dtype (no graph). */
    static Tensor cast(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        return dtype == DType.FLOAT64 ? Tensor.wrap(x.toDoubleArray(), x.shape()) : Tensor.wrap(x.toFloatArray(), x.shape());
    }
}

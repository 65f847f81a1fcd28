package org.autodiff.core.ops;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.GradMode;
import org.autodiff.core.Primitive;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.ReduceKernel;

/**
 * Reductions. {@code sum}, the even-split {@code max()}/{@code min()}, the p-norm, softmax and
 * log-softmax (one op for both) and their backward are primitives; {@code mean}, {@code var},
 * {@code std}, max along a dim and {@code logSumExp} are compositions and need no rules of their own.
 */
public final class Reductions {
    private Reductions() {
    }

    /**
     * Sum over {@code dims} (null or empty: all).
     *
     * @param x the tensor to sum
     * @param dims the dims to sum over, or null for all
     * @param keepDim true to keep the summed dims with size 1
     * @return the sums
     */
    public static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        Objects.requireNonNull(x, "sum: x is null");
        boolean[] reduced = reducedDims(x.shape(), dims, "sum");
        return new Sum(reduced, keepDim).apply(x);
    }

    /**
     * Sums x down to {@code target}, a shape that broadcasts to x's: the one broadcast-undo.
     *
     * @param x the tensor to sum, typically a gradient
     * @param target the shape to sum down to
     * @return a tensor of shape {@code target}
     */
    public static Tensor sumToSize(Tensor x, Shape target) {
        Objects.requireNonNull(x, "sumToSize: x is null");
        Objects.requireNonNull(target, "sumToSize: target is null");
        if (!target.broadcastsTo(x.shape())) {
            throw new IllegalArgumentException("sumToSize: shape " + target + " does not broadcast to " + x.shape());
        }
        int lead = x.dim() - target.rank();
        boolean[] reduced = new boolean[x.dim()];
        boolean any = false;
        for (int d = 0; d < x.dim(); d++) {
            reduced[d] = d < lead || (target.size(d - lead) == 1 && x.size(d) != 1);
            any |= reduced[d];
        }
        Tensor s = any ? new Sum(reduced, true).apply(x) : x;
        return s.shape().equals(target) ? s : s.reshape(target.dims());
    }

    /**
     * Mean over {@code dims} (null or empty: all) of a floating point tensor: the sum divided by the count.
     *
     * @param x the tensor to average
     * @param dims the dims to average over, or null for all
     * @param keepDim true to keep the averaged dims with size 1
     * @return the means
     */
    public static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        Objects.requireNonNull(x, "mean: x is null");
        Kernels.requireFloatingPoint(x, "mean");
        // Count first, so that a bad dim is reported as mean's rather than sum's.
        int n = count(x.shape(), reducedDims(x.shape(), dims, "mean"));
        return sum(x, dims, keepDim).div(n);
    }

    /**
     * Variance with {@code correction} subtracted from the count (1: Bessel's unbiased estimate), as torch.var.
     *
     * @param x the tensor, floating point
     * @param dims the dims to reduce, or null for all
     * @param correction subtracted from the count in the divisor (0: population variance)
     * @param keepDim true to keep the reduced dims with size 1
     * @return the variances
     */
    public static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
        Objects.requireNonNull(x, "var: x is null");
        Kernels.requireFloatingPoint(x, "var");
        int n = count(x.shape(), reducedDims(x.shape(), dims, "var"));
        Tensor centred = x.sub(mean(x, dims, true));
        return sum(centred.square(), dims, keepDim).div(Math.max(0, n - correction));
    }

    /**
     * max() or min() of all elements; tied extremes share the gradient evenly, as in PyTorch.
     *
     * @param x the tensor to reduce
     * @param max true for the maximum, false for the minimum
     * @return the 0-d extreme
     */
    public static Tensor extremum(Tensor x, boolean max) {
        Objects.requireNonNull(x, (max ? "max" : "min") + ": x is null");
        if (x.numel() == 0) {
            throw new IllegalArgumentException((max ? "max" : "min") + ": the tensor of shape " + x.shape() + " is empty");
        }
        return new Extremum(max).apply(x);
    }

    /**
     * max or min along {@code dim}: the value at the first extreme index, so the gradient goes there.
     *
     * @param x the tensor to reduce
     * @param dim the dim to reduce (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @param max true for the maximum, false for the minimum
     * @return the extremes
     */
    public static Tensor extremum(Tensor x, int dim, boolean keepDim, boolean max) {
        Objects.requireNonNull(x, (max ? "max" : "min") + ": x is null");
        Shape shape = x.shape();
        String op = max ? "max" : "min";
        int d = shape.normalizeDim(dim, op);
        if (x.dim() == 0) {
            return x.reshape();
        }
        int[] flat = Kernels.argReduce(max, x, d, op);
        Shape kept = shape.with(d, 1);
        Tensor values = Movement.take(x, flat, 0, kept);
        return keepDim ? values : values.squeeze(d);
    }

    /**
     * The index along {@code dim} of the first max (min), an int64 tensor.
     *
     * @param x the tensor to search
     * @param dim the dim to search (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @param max true for the maximum, false for the minimum
     * @return the indices, int64
     */
    public static Tensor argExtremum(Tensor x, int dim, boolean keepDim, boolean max) {
        Objects.requireNonNull(x, (max ? "argmax" : "argmin") + ": x is null");
        Shape shape = x.shape();
        String op = max ? "argmax" : "argmin";
        int d = shape.normalizeDim(dim, op);
        // PyTorch's kernel refuses bool, and runs only when there is something to compare: a dim of
        // size 1 (the answer is 0) and an empty tensor pass without it; a 0-d tensor does not.
        if (x.dtype() == DType.BOOL && (x.dim() == 0 || shape.size(d) != 1 && x.numel() > 0)) {
            throw new IllegalArgumentException(op + ": not supported for a bool tensor (shape " + shape
                    + "), as in PyTorch; convert it with to(DType.INT64)");
        }
        if (x.dim() == 0) {
            return Tensor.zeros(DType.INT64);
        }
        int[] flat = Kernels.argReduce(max, x, d, op);
        int inner = 1;
        for (int i = d + 1; i < x.dim(); i++) {
            inner *= x.size(i);
        }
        long[] index = new long[flat.length];
        for (int i = 0; i < flat.length; i++) {
            index[i] = (flat[i] / inner) % shape.size(d);
        }
        Tensor t = Tensor.wrap(index, shape.with(d, 1));
        return keepDim ? t : t.squeeze(d);
    }

    /**
     * log Σ exp(x) along dim, shifted by the (detached) max so that |x| of 10³ neither overflows nor underflows.
     *
     * @param x the tensor to reduce
     * @param dim the dim to reduce (negative counts from the end)
     * @param keepDim true to keep it with size 1
     * @return log Σ exp(x)
     */
    public static Tensor logSumExp(Tensor x, int dim, boolean keepDim) {
        Objects.requireNonNull(x, "logSumExp: x is null");
        Kernels.requireFloatingPoint(x, "logSumExp");
        int d = x.shape().normalizeDim(dim, "logSumExp");
        Tensor m = stableShift(x.detach(), d);
        Tensor out = x.sub(m).exp().sum(d, true).log().add(m);
        return keepDim ? out : out.squeeze(d);
    }

    /**
     * Softmax of a floating point tensor along {@code dim}, as one graph node.
     *
     * @param x the logits
     * @param dim the dim whose entries sum to 1 (negative counts from the end)
     * @return the probabilities, of x's shape
     */
    public static Tensor softmax(Tensor x, int dim) {
        Objects.requireNonNull(x, "softmax: x is null");
        Kernels.requireFloatingPoint(x, "softmax");
        return new Softmax(x.shape().normalizeDim(dim, "softmax"), false).apply(x);
    }

    /**
     * Log-softmax of a floating point tensor along {@code dim}, x − logSumExp(x), as one graph node.
     *
     * @param x the logits
     * @param dim the dim to normalise over (negative counts from the end)
     * @return the log-probabilities, of x's shape
     */
    public static Tensor logSoftmax(Tensor x, int dim) {
        Objects.requireNonNull(x, "logSoftmax: x is null");
        Kernels.requireFloatingPoint(x, "logSoftmax");
        return new Softmax(x.shape().normalizeDim(dim, "logSoftmax"), true).apply(x);
    }

    /**
     * The 2-norm of all elements.
     *
     * @param x the tensor
     * @return the 0-d norm
     */
    public static Tensor norm(Tensor x) {
        Objects.requireNonNull(x, "norm: x is null");
        return norm(x, 2, null, false);
    }

    /**
     * The p-norm over {@code dims} (null or empty: all), as {@code torch.norm(x, p, dim, keepdim)}: p = 0
     * counts the non-zero elements, p = ∞ is the largest |x|, any other p ≥ 0 is (Σ|x|ᵖ)^(1/p).
     *
     * @param x the tensor
     * @param p the order of the norm
     * @param dims the dims to reduce, or null for all
     * @param keepDim true to keep the reduced dims with size 1
     * @return the norms
     */
    public static Tensor norm(Tensor x, double p, int[] dims, boolean keepDim) {
        Objects.requireNonNull(x, "norm: x is null");
        Kernels.requireFloatingPoint(x, "norm");
        if (!(p >= 0)) {
            throw new IllegalArgumentException("norm: p must be 0, positive or infinity, got " + p);
        }
        return new Norm(p, reducedDims(x.shape(), dims, "norm"), keepDim).apply(x);
    }

    /**
     * Standard deviation with {@code correction} subtracted from the count, as {@code torch.std}:
     * the square root of {@link #var}, whose gradient is 0 where the deviation is 0 (a constant
     * slice), PyTorch's subgradient, instead of the 0·∞ of the bare square root.
     *
     * @param x the tensor, floating point
     * @param dims the dims to reduce, or null for all
     * @param correction subtracted from the count in the divisor (0: population)
     * @param keepDim true to keep the reduced dims with size 1
     * @return the standard deviations
     */
    public static Tensor std(Tensor x, int[] dims, int correction, boolean keepDim) {
        Objects.requireNonNull(x, "std: x is null");
        Kernels.requireFloatingPoint(x, "std");
        Tensor v = var(x, dims, correction, keepDim);
        Tensor zero = v.eq(0), c = Rules.constant(v, 0);
        return Tensor.where(zero, c, Tensor.where(zero, Rules.constant(v, 1), v).sqrt());
    }

    // ---------------------------------------------------------------- primitives

    /** y = Σ x over some dims;  x̄ = ḡ broadcast back over them;  ẏ = Σ ẋ. */
    static final class Sum extends Primitive {
        private final boolean[] reduced;
        private final boolean keepDim;

        Sum(boolean[] reduced, boolean keepDim) {
            this.reduced = reduced;
            this.keepDim = keepDim;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            Shape kept = keptShape(x[0].shape(), reduced);
            Tensor s = Kernels.reduce(ReduceKernel.SUM, x[0], reduced, kept);
            return keepDim ? s : s.viewAs(droppedShape(x[0].shape(), reduced));
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            Shape kept = keptShape(input(0).shape(), reduced);
            return new Tensor[] {g.reshape(kept.dims()).expand(input(0).shape())};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return new Sum(reduced, keepDim).apply(t[0]);
        }
    }

    /** y = max x (or min);  x̄ = ḡ·[x = y] / #{x = y};  ẏ = mean of ẋ over the tied extremes. */
    static final class Extremum extends Primitive {
        private final boolean max;

        Extremum(boolean max) {
            this.max = max;
        }

        @Override
        public String name() {
            return max ? "max" : "min";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            boolean[] all = new boolean[x[0].dim()];
            Arrays.fill(all, true);
            return Kernels.reduce(max ? ReduceKernel.MAX : ReduceKernel.MIN, x[0], all, Shape.SCALAR);
        }

        private Tensor share() {
            Tensor ties = input(0).eq(output().detach()).to(input(0).dtype());
            return ties.div(ties.sum());
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(share())};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(share()).sum();
        }
    }

    /**
     * Softmax and log-softmax along a dim, fused: one graph node instead of the eight of the
     * composition, with the stable value x − logSumExp(x). With p = softmax(x):
     * log-softmax  x̄ = ḡ − p·Σḡ,        ẏ = ẋ − Σ p·ẋ;
     * softmax      x̄ = p·(ḡ − Σ p·ḡ),   ẏ = p·(ẋ − Σ p·ẋ);
     * x̄ is one op, {@link SoftmaxBackward}.
     */
    static final class Softmax extends Primitive {
        private final int dim;
        private final boolean log;
        /** softmax(x) as a plain value, kept from the forward pass for rules that build no graph. */
        private Tensor probabilities;

        Softmax(int dim, boolean log) {
            this.dim = dim;
            this.log = log;
        }

        @Override
        public String name() {
            return log ? "logSoftmax" : "softmax";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            if (x[0].dim() == 0) {
                probabilities = Tensor.onesLike(x[0]);
                return log ? Tensor.zerosLike(x[0]) : probabilities;
            }
            // One backend pass gives p and log p together (one exp per element), kept for the rules.
            Tensor[] both = Kernels.softmax(x[0], dim, log);
            probabilities = both[0];
            return log ? both[1] : probabilities;
        }

        /**
         * p for the rules: the kept value when no graph is being recorded and no tangent flows,
         * otherwise computed from the output so that it is differentiable itself.
         */
        private Tensor probabilities() {
            if (!log) {
                return output();
            }
            return GradMode.isEnabled() || output().tangent() != null ? output().exp() : probabilities;
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            if (g.dim() == 0) {
                return new Tensor[] {g.mul(0)};
            }
            return new Tensor[] {new SoftmaxBackward(dim, log).apply(g, probabilities())};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            Tensor p = probabilities();
            if (t[0].dim() == 0) {
                return t[0].mul(0);
            }
            Tensor centred = t[0].sub(p.mul(t[0]).sum(dim, true));
            return log ? centred : p.mul(centred);
        }
    }

    /**
     * Softmax's and log-softmax's backward as an op of its own (PyTorch's
     * {@code _softmax_backward_data}), one kernel from ḡ and p = softmax(x); its rules let
     * grad-of-grad go through it. With Σ along the dim:
     * log-softmax  z = ḡ − p·Σḡ;        ḡ: z̄ − Σ z̄·p;   p: −z̄·Σḡ;   ż = ġ − p·Σġ − ṗ·Σḡ;
     * softmax      z = p·(ḡ − Σ p·ḡ);   ḡ: p·(z̄ − Σ z̄·p), this op again;
     *              p: z̄·(ḡ − Σ p·ḡ) − ḡ·Σ z̄·p;   ż = p·(ġ − Σ p·ġ) + ṗ·(ḡ − Σ p·ḡ) − p·Σ ṗ·ḡ.
     */
    static final class SoftmaxBackward extends Primitive {
        private final int dim;
        private final boolean log;

        SoftmaxBackward(int dim, boolean log) {
            this.dim = dim;
            this.log = log;
        }

        @Override
        public String name() {
            return log ? "logSoftmaxBackward" : "softmaxBackward";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.softmaxBackward(x[0], x[1], dim, log);
        }

        /** This op applied to another gradient with the same probabilities. */
        private Tensor again(Tensor g) {
            return new SoftmaxBackward(dim, log).apply(g, input(1));
        }

        @Override
        protected Tensor[] vjp(Tensor z) {
            Tensor g = input(0), p = input(1);
            Tensor zp = z.mul(p).sum(dim, true);
            if (log) {
                return new Tensor[] {
                    g.requiresGrad() ? z.sub(zp) : null,
                    p.requiresGrad() ? z.mul(g.sum(dim, true)).neg() : null};
            }
            return new Tensor[] {
                g.requiresGrad() ? again(z) : null,
                p.requiresGrad() ? z.mul(g.sub(p.mul(g).sum(dim, true))).sub(g.mul(zp)) : null};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            Tensor g = input(0), p = input(1);
            Tensor dz = t[0] == null ? Tensor.zerosLike(output()) : again(t[0]);
            if (t[1] == null) {
                return dz;
            }
            if (log) {
                return dz.sub(t[1].mul(g.sum(dim, true)));
            }
            return dz.add(t[1].mul(g.sub(p.mul(g).sum(dim, true)))).sub(p.mul(t[1].mul(g).sum(dim, true)));
        }
    }

    /**
     * y = ‖x‖_p over some dims, with PyTorch's subgradients (its {@code norm_backward} and forward
     * rule), written with k = x's dims kept:
     * p = 0:   x̄ = 0, ẏ = 0 (a count);
     * p = ∞:   x̄ = ḡ·sign(x)·[|x| = y]/#{|x| = y} (ties share evenly);  ẏ = Σ sign(x)·[|x| = y]·ẋ/#;
     * else:    x̄ = ḡ·s(x)/y^(p−1), ẏ = Σ s(x)·ẋ / y^(p−1), both 0 where y = 0, with
     *          s(x) = sign(x)·|x|^(p−1) (x itself for p = 2, sign(x) for p = 1, and 0 at x = 0
     *          for p &lt; 1, where |x|^(p−1) is infinite).
     */
    static final class Norm extends Primitive {
        private final double p;
        private final boolean[] reduced;
        private final boolean keepDim;

        Norm(double p, boolean[] reduced, boolean keepDim) {
            this.p = p;
            this.reduced = reduced;
            this.keepDim = keepDim;
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            Tensor x = in[0];
            Shape kept = keptShape(x.shape(), reduced);
            Tensor y;
            if (p == Double.POSITIVE_INFINITY && x.numel() == 0) {
                // The largest |x| of nothing is 0, as in PyTorch: |x| ≥ 0, so 0 is this max's identity.
                y = Tensor.empty(x.dtype(), kept);
            } else if (p == Double.POSITIVE_INFINITY) {
                y = Kernels.reduce(ReduceKernel.MAX, x.abs(), reduced, kept);
            } else if (p == 0) {
                y = Kernels.reduce(ReduceKernel.SUM, x.ne(Rules.constant(x, 0)).to(x.dtype()), reduced, kept);
            } else if (p == 1) {
                y = Kernels.reduce(ReduceKernel.SUM, x.abs(), reduced, kept);
            } else if (p == 2) {
                y = Kernels.reduce(ReduceKernel.SUM, x.square(), reduced, kept).sqrt();
            } else {
                y = Kernels.reduce(ReduceKernel.SUM, x.abs().pow(p), reduced, kept).pow(1 / p);
            }
            return keepDim ? y : y.viewAs(droppedShape(x.shape(), reduced));
        }

        /** The output (or a gradient shaped like it) with the reduced dims kept, to broadcast against x. */
        private Tensor kept(Tensor t) {
            return t.reshape(keptShape(input(0).shape(), reduced).dims());
        }

        /** ∂y/∂x in the form the rules share: weights w with x̄ = ḡ·w and ẏ = Σ w·ẋ (broadcast, kept dims). */
        private Tensor weights() {
            Tensor x = input(0), y = kept(output());
            if (p == Double.POSITIVE_INFINITY) {
                Tensor a = x.abs();
                Tensor ties = a.eq(y).logicalOr(a.ne(a)).to(x.dtype());  // NaN counts as the maximum, as PyTorch
                return x.sign().mul(ties).div(new Sum(reduced, true).apply(ties));
            }
            if (p < 1) {
                // |x|^(p−1) is infinite at x = 0, where PyTorch takes 0; y^(1−p) needs no guard.
                Tensor zero = Rules.constant(x, 0), a = x.abs();
                return x.sign().mul(Tensor.where(a.eq(0), zero, a.pow(p - 1))).mul(y.pow(1 - p));
            }
            Tensor scaled = p == 2 ? x : p == 1 ? x.sign()
                    : p < 2 ? x.sign().mul(x.abs().pow(p - 1)) : x.mul(x.abs().pow(p - 2));
            Tensor denominator = p == 2 ? y : p == 1 ? null : y.pow(p - 1);
            return denominator == null ? scaled
                    : Tensor.where(y.eq(0), Rules.constant(y, 0), scaled.div(denominator));
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            if (p == 0) {
                return new Tensor[] {Tensor.zerosLike(input(0))};
            }
            return new Tensor[] {kept(g).mul(weights())};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            if (p == 0) {
                return Tensor.zerosLike(output());
            }
            return new Sum(reduced, keepDim).apply(t[0].mul(weights()));
        }
    }

    // ---------------------------------------------------------------- shape bookkeeping

    /**
     * Which dims a reduction over {@code dims} covers, checking each. Null and an empty list both
     * mean every dim, as in PyTorch 1.13, where {@code x.sum(dim=[])} sums everything.
     */
    static boolean[] reducedDims(Shape shape, int[] dims, String op) {
        boolean[] reduced = new boolean[shape.rank()];
        if (dims == null || dims.length == 0) {
            Arrays.fill(reduced, true);
            return reduced;
        }
        boolean scalarSeen = false;
        for (int dim : dims) {
            if (shape.rank() == 0) {
                shape.normalizeDim(dim, op);
                // A 0-d tensor has one dim to name (0 or -1), and it too may appear only once.
                if (scalarSeen) {
                    throw new IllegalArgumentException(op + ": dim " + dim + " appears more than once in " + Arrays.toString(dims));
                }
                scalarSeen = true;
                continue;
            }
            int d = shape.normalizeDim(dim, op);
            if (reduced[d]) {
                throw new IllegalArgumentException(op + ": dim " + dim + " appears more than once in " + Arrays.toString(dims));
            }
            reduced[d] = true;
        }
        return reduced;
    }

    private static int count(Shape shape, boolean[] reduced) {
        int n = 1;
        for (int d = 0; d < shape.rank(); d++) {
            if (reduced[d]) {
                n *= shape.size(d);
            }
        }
        return n;
    }

    private static Shape keptShape(Shape shape, boolean[] reduced) {
        int[] dims = shape.dims();
        for (int d = 0; d < dims.length; d++) {
            if (reduced[d]) {
                dims[d] = 1;
            }
        }
        return Shape.of(dims);
    }

    private static Shape droppedShape(Shape shape, boolean[] reduced) {
        int[] dims = new int[shape.rank()];
        int r = 0;
        for (int d = 0; d < shape.rank(); d++) {
            if (!reduced[d]) {
                dims[r++] = shape.size(d);
            }
        }
        return Shape.of(Arrays.copyOf(dims, r));
    }

    /**
     * What logSumExp subtracts along dim d before exp, keeping that dim (size 1): the finite max,
     * or 0, so that a line of -inf sums to log 0 = -inf as in PyTorch. An empty tensor has no max
     * and needs no shift: over an empty dim the sum is log 0 = -inf too.
     */
    private static Tensor stableShift(Tensor x, int d) {
        if (x.numel() == 0) {
            return Tensor.empty(x.dtype(), x.shape().with(d, 1));
        }
        return finiteOrZero(extremum(x, d, true, true));
    }

    /** A detached copy with every non-finite element replaced by 0 (logSumExp's shift). */
    private static Tensor finiteOrZero(Tensor m) {
        double[] v = m.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                v[i] = 0;
            }
        }
        return Tensor.wrap(v, m.shape()).to(m.dtype());
    }
}

package org.autodiff.core.ops;

import java.util.Arrays;
import org.autodiff.core.DType;
import org.autodiff.core.GradMode;
import org.autodiff.core.Primitive;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.ReduceKernel;

/**
 * Reductions. {@code sum}, the even-split {@code max()}/{@code min()} and {@code norm} are
 * primitives; {@code mean}, {@code var}, max along a dim, {@code logSumExp}, {@code softmax} and
 * {@code logSoftmax} are compositions and need no rules of their own.
 */
public final class Reductions {
    private Reductions() {
    }

    /** Sum over {@code dims} (null: all). */
    public static Tensor sum(Tensor x, int[] dims, boolean keepDim) {
        boolean[] reduced = reducedDims(x.shape(), dims, "sum");
        return new Sum(reduced, keepDim).apply(x);
    }

    /** Sums x down to {@code target}, a shape that broadcasts to x's: the one broadcast-undo. */
    public static Tensor sumToSize(Tensor x, Shape target) {
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

    public static Tensor mean(Tensor x, int[] dims, boolean keepDim) {
        Kernels.requireFloatingPoint(x, "mean");
        // Count first, so that a bad dim is reported as mean's rather than sum's.
        int n = count(x.shape(), reducedDims(x.shape(), dims, "mean"));
        return sum(x, dims, keepDim).div(n);
    }

    /** Variance with {@code correction} subtracted from the count (1: Bessel's unbiased estimate), as torch.var. */
    public static Tensor var(Tensor x, int[] dims, int correction, boolean keepDim) {
        Kernels.requireFloatingPoint(x, "var");
        int n = count(x.shape(), reducedDims(x.shape(), dims, "var"));
        Tensor centred = x.sub(mean(x, dims, true));
        return sum(centred.square(), dims, keepDim).div(Math.max(0, n - correction));
    }

    /** max() or min() of all elements; tied extremes share the gradient evenly, as in PyTorch. */
    public static Tensor extremum(Tensor x, boolean max) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException((max ? "max" : "min") + ": the tensor of shape " + x.shape() + " is empty");
        }
        return new Extremum(max).apply(x);
    }

    /** max or min along {@code dim}: the value at the first extreme index, so the gradient goes there. */
    public static Tensor extremum(Tensor x, int dim, boolean keepDim, boolean max) {
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

    /** The index along {@code dim} of the first max (min), an int64 tensor. */
    public static Tensor argExtremum(Tensor x, int dim, boolean keepDim, boolean max) {
        Shape shape = x.shape();
        String op = max ? "argmax" : "argmin";
        int d = shape.normalizeDim(dim, op);
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

    /** log Σ exp(x) along dim, shifted by the (detached) max so that |x| of 10³ neither overflows nor underflows. */
    public static Tensor logSumExp(Tensor x, int dim, boolean keepDim) {
        Kernels.requireFloatingPoint(x, "logSumExp");
        int d = x.shape().normalizeDim(dim, "logSumExp");
        Tensor m = stableShift(x.detach(), d);
        Tensor out = x.sub(m).exp().sum(d, true).log().add(m);
        return keepDim ? out : out.squeeze(d);
    }

    public static Tensor softmax(Tensor x, int dim) {
        Kernels.requireFloatingPoint(x, "softmax");
        return new Softmax(x.shape().normalizeDim(dim, "softmax"), false).apply(x);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        Kernels.requireFloatingPoint(x, "logSoftmax");
        return new Softmax(x.shape().normalizeDim(dim, "logSoftmax"), true).apply(x);
    }

    public static Tensor norm(Tensor x) {
        Kernels.requireFloatingPoint(x, "norm");
        return new Norm().apply(x);
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
     * softmax      x̄ = p·(ḡ − Σ p·ḡ),   ẏ = p·(ẋ − Σ p·ẋ).
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
            Tensor p = probabilities();
            if (g.dim() == 0) {
                return new Tensor[] {g.mul(0)};
            }
            return new Tensor[] {log ? g.sub(p.mul(g.sum(dim, true))) : p.mul(g.sub(p.mul(g).sum(dim, true)))};
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

    /** y = ‖x‖₂;  x̄ = ḡ·x/y (0 where y = 0, PyTorch's subgradient);  ẏ = ⟨x, ẋ⟩/y. */
    static final class Norm extends Primitive {
        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].square().sum().sqrt();
        }

        private Tensor overNorm(Tensor v) {
            Tensor y = output();
            return Tensor.where(y.eq(0), Rules.constant(y, 0), v.div(y));
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {input(0).mul(overNorm(g))};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return overNorm(input(0).mul(t[0]).sum());
        }
    }

    // ---------------------------------------------------------------- shape bookkeeping

    /** Which dims a reduction over {@code dims} (null: all) covers, checking each. */
    static boolean[] reducedDims(Shape shape, int[] dims, String op) {
        boolean[] reduced = new boolean[shape.rank()];
        if (dims == null) {
            Arrays.fill(reduced, true);
            return reduced;
        }
        for (int dim : dims) {
            if (shape.rank() == 0) {
                shape.normalizeDim(dim, op);
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

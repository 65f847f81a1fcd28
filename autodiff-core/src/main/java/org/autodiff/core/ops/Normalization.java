package org.autodiff.core.ops;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.GradMode;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;

/**
 * Layer normalisation, as {@code F.layer_norm}: the normalisation over the trailing dims is one
 * primitive with one kernel each way (PyTorch's {@code native_layer_norm} and its backward); the
 * weight and the bias are an ordinary product and sum. The composition it replaces (mean, centre,
 * square, mean, add, square root, divide) took seven passes forward and about fifteen back.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * Layer normalisation over the last {@code normalizedShape.length} dims:
     * {@code (x − mean)/√(var + eps)·weight + bias}, the biased variance, as PyTorch.
     *
     * @param x the input, floating point, ending in {@code normalizedShape}
     * @param normalizedShape the trailing dims to normalise over
     * @param weight the scale, of shape {@code normalizedShape}, or null for none
     * @param bias the shift, of shape {@code normalizedShape}, or null for none
     * @param eps added to the variance, finite and non-negative
     * @return the normalised tensor, of x's shape
     * @throws IllegalArgumentException naming the shapes if x does not end in normalizedShape, or
     *     weight or bias have another shape, or eps is negative or not finite
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        Objects.requireNonNull(x, "layerNorm: x is null");
        Objects.requireNonNull(normalizedShape, "layerNorm: normalizedShape is null");
        Kernels.requireFloatingPoint(x, "layerNorm");
        int k = normalizedShape.length;
        int[] dims = x.shape().dims();
        if (k == 0 || dims.length < k || !Arrays.equals(Arrays.copyOfRange(dims, dims.length - k, dims.length), normalizedShape)) {
            throw new IllegalArgumentException("layerNorm: input of shape " + x.shape() + " must end in normalizedShape "
                    + Arrays.toString(normalizedShape));
        }
        for (Tensor affine : new Tensor[] {weight, bias}) {
            if (affine != null && !Arrays.equals(affine.shape().dims(), normalizedShape)) {
                throw new IllegalArgumentException("layerNorm: " + (affine == weight ? "weight" : "bias") + " of shape "
                        + affine.shape() + " must have normalizedShape " + Arrays.toString(normalizedShape));
            }
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("layerNorm: eps must be finite and non-negative, got " + eps);
        }
        Tensor y = new Normalize(k, eps).apply(x);
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias != null ? y.add(bias) : y;
    }

    /** The last {@code k} dims of a tensor of {@code rank} dims. */
    private static int[] trailing(int k, int rank) {
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) {
            dims[i] = rank - k + i;
        }
        return dims;
    }

    /**
     * x̂ = (x − μ)·r over the last k dims, with μ their mean and r = 1/√(var + eps);
     * x̄ = r·(ḡ − mean ḡ − x̂·mean(ḡ·x̂)) = {@link NormalizeBackward}(ḡ, x̂, r); the Jacobian is
     * symmetric, so ẏ is the same op applied to ẋ.
     */
    static final class Normalize extends Primitive {
        private final int k;
        private final double eps;
        /** r from the forward pass, with the normalised dims kept as 1, for rules that build no graph. */
        private Tensor rstd;

        Normalize(int k, double eps) {
            this.k = k;
            this.eps = eps;
        }

        @Override
        public String name() {
            return "layerNorm";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            Tensor[] normalized = Kernels.layerNorm(x[0], k, eps);
            rstd = normalized[1];
            return normalized[0];
        }

        /** r for the rules: the kept value, or computed from x where the rule's result is differentiable itself. */
        private Tensor rstd() {
            if (GradMode.isEnabled() || input(0).tangent() != null) {
                return input(0).var(trailing(k, input(0).dim()), 0, true).add(eps).sqrt().reciprocal();
            }
            return rstd;
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {new NormalizeBackward(k).apply(g, output(), rstd())};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return new NormalizeBackward(k).apply(t[0], output(), rstd());
        }
    }

    /**
     * Layer norm's backward through the normalisation, z = r·(g − m₁ − x̂·m₂) with m₁ = mean g and
     * m₂ = mean(g·x̂) over the last k dims (r has them as 1), one kernel; its own rules let
     * grad-of-grad go through it:
     * ḡ = this op applied to z̄;   x̂̄ = −r·(z̄·m₂ + g·mean(z̄·x̂));   r̄ = Σ z̄·(g − m₁ − x̂·m₂);
     * ż = this op applied to ġ − r·(x̂̇·m₂ + x̂·mean(g·x̂̇)) + ṙ·(g − m₁ − x̂·m₂).
     */
    static final class NormalizeBackward extends Primitive {
        private final int k;

        NormalizeBackward(int k) {
            this.k = k;
        }

        @Override
        public String name() {
            return "layerNormBackward";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.layerNormBackward(x[0], x[1], x[2], k);
        }

        /** The mean over the normalised dims, kept as 1. */
        private Tensor mean(Tensor t) {
            return t.mean(trailing(k, t.dim()), true);
        }

        /** This op applied to another gradient with the same x̂ and r. */
        private Tensor again(Tensor g) {
            return new NormalizeBackward(k).apply(g, input(1), input(2));
        }

        /** g − m₁ − x̂·m₂: z without the factor r, given m₂. */
        private Tensor centred(Tensor m2) {
            Tensor g = input(0);
            return g.sub(mean(g)).sub(input(1).mul(m2));
        }

        @Override
        protected Tensor[] vjp(Tensor z) {
            Tensor g = input(0), xHat = input(1), r = input(2);
            Tensor m2 = mean(g.mul(xHat));
            return new Tensor[] {
                g.requiresGrad() ? again(z) : null,
                xHat.requiresGrad() ? r.mul(z.mul(m2).add(g.mul(mean(z.mul(xHat))))).neg() : null,
                r.requiresGrad() ? z.mul(centred(m2)).sum(trailing(k, z.dim()), true) : null};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            Tensor g = input(0), xHat = input(1), r = input(2);
            Tensor m2 = mean(g.mul(xHat));
            Tensor dz = t[0] == null ? Tensor.zerosLike(output()) : again(t[0]);
            if (t[1] != null) {
                dz = dz.sub(r.mul(t[1].mul(m2).add(xHat.mul(mean(g.mul(t[1]))))));
            }
            return t[2] == null ? dz : dz.add(t[2].mul(centred(m2)));
        }
    }
}

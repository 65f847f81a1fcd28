package org.autodiff.nn.optim;

import java.util.Objects;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * Gradient clipping, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}: applied to the gradients between {@code backward()} and the
 * optimizer's {@code step()}. Parameters without a gradient are skipped.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * {@link #clipGradNorm(Iterable, double, double)} with the 2-norm.
     *
     * @param params the parameters whose gradients are clipped
     * @param maxNorm the largest total 2-norm the gradients keep
     * @return the total norm before clipping
     */
    public static double clipGradNorm(Iterable<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2);
    }

    /**
     * Scales all gradients together so that their total p-norm (the norm of the concatenation of
     * every gradient; {@code normType} p ≥ 1 or {@code Double.POSITIVE_INFINITY} for the largest
     * magnitude) is at most {@code maxNorm}. As in PyTorch, the factor is
     * min(1, maxNorm / (total + 1e-6)) and is applied in place to every gradient.
     *
     * @param params the parameters whose gradients are clipped
     * @param maxNorm the largest total norm the gradients keep
     * @param normType the p of the p-norm, at least 1, or {@code Double.POSITIVE_INFINITY}
     * @return the total norm before clipping
     */
    public static double clipGradNorm(Iterable<Tensor> params, double maxNorm, double normType) {
        Objects.requireNonNull(params, "params");
        if (!(normType >= 1)) {
            throw new IllegalArgumentException("clipGradNorm: normType must be ≥ 1 or infinity, got " + normType);
        }
        double total = 0;
        try (var ignored = GradMode.noGrad()) {
            for (Tensor p : params) {
                Tensor g = p.grad();
                if (g == null) {
                    continue;
                }
                if (normType == Double.POSITIVE_INFINITY) {
                    total = Math.max(total, g.abs().max().item());
                } else {
                    total += g.abs().pow(normType).sum().item();              // Σ |g|ᵖ over every gradient
                }
            }
            if (normType != Double.POSITIVE_INFINITY) {
                total = Math.pow(total, 1 / normType);
            }
            double clipCoef = Math.min(1.0, maxNorm / (total + 1e-6));
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.grad().mulInPlace(clipCoef);
                }
            }
        }
        return total;
    }

    /**
     * Clamps every gradient element into [−clipValue, clipValue] in place.
     *
     * @param params the parameters whose gradients are clipped
     * @param clipValue the largest magnitude a gradient element keeps, at least 0
     */
    public static void clipGradValue(Iterable<Tensor> params, double clipValue) {
        Objects.requireNonNull(params, "params");
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipGradValue: clipValue must be non-negative, got " + clipValue);
        }
        try (var ignored = GradMode.noGrad()) {
            for (Tensor p : params) {
                if (p.grad() != null) {
                    p.grad().copyFrom(p.grad().clamp(-clipValue, clipValue));
                }
            }
        }
    }
}

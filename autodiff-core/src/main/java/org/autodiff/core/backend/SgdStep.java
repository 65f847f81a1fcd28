package org.autodiff.core.backend;

/**
 * The hyperparameters of one SGD step with momentum, as {@link Backend#sgd} applies them to every
 * element (PyTorch's {@code torch.optim.SGD}):
 *
 * <pre>
 * g ← ∇θ  (−∇θ if maximize)
 * if λ ≠ 0:  g ← g + λθ
 * b ← g on the first step, else b ← μb + (1 − τ)g
 * g ← g + μb if nesterov, else g ← b
 * θ ← θ − γg
 * </pre>
 *
 * @param lr the learning rate γ
 * @param momentum μ, not 0 (without momentum the step is one {@code addInPlace})
 * @param dampening τ
 * @param weightDecay λ; 0 for none
 * @param nesterov whether to step along g + μb instead of b
 * @param maximize whether to ascend the gradient instead of descending it
 * @param firstStep whether b starts here (b ← g) rather than being updated
 */
public record SgdStep(double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
                      boolean maximize, boolean firstStep) {
    /**
     * Checks that there is momentum to keep.
     *
     * @param lr the learning rate γ
     * @param momentum μ, not 0
     * @param dampening τ
     * @param weightDecay λ; 0 for none
     * @param nesterov whether to step along g + μb instead of b
     * @param maximize whether to ascend the gradient instead of descending it
     * @param firstStep whether b starts here (b ← g) rather than being updated
     * @throws IllegalArgumentException if {@code momentum} is 0
     */
    public SgdStep {
        if (momentum == 0) {
            throw new IllegalArgumentException("SgdStep: momentum must not be 0 (plain SGD is one addInPlace)");
        }
    }
}

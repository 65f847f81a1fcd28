package org.autodiff.core.backend;

/**
 * The hyperparameters of one Adam or AdamW step, as {@link Backend#adam} applies them to every
 * element (PyTorch's {@code torch.optim.Adam} and {@code AdamW}):
 *
 * <pre>
 * g ← ∇θ  (−∇θ if maximize)
 * if λ ≠ 0:  g ← g + λθ          (decoupled, AdamW: θ ← θ(1 − γλ))
 * m ← β₁m + (1 − β₁)g
 * v ← β₂v + (1 − β₂)g²
 * v̂ ← v / (1 − β₂ᵗ)             amsgrad: v_max ← max(v_max, v);  v̂ ← v_max / (1 − β₂ᵗ)
 * θ ← θ − γ (m / (1 − β₁ᵗ)) / (√v̂ + ε)
 * </pre>
 *
 * @param lr the learning rate γ
 * @param beta1 the decay rate β₁ of the gradient's running average m
 * @param beta2 the decay rate β₂ of the squared gradient's running average v
 * @param eps ε, added to the denominator
 * @param weightDecay λ; 0 for none
 * @param decoupledWeightDecay whether λ shrinks θ directly (AdamW) rather than adding λθ to g
 * @param amsgrad whether v̂ comes from the running maximum of v
 * @param maximize whether to ascend the gradient instead of descending it
 * @param step t, the number of this step, from 1
 */
public record AdamStep(double lr, double beta1, double beta2, double eps, double weightDecay,
                       boolean decoupledWeightDecay, boolean amsgrad, boolean maximize, long step) {
    /**
     * Checks that the step is counted from 1.
     *
     * @param lr the learning rate γ
     * @param beta1 the decay rate β₁ of the gradient's running average m
     * @param beta2 the decay rate β₂ of the squared gradient's running average v
     * @param eps ε, added to the denominator
     * @param weightDecay λ; 0 for none
     * @param decoupledWeightDecay whether λ shrinks θ directly (AdamW) rather than adding λθ to g
     * @param amsgrad whether v̂ comes from the running maximum of v
     * @param maximize whether to ascend the gradient instead of descending it
     * @param step t, the number of this step, from 1
     * @throws IllegalArgumentException if {@code step} is below 1
     */
    public AdamStep {
        if (step < 1) {
            throw new IllegalArgumentException("AdamStep: step must be at least 1, got " + step);
        }
    }

    /** {@return 1 − β₁ᵗ, which divides m} */
    public double biasCorrection1() {
        return 1 - Math.pow(beta1, step);
    }

    /** {@return 1 − β₂ᵗ, which divides v (or its running maximum)} */
    public double biasCorrection2() {
        return 1 - Math.pow(beta2, step);
    }
}

package org.autodiff.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autodiff.core.FusedUpdates;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.AdamStep;

/**
 * Adam, exactly as PyTorch's {@code torch.optim.Adam} (and, with decoupled weight decay, as
 * {@link AdamW}):
 *
 * <pre>
 * g ← ∇θ  (−∇θ if maximize)
 * if λ ≠ 0:  g ← g + λθ          (AdamW instead: θ ← θ − γλθ)
 * m ← β₁m + (1 − β₁)g
 * v ← β₂v + (1 − β₂)g²
 * m̂ ← m / (1 − β₁ᵗ)
 * v̂ ← v / (1 − β₂ᵗ)             amsgrad: v_max ← max(v_max, v);  v̂ ← v_max / (1 − β₂ᵗ)
 * θ ← θ − γ m̂ / (√v̂ + ε)
 * </pre>
 *
 * Each parameter's step is one pass over its elements ({@link FusedUpdates#adam}, as
 * PyTorch's {@code fused=True}) with the values of the separate ops, which run instead where the
 * kernel does not take the operands (mixed dtypes, or a parameter sharing storage with its
 * state). The amsgrad maximum is taken over the raw v, as PyTorch's implementation does. Hyperparameters
 * (PyTorch defaults): lr γ (1e-3), betas β₁, β₂ (0.9, 0.999), eps ε (1e-8), weightDecay λ (0;
 * AdamW: 1e-2), amsgrad (false), maximize (false).
 */
public class Adam extends Optimizer {
    private static final Set<String> STATE = Set.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
    private final boolean decoupledWeightDecay;

    /**
     * Adam with PyTorch's default learning rate 1e-3.
     *
     * @param params the parameters to optimize
     */
    public Adam(Iterable<Tensor> params) {
        this(params, 1e-3);
    }

    /**
     * Adam with learning rate {@code lr}.
     *
     * @param params the parameters to optimize
     * @param lr the learning rate
     */
    public Adam(Iterable<Tensor> params, double lr) {
        this("Adam", List.of(ParamGroup.of(params)), lr, false, 0);
    }

    /**
     * Adam over parameter groups; the groups' unset hyperparameters follow {@code lr} and the setters.
     *
     * @param groups the parameter groups
     * @param lr the default learning rate
     */
    public Adam(List<ParamGroup> groups, double lr) {
        this("Adam", groups, lr, false, 0);
    }

    /** For {@link AdamW}: {@code decoupledWeightDecay} shrinks θ directly instead of adding λθ to the gradient. */
    Adam(String name, List<ParamGroup> groups, double lr, boolean decoupledWeightDecay, double weightDecay) {
        super(name, groups, defaults("lr", lr, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "weight_decay", weightDecay,
                "amsgrad", false, "maximize", false), STATE);
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
        double lr = group.lr();
        double beta1 = group.get("beta1");
        double beta2 = group.get("beta2");
        double eps = group.get("eps");
        double weightDecay = group.get("weight_decay");
        boolean amsgrad = group.flag("amsgrad");
        boolean maximize = group.flag("maximize");
        Tensor m = state.computeIfAbsent("exp_avg", k -> Tensor.zerosLike(param));
        Tensor v = state.computeIfAbsent("exp_avg_sq", k -> Tensor.zerosLike(param));
        Tensor vMax = amsgrad ? state.computeIfAbsent("max_exp_avg_sq", k -> Tensor.zerosLike(param)) : null;
        int t = incrementStep(state);
        // One pass over the elements where the kernel takes the operands; the ops below give the same values.
        AdamStep step = new AdamStep(lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, amsgrad, maximize, t);
        if (FusedUpdates.adam(param, grad, m, v, vMax, step)) {
            return;
        }
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) {
            if (decoupledWeightDecay) {
                param.mulInPlace(1 - lr * weightDecay);                     // θ ← θ − γλθ
            } else {
                g = g.add(param.mul(weightDecay));                            // g ← g + λθ
            }
        }
        m.mulInPlace(beta1).addInPlace(g, 1 - beta1);                         // m ← β₁m + (1 − β₁)g
        v.mulInPlace(beta2).addInPlace(g.square(), 1 - beta2);               // v ← β₂v + (1 − β₂)g²
        Tensor mHat = m.div(step.biasCorrection1());                        // m̂ ← m / (1 − β₁ᵗ)
        Tensor vHat;
        if (amsgrad) {
            vMax.copyFrom(Tensor.where(v.gt(vMax), v, vMax));                 // v_max ← max(v_max, v)
            vHat = vMax.div(step.biasCorrection2());                        // v̂ ← v_max / (1 − β₂ᵗ)
        } else {
            vHat = v.div(step.biasCorrection2());                           // v̂ ← v / (1 − β₂ᵗ)
        }
        param.addInPlace(mHat.div(vHat.sqrt().add(eps)), -lr);              // θ ← θ − γ m̂ / (√v̂ + ε)
    }

    /**
     * Sets the moment decay rates β₁ and β₂.
     *
     * @param beta1 the decay rate of the gradient's running average, in [0, 1)
     * @param beta2 the decay rate of the squared gradient's running average, in [0, 1)
     * @return this optimizer
     */
    public Adam betas(double beta1, double beta2) {
        requireInUnitInterval("beta1", beta1);
        requireInUnitInterval("beta2", beta2);
        setDefault("beta1", beta1);
        setDefault("beta2", beta2);
        return this;
    }

    /**
     * Sets ε, added to the denominator.
     *
     * @param eps the term added to the denominator for stability, at least 0
     * @return this optimizer
     */
    public Adam eps(double eps) {
        requireNonNegative("eps", eps);
        setDefault("eps", eps);
        return this;
    }

    /**
     * Sets the weight decay λ (L2 for Adam, decoupled for AdamW).
     *
     * @param weightDecay the weight decay, at least 0
     * @return this optimizer
     */
    public Adam weightDecay(double weightDecay) {
        requireNonNegative("weightDecay", weightDecay);
        setDefault("weight_decay", weightDecay);
        return this;
    }

    /**
     * Uses the AMSGrad variant (the running maximum of v).
     *
     * @param amsgrad whether to divide by the running maximum of v instead of v
     * @return this optimizer
     */
    public Adam amsgrad(boolean amsgrad) {
        setDefault("amsgrad", amsgrad);
        return this;
    }

    /**
     * Maximizes the objective instead of minimizing it.
     *
     * @param maximize whether to step up the gradient instead of down
     * @return this optimizer
     */
    public Adam maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }
}

package org.autodiff.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autodiff.core.Tensor;

/**
 * Adagrad, exactly as PyTorch's {@code torch.optim.Adagrad}:
 *
 * <pre>
 * state_sum₀ ← τ (initialAccumulatorValue)
 * g ← ∇θ  (−∇θ if maximize)
 * γ̃ ← γ / (1 + (t − 1)η)           learning-rate decay η
 * if λ ≠ 0:  g ← g + λθ
 * state_sum ← state_sum + g²
 * θ ← θ − γ̃ · g / (√state_sum + ε)
 * </pre>
 *
 * Hyperparameters (PyTorch defaults): lr γ (1e-2), lrDecay η (0), weightDecay λ (0),
 * initialAccumulatorValue τ (0; the optimizer's value for every group, as PyTorch 1.13 fills the sums in its constructor), eps ε (1e-10), maximize (false).
 */
public final class Adagrad extends Optimizer {
    private static final Set<String> STATE = Set.of("step", "sum");

    /**
     * Adagrad with PyTorch's default learning rate 1e-2.
     *
     * @param params the parameters to optimize
     */
    public Adagrad(Iterable<Tensor> params) {
        this(params, 1e-2);
    }

    /**
     * Adagrad with learning rate {@code lr}.
     *
     * @param params the parameters to optimize
     * @param lr the learning rate
     */
    public Adagrad(Iterable<Tensor> params, double lr) {
        super("Adagrad", params, defaultsWith(lr), STATE);
    }

    /**
     * Adagrad over parameter groups; the groups' unset hyperparameters follow {@code lr} and the setters.
     *
     * @param groups the parameter groups
     * @param lr the default learning rate
     */
    public Adagrad(List<ParamGroup> groups, double lr) {
        super("Adagrad", groups, defaultsWith(lr), STATE);
    }

    private static Map<String, Double> defaultsWith(double lr) {
        return defaults("lr", lr, "lr_decay", 0.0, "weight_decay", 0.0, "initial_accumulator_value", 0.0, "eps", 1e-10,
                "maximize", false);
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
        double lrDecay = group.get("lr_decay");
        double weightDecay = group.get("weight_decay");
        // As PyTorch 1.13, which fills every sum in its constructor: the optimizer's value, not the group's.
        double initialAccumulatorValue = defaultValue("initial_accumulator_value");
        double eps = group.get("eps");
        boolean maximize = group.flag("maximize");
        Tensor stateSum = state.computeIfAbsent("sum", k -> Tensor.zerosLike(param).add(initialAccumulatorValue));
        int t = incrementStep(state);
        Tensor g = maximize ? grad.neg() : grad;
        double clr = group.lr() / (1 + (t - 1) * lrDecay);                        // γ̃ ← γ / (1 + (t − 1)η)
        if (weightDecay != 0) {
            g = g.add(param.mul(weightDecay));                                // g ← g + λθ
        }
        stateSum.addInPlace(g.square(), 1);                                   // state_sum ← state_sum + g²
        param.addInPlace(g.div(stateSum.sqrt().add(eps)), -clr);              // θ ← θ − γ̃ g / (√state_sum + ε)
    }

    /**
     * Sets the learning-rate decay η.
     *
     * @param lrDecay the learning-rate decay, at least 0
     * @return this optimizer
     */
    public Adagrad lrDecay(double lrDecay) {
        requireNonNegative("lrDecay", lrDecay);
        setDefault("lr_decay", lrDecay);
        return this;
    }

    /**
     * Sets the L2 weight decay λ.
     *
     * @param weightDecay the weight decay, at least 0
     * @return this optimizer
     */
    public Adagrad weightDecay(double weightDecay) {
        requireNonNegative("weightDecay", weightDecay);
        setDefault("weight_decay", weightDecay);
        return this;
    }

    /**
     * Sets the initial value τ of the sum of squared gradients (used when a parameter's state is created).
     *
     * @param value the initial sum of squared gradients, at least 0
     * @return this optimizer
     */
    public Adagrad initialAccumulatorValue(double value) {
        requireNonNegative("initialAccumulatorValue", value);
        setDefault("initial_accumulator_value", value);
        return this;
    }

    /**
     * Sets ε, added to the denominator.
     *
     * @param eps the term added to the denominator for stability, at least 0
     * @return this optimizer
     */
    public Adagrad eps(double eps) {
        requireNonNegative("eps", eps);
        setDefault("eps", eps);
        return this;
    }

    /**
     * Maximizes the objective instead of minimizing it.
     *
     * @param maximize whether to step up the gradient instead of down
     * @return this optimizer
     */
    public Adagrad maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }
}

package org.autodiff.nn.optim;

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
 * initialAccumulatorValue τ (0), eps ε (1e-10), maximize (false).
 */
public final class Adagrad extends Optimizer {
    private double lrDecay;
    private double weightDecay;
    private double initialAccumulatorValue;
    private double eps = 1e-10;
    private boolean maximize;

    /** Adagrad with PyTorch's default learning rate 1e-2. */
    public Adagrad(Iterable<Tensor> params) {
        this(params, 1e-2);
    }

    /** Adagrad with learning rate {@code lr}. */
    public Adagrad(Iterable<Tensor> params, double lr) {
        super("Adagrad", params, lr, Set.of("step", "sum"));
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state) {
        Tensor stateSum = state.computeIfAbsent("sum", k -> Tensor.zerosLike(param).add(initialAccumulatorValue));
        int t = incrementStep(state);
        Tensor g = maximize ? grad.neg() : grad;
        double clr = lr() / (1 + (t - 1) * lrDecay);                        // γ̃ ← γ / (1 + (t − 1)η)
        if (weightDecay != 0) {
            g = g.add(param.mul(weightDecay));                                // g ← g + λθ
        }
        stateSum.addInPlace(g.square(), 1);                                   // state_sum ← state_sum + g²
        param.addInPlace(g.div(stateSum.sqrt().add(eps)), -clr);              // θ ← θ − γ̃ g / (√state_sum + ε)
    }

    /** Sets the learning-rate decay η; returns this. */
    public Adagrad lrDecay(double lrDecay) {
        requireNonNegative("lrDecay", lrDecay);
        this.lrDecay = lrDecay;
        return this;
    }

    /** Sets the L2 weight decay λ; returns this. */
    public Adagrad weightDecay(double weightDecay) {
        requireNonNegative("weightDecay", weightDecay);
        this.weightDecay = weightDecay;
        return this;
    }

    /** Sets the initial value τ of the sum of squared gradients (used when a parameter's state is created); returns this. */
    public Adagrad initialAccumulatorValue(double value) {
        requireNonNegative("initialAccumulatorValue", value);
        this.initialAccumulatorValue = value;
        return this;
    }

    /** Sets ε, added to the denominator; returns this. */
    public Adagrad eps(double eps) {
        requireNonNegative("eps", eps);
        this.eps = eps;
        return this;
    }

    /** Maximizes the objective instead of minimizing it; returns this. */
    public Adagrad maximize(boolean maximize) {
        this.maximize = maximize;
        return this;
    }
}

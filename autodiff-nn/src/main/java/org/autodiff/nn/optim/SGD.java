package org.autodiff.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autodiff.core.FusedUpdates;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.SgdStep;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
 * decay, exactly as PyTorch's {@code torch.optim.SGD}:
 *
 * <pre>
 * g ← ∇θ  (−∇θ if maximize)
 * if λ ≠ 0:  g ← g + λθ
 * if μ ≠ 0:  b ← g on the first step, else b ← μb + (1 − τ)g
 *            g ← g + μb if nesterov, else g ← b
 * θ ← θ − γg
 * </pre>
 *
 * With momentum each parameter's step is one pass over its elements ({@link FusedUpdates#sgd})
 * with the values of the separate ops, which run instead where the kernel does not take the
 * operands. Hyperparameters (PyTorch defaults): lr γ (1e-3), momentum μ (0), dampening τ (0),
 * weightDecay λ (0), nesterov (false, needs μ &gt; 0 and τ = 0), maximize (false).
 */
public final class SGD extends Optimizer {
    private static final Set<String> STATE = Set.of("momentum_buffer");

    /**
     * SGD with PyTorch's default learning rate 1e-3.
     *
     * @param params the parameters to optimize
     */
    public SGD(Iterable<Tensor> params) {
        this(params, 1e-3);
    }

    /**
     * Plain SGD with learning rate {@code lr}.
     *
     * @param params the parameters to optimize
     * @param lr the learning rate
     */
    public SGD(Iterable<Tensor> params, double lr) {
        super("SGD", params, defaultsWith(lr), STATE);
    }

    /**
     * SGD over parameter groups; the groups' unset hyperparameters follow {@code lr} and the setters.
     *
     * @param groups the parameter groups
     * @param lr the default learning rate
     */
    public SGD(List<ParamGroup> groups, double lr) {
        super("SGD", groups, defaultsWith(lr), STATE);
    }

    private static Map<String, Double> defaultsWith(double lr) {
        return defaults("lr", lr, "momentum", 0.0, "dampening", 0.0, "weight_decay", 0.0, "nesterov", false, "maximize", false);
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
        double momentum = group.get("momentum");
        double dampening = group.get("dampening");
        double weightDecay = group.get("weight_decay");
        boolean nesterov = group.flag("nesterov");
        boolean maximize = group.flag("maximize");
        if (momentum != 0) {
            // One pass over the elements where the kernel takes the operands; the ops below give the same values.
            Tensor buffer = state.get("momentum_buffer");
            boolean first = buffer == null;
            Tensor b = first ? Tensor.zerosLike(param) : buffer;
            if (FusedUpdates.sgd(param, grad, b, new SgdStep(group.lr(), momentum, dampening, weightDecay, nesterov,
                    maximize, first))) {
                if (first) {
                    state.put("momentum_buffer", b);
                }
                return;
            }
        }
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) {
            g = g.add(param.mul(weightDecay));                                // g ← g + λθ
        }
        if (momentum != 0) {
            Tensor b = state.get("momentum_buffer");
            if (b == null) {
                b = g.copy();                                                 // b ← g
                state.put("momentum_buffer", b);
            } else {
                b.mulInPlace(momentum).addInPlace(g, 1 - dampening);          // b ← μb + (1 − τ)g
            }
            g = nesterov ? g.add(b.mul(momentum)) : b;                        // g ← g + μb  or  g ← b
        }
        param.addInPlace(g, -group.lr());                                     // θ ← θ − γg
    }

    @Override
    protected void checkHyperparameters(ParamGroup group) {
        double momentum = group.get("momentum");
        double dampening = group.get("dampening");
        if (group.flag("nesterov") && (momentum <= 0 || dampening != 0)) {
            throw new IllegalStateException("SGD: Nesterov momentum needs momentum > 0 and dampening = 0, got momentum="
                    + momentum + ", dampening=" + dampening);
        }
    }

    /**
     * Sets the momentum factor μ.
     *
     * @param momentum the momentum factor, at least 0; 0 for none
     * @return this optimizer
     */
    public SGD momentum(double momentum) {
        requireNonNegative("momentum", momentum);
        setDefault("momentum", momentum);
        return this;
    }

    /**
     * Sets the dampening τ of momentum.
     *
     * @param dampening the dampening: the gradient enters the momentum buffer scaled by 1 − τ
     * @return this optimizer
     */
    public SGD dampening(double dampening) {
        setDefault("dampening", dampening);
        return this;
    }

    /**
     * Sets the L2 weight decay λ.
     *
     * @param weightDecay the weight decay, at least 0
     * @return this optimizer
     */
    public SGD weightDecay(double weightDecay) {
        requireNonNegative("weightDecay", weightDecay);
        setDefault("weight_decay", weightDecay);
        return this;
    }

    /**
     * Enables Nesterov momentum.
     *
     * @param nesterov whether to use Nesterov momentum
     * @return this optimizer
     */
    public SGD nesterov(boolean nesterov) {
        setDefault("nesterov", nesterov);
        return this;
    }

    /**
     * Maximizes the objective instead of minimizing it.
     *
     * @param maximize whether to step up the gradient instead of down
     * @return this optimizer
     */
    public SGD maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }
}

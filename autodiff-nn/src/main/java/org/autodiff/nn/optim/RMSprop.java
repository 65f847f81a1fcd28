package org.autodiff.nn.optim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autodiff.core.Tensor;

/**
 * RMSprop, exactly as PyTorch's {@code torch.optim.RMSprop}:
 *
 * <pre>
 * g ← ∇θ  (−∇θ if maximize)
 * if λ ≠ 0:  g ← g + λθ
 * v ← αv + (1 − α)g²
 * ṽ ← v
 * if centered:  g_ave ← α·g_ave + (1 − α)g;   ṽ ← ṽ − g_ave²
 * if μ &gt; 0:  b ← μb + g / (√ṽ + ε);   θ ← θ − γb
 * else:      θ ← θ − γ g / (√ṽ + ε)
 * </pre>
 *
 * Hyperparameters (PyTorch defaults): lr γ (1e-2), alpha α (0.99), eps ε (1e-8),
 * weightDecay λ (0), momentum μ (0), centered (false), maximize (false).
 */
public final class RMSprop extends Optimizer {
    private static final Set<String> STATE = Set.of("step", "square_avg", "grad_avg", "momentum_buffer");

    /**
     * RMSprop with PyTorch's default learning rate 1e-2.
     *
     * @param params the parameters to optimize
     */
    public RMSprop(Iterable<Tensor> params) {
        this(params, 1e-2);
    }

    /**
     * RMSprop with learning rate {@code lr}.
     *
     * @param params the parameters to optimize
     * @param lr the learning rate γ
     */
    public RMSprop(Iterable<Tensor> params, double lr) {
        super("RMSprop", params, defaultsWith(lr), STATE);
    }

    /**
     * RMSprop over parameter groups; the groups' unset hyperparameters follow {@code lr} and the setters.
     *
     * @param groups the parameter groups
     * @param lr the default learning rate
     */
    public RMSprop(List<ParamGroup> groups, double lr) {
        super("RMSprop", groups, defaultsWith(lr), STATE);
    }

    private static Map<String, Double> defaultsWith(double lr) {
        return defaults("lr", lr, "alpha", 0.99, "eps", 1e-8, "weight_decay", 0.0, "momentum", 0.0, "centered", false,
                "maximize", false);
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group) {
        double lr = group.lr();
        double alpha = group.get("alpha");
        double eps = group.get("eps");
        double weightDecay = group.get("weight_decay");
        double momentum = group.get("momentum");
        boolean centered = group.flag("centered");
        boolean maximize = group.flag("maximize");
        Tensor v = state.computeIfAbsent("square_avg", k -> Tensor.zerosLike(param));
        incrementStep(state);
        Tensor g = maximize ? grad.neg() : grad;
        if (weightDecay != 0) {
            g = g.add(param.mul(weightDecay));                                // g ← g + λθ
        }
        v.mulInPlace(alpha).addInPlace(g.square(), 1 - alpha);               // v ← αv + (1 − α)g²
        Tensor vTilde = v;
        if (centered) {
            Tensor gAve = state.computeIfAbsent("grad_avg", k -> Tensor.zerosLike(param));
            gAve.mulInPlace(alpha).addInPlace(g, 1 - alpha);                  // g_ave ← αg_ave + (1 − α)g
            vTilde = v.sub(gAve.square());                                    // ṽ ← v − g_ave²
        }
        Tensor denom = vTilde.sqrt().add(eps);                                // √ṽ + ε
        if (momentum > 0) {
            Tensor b = state.computeIfAbsent("momentum_buffer", k -> Tensor.zerosLike(param));
            b.mulInPlace(momentum).addInPlace(g.div(denom), 1);               // b ← μb + g / (√ṽ + ε)
            param.addInPlace(b, -lr);                                       // θ ← θ − γb
        } else {
            param.addInPlace(g.div(denom), -lr);                            // θ ← θ − γ g / (√ṽ + ε)
        }
    }

    /**
     * Sets the smoothing constant α of the squared-gradient average.
     *
     * @param alpha the smoothing constant, at least 0
     * @return this optimizer
     */
    public RMSprop alpha(double alpha) {
        requireNonNegative("alpha", alpha);
        setDefault("alpha", alpha);
        return this;
    }

    /**
     * Sets ε, added to the denominator.
     *
     * @param eps the term added to the denominator for stability, at least 0
     * @return this optimizer
     */
    public RMSprop eps(double eps) {
        requireNonNegative("eps", eps);
        setDefault("eps", eps);
        return this;
    }

    /**
     * Sets the L2 weight decay λ.
     *
     * @param weightDecay the weight decay, at least 0
     * @return this optimizer
     */
    public RMSprop weightDecay(double weightDecay) {
        requireNonNegative("weightDecay", weightDecay);
        setDefault("weight_decay", weightDecay);
        return this;
    }

    /**
     * Sets the momentum factor μ.
     *
     * @param momentum the momentum factor, at least 0; 0 for none
     * @return this optimizer
     */
    public RMSprop momentum(double momentum) {
        requireNonNegative("momentum", momentum);
        setDefault("momentum", momentum);
        return this;
    }

    /**
     * Centers the second moment by the running mean of the gradient (variance estimate).
     *
     * @param centered whether to subtract the squared running mean of the gradient
     * @return this optimizer
     */
    public RMSprop centered(boolean centered) {
        setDefault("centered", centered);
        return this;
    }

    /**
     * Maximizes the objective instead of minimizing it.
     *
     * @param maximize whether to step up the gradient instead of down
     * @return this optimizer
     */
    public RMSprop maximize(boolean maximize) {
        setDefault("maximize", maximize);
        return this;
    }
}

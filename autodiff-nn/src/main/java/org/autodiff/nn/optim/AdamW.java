package org.autodiff.nn.optim;

import java.util.List;
import org.autodiff.core.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as PyTorch's
 * {@code torch.optim.AdamW}: each step first shrinks the parameter, θ ← θ − γλθ, then takes the
 * plain Adam step without λ in the gradient. Default weight decay 1e-2, as in PyTorch; the rest
 * is {@link Adam}.
 */
public final class AdamW extends Adam {
    /**
     * AdamW with PyTorch's default learning rate 1e-3.
     *
     * @param params the parameters to optimize
     */
    public AdamW(Iterable<Tensor> params) {
        this(params, 1e-3);
    }

    /**
     * AdamW with learning rate {@code lr} and weight decay 1e-2.
     *
     * @param params the parameters to optimize
     * @param lr the learning rate
     */
    public AdamW(Iterable<Tensor> params, double lr) {
        super("AdamW", List.of(ParamGroup.of(params)), lr, true, 1e-2);
    }

    /**
     * AdamW over parameter groups; the groups' unset hyperparameters follow {@code lr}, weight
     * decay 1e-2 and the setters.
     *
     * @param groups the parameter groups
     * @param lr the default learning rate
     */
    public AdamW(List<ParamGroup> groups, double lr) {
        super("AdamW", groups, lr, true, 1e-2);
    }
}

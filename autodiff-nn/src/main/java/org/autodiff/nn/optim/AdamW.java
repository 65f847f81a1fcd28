package org.autodiff.nn.optim;

import org.autodiff.core.Tensor;

/**
 * Adam with decoupled weight decay (Loshchilov &amp; Hutter), as PyTorch's
 * {@code torch.optim.AdamW}: each step first shrinks the parameter, θ ← θ − γλθ, then takes the
 * plain Adam step without λ in the gradient. Default weight decay 1e-2, as in PyTorch; the rest
 * is {@link Adam}.
 */
public final class AdamW extends Adam {
    /** AdamW with PyTorch's default learning rate 1e-3. */
    public AdamW(Iterable<Tensor> params) {
        this(params, 1e-3);
    }

    /** AdamW with learning rate {@code lr} and weight decay 1e-2. */
    public AdamW(Iterable<Tensor> params, double lr) {
        super("AdamW", params, lr, true);
        weightDecay(1e-2);
    }
}

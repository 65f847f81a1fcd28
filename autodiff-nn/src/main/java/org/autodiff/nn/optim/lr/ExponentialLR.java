package org.autodiff.nn.optim.lr;

import org.autodiff.nn.optim.Optimizer;

/** Multiplies the learning rate by γ every epoch, as PyTorch's {@code ExponentialLR}: lr = base·γ^epoch. */
public final class ExponentialLR extends LRScheduler {
    private final double gamma;

    /**
     * Decay by {@code gamma} per epoch.
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     * @param gamma what the rate is multiplied by after every epoch
     */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        return epoch == 0 ? currentLr : currentLr * gamma;
    }
}

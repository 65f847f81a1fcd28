package org.autodiff.nn.optim.lr;

import org.autodiff.nn.optim.Optimizer;

/**
 * Linear warmup (or decay), as PyTorch's {@code LinearLR}: the rate is scaled by a factor that
 * moves linearly from {@code startFactor} at epoch 0 to {@code endFactor} at epoch
 * {@code totalIters}, then stays. PyTorch's defaults are 1/3, 1.0 and 5.
 */
public final class LinearLR extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final int totalIters;

    /**
     * PyTorch's defaults: from a third of the rate to the full rate over 5 epochs.
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     */
    public LinearLR(Optimizer optimizer) {
        this(optimizer, 1.0 / 3, 1.0, 5);
    }

    /**
     * From {@code startFactor}·base to {@code endFactor}·base over {@code totalIters} epochs.
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     * @param startFactor the factor at epoch 0, in (0, 1]
     * @param endFactor the factor from epoch {@code totalIters} on, in [0, 1]
     * @param totalIters the number of epochs the factor takes to get there, at least 1
     */
    public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
        super(optimizer);
        if (!(startFactor > 0 && startFactor <= 1) || !(endFactor >= 0 && endFactor <= 1) || totalIters <= 0) {
            throw new IllegalArgumentException("LinearLR: need 0 < startFactor ≤ 1, 0 ≤ endFactor ≤ 1 and totalIters > 0, got "
                    + startFactor + ", " + endFactor + ", " + totalIters);
        }
        this.startFactor = startFactor;
        this.endFactor = endFactor;
        this.totalIters = totalIters;
        initialStep();
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        if (epoch == 0) {
            return currentLr * startFactor;
        }
        if (epoch > totalIters) {
            return currentLr;
        }
        // The ratio of consecutive factors f(e)/f(e−1), f(e) = start + (end − start)·e/total.
        return currentLr * (1 + (endFactor - startFactor)
                / (totalIters * startFactor + (epoch - 1) * (endFactor - startFactor)));
    }
}

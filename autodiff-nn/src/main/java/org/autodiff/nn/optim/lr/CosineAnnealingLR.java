package org.autodiff.nn.optim.lr;

import org.autodiff.nn.optim.Optimizer;

/**
 * Cosine annealing from the base rate down to {@code etaMin} over {@code tMax} epochs, as
 * PyTorch's {@code CosineAnnealingLR}:
 * lr = η_min + ½(base − η_min)(1 + cos(π·epoch/T_max)). Like PyTorch it applies this as a
 * recursion on the current rate (so it composes with other schedulers), and after T_max it
 * climbs back up (a cosine with period 2·T_max).
 */
public final class CosineAnnealingLR extends LRScheduler {
    private final int tMax;
    private final double etaMin;

    /**
     * Anneal to 0 over {@code tMax} epochs.
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     * @param tMax the number of epochs from the base rate down to 0, at least 1
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0);
    }

    /**
     * Anneal to {@code etaMin} over {@code tMax} epochs.
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     * @param tMax the number of epochs from the base rate down to {@code etaMin}, at least 1
     * @param etaMin the lowest rate
     */
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
        super(optimizer);
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineAnnealingLR: tMax must be positive, got " + tMax);
        }
        this.tMax = tMax;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        if (epoch == 0) {
            return currentLr;
        }
        if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
            // Leaving the minimum: the ratio form below would divide by 1 + cos(π) = 0.
            return currentLr + (baseLr(group) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / tMax)) / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                * (currentLr - etaMin) + etaMin;
    }
}

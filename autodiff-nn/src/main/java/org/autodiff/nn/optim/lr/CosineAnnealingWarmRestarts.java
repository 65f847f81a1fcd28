package org.autodiff.nn.optim.lr;

import org.autodiff.nn.optim.Optimizer;

/**
 * Cosine annealing with warm restarts (SGDR), as PyTorch's {@code CosineAnnealingWarmRestarts}
 * stepped once per epoch: lr = η_min + ½(base − η_min)(1 + cos(π·T_cur/T_i)), where T_cur counts
 * the epochs since the last restart and the i-th cycle lasts T_i = T_0·T_multⁱ epochs.
 */
public final class CosineAnnealingWarmRestarts extends LRScheduler {
    private final int t0;
    private final int tMult;
    private final double etaMin;
    private int tCur;
    private int tI;

    /**
     * Restarts every {@code t0} epochs, annealing to 0.
     *
     * @param optimizer the optimizer
     * @param t0 the length of the first cycle (positive)
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0) {
        this(optimizer, t0, 1, 0);
    }

    /**
     * Restarts after cycles of T_0, T_0·T_mult, T_0·T_mult², ... epochs.
     *
     * @param optimizer the optimizer
     * @param t0 the length of the first cycle (positive)
     * @param tMult the factor by which each cycle is longer than the previous (at least 1)
     * @param etaMin the lowest rate
     */
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult, double etaMin) {
        super(optimizer);
        if (t0 <= 0 || tMult < 1) {
            throw new IllegalArgumentException("CosineAnnealingWarmRestarts: need T_0 > 0 and T_mult ≥ 1, got T_0=" + t0
                    + ", T_mult=" + tMult);
        }
        this.t0 = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
        initialStep();
    }

    @Override
    protected void beforeStep(int epoch) {
        if (epoch == 0) {
            tCur = 0;
            tI = t0;
            return;
        }
        tCur++;
        if (tCur >= tI) {
            tCur -= tI;
            tI = Math.multiplyExact(tI, tMult);
        }
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        return etaMin + (baseLr(group) - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }
}

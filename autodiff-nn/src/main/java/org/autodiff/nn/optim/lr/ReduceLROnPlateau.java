package org.autodiff.nn.optim.lr;

import java.util.Objects;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.ParamGroup;

/**
 * Reduces the learning rate when a metric stops improving, as PyTorch's
 * {@code ReduceLROnPlateau}. Call {@link #step(double)} with the metric once per epoch. A value
 * is an improvement over the best so far when (mode MIN, threshold mode REL) it is below
 * best·(1 − threshold); after more than {@code patience} epochs without one, the rate becomes
 * max(lr·factor, minLr) (ignored if the change is at most eps), and {@code cooldown} epochs
 * follow in which bad epochs are not counted. Every parameter group's rate is reduced so, each
 * no lower than minLr.
 */
public final class ReduceLROnPlateau {
    /** Whether lower (MIN, e.g. a loss) or higher (MAX, e.g. an accuracy) is better. */
    public enum Mode {
        /** Lower is better, e.g. a loss. */
        MIN,
        /** Higher is better, e.g. an accuracy. */
        MAX
    }

    /** Whether the threshold is relative to the best value (REL) or an absolute margin (ABS). */
    public enum ThresholdMode {
        /** An improvement beats the best value by more than the fraction {@code threshold} of it. */
        REL,
        /** An improvement beats the best value by more than {@code threshold}. */
        ABS
    }

    private final Optimizer optimizer;
    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final ThresholdMode thresholdMode;
    private final int cooldown;
    private final double minLr;
    private final double eps;

    private double best;
    private int badEpochs;
    private int cooldownCounter;

    /**
     * PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, minLr 0, eps 1e-8.
     *
     * @param optimizer the optimizer whose learning rates are reduced
     */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
    }

    /**
     * A scheduler with every option of PyTorch's.
     *
     * @param optimizer the optimizer whose learning rates are reduced
     * @param mode whether a lower or a higher metric is better
     * @param factor what a reduction multiplies the rate by, in [0, 1)
     * @param patience how many epochs without improvement are tolerated before a reduction, at least 0
     * @param threshold how much a value must beat the best to count as an improvement, at least 0
     * @param thresholdMode whether {@code threshold} is relative to the best value or absolute
     * @param cooldown how many epochs after a reduction go uncounted, at least 0
     * @param minLr the lowest rate a reduction goes to, at least 0
     * @param eps the smallest change of rate that is applied; smaller ones are skipped
     */
    public ReduceLROnPlateau(Optimizer optimizer, Mode mode, double factor, int patience, double threshold,
            ThresholdMode thresholdMode, int cooldown, double minLr, double eps) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.thresholdMode = Objects.requireNonNull(thresholdMode, "thresholdMode");
        if (!(factor < 1 && factor >= 0) || patience < 0 || cooldown < 0 || !(minLr >= 0) || !(threshold >= 0)) {
            throw new IllegalArgumentException("ReduceLROnPlateau: need 0 ≤ factor < 1, patience, cooldown, minLr and threshold "
                    + "≥ 0; got factor=" + factor + ", patience=" + patience + ", cooldown=" + cooldown + ", minLr=" + minLr
                    + ", threshold=" + threshold);
        }
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.minLr = minLr;
        this.eps = eps;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * Records this epoch's metric and reduces the learning rate if it has plateaued.
     *
     * @param metric this epoch's value of the watched metric, e.g. the validation loss
     */
    public void step(double metric) {
        if (isBetter(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            for (ParamGroup group : optimizer.paramGroups()) {
                double oldLr = group.lr();
                double newLr = Math.max(oldLr * factor, minLr);
                if (oldLr - newLr > eps) {
                    group.setLr(newLr);
                }
            }
            cooldownCounter = cooldown;
            badEpochs = 0;
        }
    }

    private boolean isBetter(double a) {
        return switch (mode) {
            case MIN -> thresholdMode == ThresholdMode.REL ? a < best * (1 - threshold) : a < best - threshold;
            case MAX -> thresholdMode == ThresholdMode.REL ? a > best * (1 + threshold) : a > best + threshold;
        };
    }

    /**
     * The best metric seen so far.
     *
     * @return the best value, or +∞ (mode MIN) or −∞ (mode MAX) before the first step
     */
    public double best() {
        return best;
    }

    /**
     * The number of consecutive epochs without improvement (counted outside cooldown).
     *
     * @return the number of bad epochs, 0 right after an improvement, a reduction or during cooldown
     */
    public int badEpochs() {
        return badEpochs;
    }

    /**
     * The current learning rate of the optimizer's first group.
     *
     * @return the learning rate
     */
    public double lastLr() {
        return optimizer.lr();
    }
}

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
    public enum Mode { MIN, MAX }

    /** Whether the threshold is relative to the best value (REL) or an absolute margin (ABS). */
    public enum ThresholdMode { REL, ABS }

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

    /** PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 1e-4 rel, cooldown 0, minLr 0, eps 1e-8. */
    public ReduceLROnPlateau(Optimizer optimizer) {
        this(optimizer, Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8);
    }

    /** A scheduler with every option of PyTorch's. */
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

    /** Records this epoch's metric and reduces the learning rate if it has plateaued. */
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

    /** The best metric seen so far. */
    public double best() {
        return best;
    }

    /** The number of consecutive epochs without improvement (counted outside cooldown). */
    public int badEpochs() {
        return badEpochs;
    }

    /** The current learning rate of the optimizer's first group. */
    public double lastLr() {
        return optimizer.lr();
    }
}

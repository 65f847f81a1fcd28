package org.autodiff.nn.optim.lr;

import java.util.Arrays;
import org.autodiff.nn.optim.Optimizer;

/**
 * Multiplies the learning rate by γ at each milestone epoch, as PyTorch's {@code MultiStepLR}:
 * lr = base·γ^(number of milestones ≤ epoch). A milestone given twice multiplies by γ twice, as
 * PyTorch's counter of milestones does.
 */
public final class MultiStepLR extends LRScheduler {
    private final int[] milestones;
    private final double gamma;

    /**
     * Decay by {@code gamma} at each milestone (PyTorch's default γ is 0.1).
     *
     * @param optimizer the optimizer
     * @param milestones the epochs at which to decay (positive; any order, repeats count)
     * @param gamma the factor
     */
    public MultiStepLR(Optimizer optimizer, int[] milestones, double gamma) {
        super(optimizer);
        this.milestones = java.util.Objects.requireNonNull(milestones, "milestones").clone();
        for (int m : this.milestones) {
            if (m <= 0) {
                throw new IllegalArgumentException("MultiStepLR: milestones must be positive epochs, got " + Arrays.toString(milestones));
            }
        }
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        int count = 0;
        for (int m : milestones) {
            if (m == epoch) {
                count++;
            }
        }
        return count == 0 ? currentLr : currentLr * Math.pow(gamma, count);
    }
}

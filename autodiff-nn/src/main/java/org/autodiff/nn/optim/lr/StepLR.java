package org.autodiff.nn.optim.lr;

import org.autodiff.nn.optim.Optimizer;

/** Multiplies the learning rate by γ every {@code stepSize} epochs, as PyTorch's {@code StepLR}: lr = base·γ^⌊epoch/stepSize⌋. */
public final class StepLR extends LRScheduler {
    private final int stepSize;
    private final double gamma;

    /**
     * Decay by {@code gamma} every {@code stepSize} epochs (PyTorch's default γ is 0.1).
     *
     * @param optimizer the optimizer whose learning rates are scheduled
     * @param stepSize the number of epochs between decays, at least 1
     * @param gamma what the rate is multiplied by at each decay
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLR: stepSize must be positive, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
        initialStep();
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        return epoch == 0 || epoch % stepSize != 0 ? currentLr : currentLr * gamma;
    }
}

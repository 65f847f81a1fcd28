package org.autodiff.nn.optim.lr;

import java.util.Objects;
import org.autodiff.nn.optim.Optimizer;

/**
 * The base of the epoch-based learning-rate schedulers, like PyTorch's
 * {@code torch.optim.lr_scheduler.LRScheduler}. Construction performs PyTorch's initial step
 * (epoch 0); each {@link #step()} then advances one epoch and sets the optimizer's learning rate.
 * Subclasses give PyTorch's chainable rule: the new rate from the current one, so schedulers
 * applied to the same optimizer compose as in PyTorch.
 */
public abstract class LRScheduler {
    private final Optimizer optimizer;
    private final double baseLr;
    private int lastEpoch = -1;

    /** A scheduler of {@code optimizer}, whose current rate becomes the base rate. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.baseLr = optimizer.lr();
    }

    /**
     * Performs the step to epoch 0, as PyTorch's constructor does; subclasses call this last in
     * their constructors (it needs their fields).
     */
    protected final void initialStep() {
        if (lastEpoch != -1) {
            throw new IllegalStateException(getClass().getSimpleName() + ": initialStep() already done");
        }
        step();
    }

    /** Advances one epoch and sets the optimizer's learning rate for it. */
    public final void step() {
        lastEpoch++;
        optimizer.setLr(nextLr(lastEpoch, optimizer.lr()));
    }

    /** The learning rate for {@code epoch}, given the rate in use before this step. */
    protected abstract double nextLr(int epoch, double currentLr);

    /** The learning rate the optimizer had when the scheduler was made. */
    public final double baseLr() {
        return baseLr;
    }

    /** The current epoch (0 after construction). */
    public final int lastEpoch() {
        return lastEpoch;
    }

    /** The learning rate set by the last step. */
    public final double lastLr() {
        return optimizer.lr();
    }
}

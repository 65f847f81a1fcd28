package org.autodiff.nn.optim.lr;

import java.util.List;
import java.util.Objects;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.ParamGroup;

/**
 * The base of the epoch-based learning-rate schedulers, like PyTorch's
 * {@code torch.optim.lr_scheduler.LRScheduler}. Construction performs PyTorch's initial step
 * (epoch 0); each {@link #step()} then advances one epoch and sets the learning rate of every
 * parameter group. Subclasses give PyTorch's rule per group: most are chainable (the new rate
 * from the current one), so schedulers applied to the same optimizer compose as in PyTorch.
 *
 * <p>Each group's base rate is its {@link ParamGroup#initialLr() initial rate}: the rate it had
 * when the first scheduler of the optimizer was made (PyTorch's {@code group['initial_lr']}).
 */
public abstract class LRScheduler {
    private final Optimizer optimizer;
    private final double[] baseLrs;
    private int lastEpoch = -1;

    /**
     * A scheduler of {@code optimizer}; a group without an initial rate gets its current rate as one.
     *
     * @param optimizer the optimizer
     */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        List<ParamGroup> groups = optimizer.paramGroups();
        baseLrs = new double[groups.size()];
        for (int g = 0; g < baseLrs.length; g++) {
            ParamGroup group = groups.get(g);
            if (group.initialLr() == null) {
                group.setInitialLr(group.lr());
            }
            baseLrs[g] = group.initialLr();
        }
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

    /** Advances one epoch and sets each group's learning rate for it. */
    public void step() {
        lastEpoch++;
        apply(false);
    }

    /**
     * Starts over at epoch 0 with each group's rate computed from its base rate, as PyTorch's
     * {@code step(0)} (the closed form at epoch 0); {@link SequentialLR} does this at each milestone.
     */
    void restart() {
        lastEpoch = 0;
        apply(true);
    }

    private void apply(boolean fromBase) {
        beforeStep(lastEpoch);
        List<ParamGroup> groups = optimizer.paramGroups();
        if (groups.size() != baseLrs.length) {
            throw new IllegalStateException(getClass().getSimpleName() + ": the optimizer has " + groups.size()
                    + " parameter groups but had " + baseLrs.length + " when the scheduler was made");
        }
        for (int g = 0; g < baseLrs.length; g++) {
            ParamGroup group = groups.get(g);
            group.setLr(nextLr(lastEpoch, g, fromBase ? baseLrs[g] : group.lr()));
        }
    }

    /**
     * Called once per step before {@link #nextLr} is asked for each group, for schedulers with
     * state of their own.
     *
     * @param epoch the epoch being entered
     */
    protected void beforeStep(int epoch) {
    }

    /**
     * The learning rate of a group for {@code epoch}.
     *
     * @param epoch the epoch being entered (0 for the initial step)
     * @param group the group's index
     * @param currentLr the group's rate before this step
     * @return the group's new rate
     */
    protected abstract double nextLr(int epoch, int group, double currentLr);

    /**
     * The optimizer.
     *
     * @return the optimizer whose rates this scheduler sets
     */
    public final Optimizer optimizer() {
        return optimizer;
    }

    /**
     * The base learning rate of the first group.
     *
     * @return {@code baseLr(0)}
     */
    public final double baseLr() {
        return baseLrs[0];
    }

    /**
     * The base learning rate of a group (its initial rate).
     *
     * @param group the group's index
     * @return the base rate
     */
    public final double baseLr(int group) {
        return baseLrs[group];
    }

    /** Sets a group's base rate and initial rate (OneCycleLR starts from max_lr / divFactor). */
    final void setBaseLr(int group, double lr) {
        baseLrs[group] = lr;
        optimizer.paramGroups().get(group).setInitialLr(lr);
    }

    /**
     * The number of parameter groups this scheduler sets.
     *
     * @return the number of groups
     */
    protected final int groupCount() {
        return baseLrs.length;
    }

    /**
     * The current epoch (0 after construction).
     *
     * @return the epoch
     */
    public final int lastEpoch() {
        return lastEpoch;
    }

    /** Moves the epoch back by one without changing any rate ({@link SequentialLR} undoes its schedulers' initial steps). */
    final void undoEpoch() {
        lastEpoch--;
    }

    /**
     * The learning rate of the first group, as set by the last step.
     *
     * @return the rate
     */
    public final double lastLr() {
        return optimizer.lr();
    }

    /**
     * The learning rate of every group, as PyTorch's {@code get_last_lr()}.
     *
     * @return the rates, one per group
     */
    public final double[] lastLrs() {
        return optimizer.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
    }
}

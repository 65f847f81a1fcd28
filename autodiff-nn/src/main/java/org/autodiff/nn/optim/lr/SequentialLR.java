package org.autodiff.nn.optim.lr;

import java.util.Arrays;
import java.util.List;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.ParamGroup;

/**
 * Runs schedulers one after another, switching at milestone epochs, as PyTorch's
 * {@code SequentialLR}: e.g. a linear warm-up for 5 epochs, then cosine annealing. At
 * construction every group's rate goes back to its initial rate and only the first scheduler's
 * initial step counts; at each milestone the next scheduler starts over from epoch 0 (PyTorch's
 * {@code step(0)}).
 *
 * <pre>{@code
 * var warmup = new LinearLR(opt, 0.1, 1.0, 5);
 * var cosine = new CosineAnnealingLR(opt, 95);
 * var schedule = new SequentialLR(opt, List.of(warmup, cosine), new int[] {5});
 * }</pre>
 */
public final class SequentialLR extends LRScheduler {
    private final List<LRScheduler> schedulers;
    private final int[] milestones;

    /**
     * Chains {@code schedulers}, all made for {@code optimizer}, switching at {@code milestones}.
     *
     * @param optimizer the optimizer
     * @param schedulers the schedulers in order
     * @param milestones the epochs at which the next scheduler takes over: one fewer than the
     *     schedulers, in increasing order
     */
    public SequentialLR(Optimizer optimizer, List<LRScheduler> schedulers, int[] milestones) {
        super(optimizer);
        java.util.Objects.requireNonNull(schedulers, "schedulers");
        java.util.Objects.requireNonNull(milestones, "milestones");
        if (schedulers.isEmpty() || milestones.length != schedulers.size() - 1) {
            throw new IllegalArgumentException("SequentialLR: expects one more scheduler than milestones, got "
                    + schedulers.size() + " schedulers and milestones " + Arrays.toString(milestones));
        }
        for (int i = 0; i < schedulers.size(); i++) {
            if (schedulers.get(i).optimizer() != optimizer) {
                throw new IllegalArgumentException("SequentialLR: scheduler " + i + " (" + schedulers.get(i).getClass().getSimpleName()
                        + ") belongs to another optimizer");
            }
        }
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException("SequentialLR: milestones must increase, got " + Arrays.toString(milestones));
            }
        }
        this.schedulers = List.copyOf(schedulers);
        this.milestones = milestones.clone();
        for (ParamGroup group : optimizer.paramGroups()) {
            group.setLr(group.initialLr());
        }
        // Undo the initial steps the schedulers took when they were made; then only the first one's counts.
        this.schedulers.forEach(LRScheduler::undoEpoch);
        this.schedulers.get(0).restart();
        initialStep();
    }

    @Override
    public void step() {
        super.step();
        if (lastEpoch() == 0) {
            return;
        }
        int index = 0;
        while (index < milestones.length && milestones[index] <= lastEpoch()) {
            index++;
        }
        LRScheduler current = schedulers.get(index);
        if (index > 0 && milestones[index - 1] == lastEpoch()) {
            current.restart();
        } else {
            current.step();
        }
    }

    /** The rates are set by the scheduler in charge; this scheduler's own step leaves them as they are. */
    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        return currentLr;
    }
}

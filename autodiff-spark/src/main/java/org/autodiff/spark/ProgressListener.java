package org.autodiff.spark;

/** Hears about training progress on the driver, after every step (after every round with local SGD). */
@FunctionalInterface
public interface ProgressListener {
    /**
     * Called after a step.
     *
     * @param step the number of steps taken so far, counting those before a resume
     * @param steps the number of steps the run will take in all
     * @param loss the step's mean loss over its batch (with local SGD: the round's mean loss)
     * @param stepsPerSecond the steps taken in this run so far per second of wall time
     */
    void step(long step, long steps, double loss, double stepsPerSecond);
}

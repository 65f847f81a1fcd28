package org.autodiff.spark;

import org.autodiff.nn.Module;
import org.autodiff.nn.optim.Optimizer;

/**
 * What a run of {@link DataParallelTrainer} ends with.
 *
 * @param model the trained model (the driver's)
 * @param optimizer its optimizer, with its state (moments, step counts)
 * @param firstStep the step the run started at: 0, or the checkpoint's step when resumed
 * @param stepLosses the mean loss of each step taken in this run, in order (with local SGD each
 *     step of a round shows the round's mean loss)
 */
public record TrainingResult(Module model, Optimizer optimizer, long firstStep, double[] stepLosses) {
}

package org.autodiff.spark;

import java.io.Serializable;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.loss.Reduction;

/**
 * The loss of a model on one partition's part of a batch, <em>summed</em> over those examples
 * (not averaged): the driver adds the partitions' gradients and divides by the number of
 * examples in the whole batch, so the step is that of the mean loss over the global batch, as in
 * single-machine training. It is sent to the executors, so it must capture only serialisable
 * things, never an autodiff object.
 */
@FunctionalInterface
public interface ShardLoss extends Serializable {
    /**
     * The summed loss of {@code model} on these examples.
     *
     * @param model the model replica, with the step's parameter values
     * @param features the examples' features, {@code [n, features]} in the model's dtype
     * @param targets the examples' targets, n of them
     * @return a 0-d tensor: the sum of the examples' losses
     */
    Tensor sum(Module model, Tensor features, double[] targets);

    /**
     * Cross-entropy of the model's logits {@code [n, classes]} against the targets as class
     * indices, summed: for classifiers.
     *
     * @return the loss
     */
    static ShardLoss crossEntropy() {
        return (model, x, targets) -> Losses.crossEntropy(model.forward(x), classIndices(targets), 0.0, Reduction.SUM);
    }

    /**
     * Squared error of the model's output {@code [n, 1]} against the targets, summed: for
     * regressors.
     *
     * @return the loss
     */
    static ShardLoss squaredError() {
        return (model, x, targets) -> {
            Tensor y = model.forward(x);
            return Losses.mseLoss(y, Tensor.of(targets, targets.length, 1).to(y.dtype()), Reduction.SUM);
        };
    }

    private static int[] classIndices(double[] targets) {
        int[] classes = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            classes[i] = (int) targets[i];
            if (classes[i] != targets[i]) {
                throw new IllegalArgumentException("crossEntropy: target " + targets[i] + " at position " + i
                        + " is not a class index (0, 1, 2, ...)");
            }
        }
        return classes;
    }
}

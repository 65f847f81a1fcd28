package org.autodiff.nn.train;

/**
 * What one epoch of training measured: mean loss and accuracy on the training and the test data.
 *
 * @param epoch the epoch, counted from 1
 * @param trainLoss the mean loss per example over the epoch's training batches
 * @param trainAccuracy the accuracy over the epoch's training batches, or NaN if not measured
 * @param testLoss the mean loss per example on the test data after the epoch
 * @param testAccuracy the accuracy on the test data after the epoch, or NaN if not measured
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
}

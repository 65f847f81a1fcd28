package org.autodiff.nn.train;

/** What one epoch of training measured: mean loss and accuracy on the training and the test data. */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
}

package org.autodiff.teaching;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The demo's training run, as the README shows it, holds up: seeded, so reproducible. */
class TeachingDemoTest {

    @Test
    void gradientDescentSeparatesTheTwoMoons() {
        TwoMoons data = TeachingDemo.data();
        ScalarMlp model = TeachingDemo.model();
        double before = TeachingDemo.accuracy(model, data);
        double[] losses = new double[TeachingDemo.EPOCHS];
        for (int epoch = 0; epoch < TeachingDemo.EPOCHS; epoch++) {
            losses[epoch] = TeachingDemo.gradientDescentStep(model, data, TeachingDemo.LEARNING_RATE);
        }
        double finalLoss = TeachingDemo.meanLogisticLoss(model, data).value();
        double after = TeachingDemo.accuracy(model, data);

        assertTrue(losses[0] > 0.5, "an untrained network is no better than chance: loss " + losses[0]);
        assertTrue(finalLoss < losses[0] / 10, "loss falls from " + losses[0] + " to " + finalLoss);
        for (int decade = 1; decade < losses.length / 10; decade++) {
            // full-batch descent with a small enough step: the loss falls over every 10 epochs
            assertTrue(losses[10 * decade] < losses[10 * (decade - 1)],
                    "loss at epoch " + 10 * decade + " " + losses[10 * decade]);
        }
        assertTrue(before < 0.95, "the problem is not solved before training: accuracy " + before);
        assertTrue(after >= 0.95, "training accuracy " + after);
    }
}

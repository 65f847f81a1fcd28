package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.Adam;
import org.junit.jupiter.api.Test;

/** End to end: an MLP trained with Adam learns a non-linear 3-class problem (three interleaved spirals). */
class MlpTrainingTest {
    private static final int PER_CLASS = 60;
    private static final int CLASSES = 3;

    /** Points (x, y) along three spiral arms with angular noise; labels[k] is the arm of point k. */
    private static Tensor spirals(Generator g, int[] labels) {
        double[] xs = new double[2 * labels.length];
        for (int c = 0; c < CLASSES; c++) {
            for (int i = 0; i < PER_CLASS; i++) {
                int k = c * PER_CLASS + i;
                double r = (i + g.nextUniform()) / PER_CLASS;
                double angle = c * 4.0 + r * 4.0 + 0.2 * g.nextNormal();
                xs[2 * k] = r * Math.sin(angle);
                xs[2 * k + 1] = r * Math.cos(angle);
                labels[k] = c;
            }
        }
        return Tensor.of(xs, labels.length, 2);
    }

    private static double accuracy(Module net, Tensor x, int[] labels) {
        try (var ignored = GradMode.noGrad()) {
            double[] predicted = net.forward(x).argmax(1, false).toDoubleArray();
            int correct = 0;
            for (int i = 0; i < labels.length; i++) {
                correct += predicted[i] == labels[i] ? 1 : 0;
            }
            return (double) correct / labels.length;
        }
    }

    @Test
    void adamTrainsAnMlpOnThreeSpirals() {
        Generator g = new Generator(2024);
        int n = PER_CLASS * CLASSES;
        int[] labels = new int[n];
        Tensor x = spirals(g, labels);
        int[] testLabels = new int[n];
        Tensor testX = spirals(g, testLabels);

        Sequential net = MLP.builder(2).hidden(32, 32).output(CLASSES).activation(ReLU::new).dtype(DType.FLOAT64)
                .generator(g).build();
        Adam adam = new Adam(net.parameters(), 0.01);
        double firstLoss = Double.NaN;
        double loss = Double.NaN;
        for (int step = 0; step < 400; step++) {
            adam.zeroGrad();
            Tensor l = Losses.crossEntropy(net.forward(x), labels);
            l.backward();
            adam.step();
            loss = l.item();
            if (step == 0) {
                firstLoss = loss;
            }
        }
        double accuracy = accuracy(net, x, labels);
        double testAccuracy = accuracy(net, testX, testLabels);
        // Chance is 1/3 and a linear classifier manages about half; the MLP separates the spirals,
        // also on fresh points from the same distribution.
        assertTrue(accuracy >= 0.95, "training accuracy " + accuracy + ", loss " + firstLoss + " → " + loss);
        assertTrue(testAccuracy >= 0.9, "held-out accuracy " + testAccuracy);
        assertTrue(loss < 0.2 * firstLoss, "loss " + firstLoss + " → " + loss);
    }
}

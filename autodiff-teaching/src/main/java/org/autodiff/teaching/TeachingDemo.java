package org.autodiff.teaching;

import java.util.List;
import org.autodiff.core.scalar.Scalar;

/**
 * Trains a small {@link ScalarMlp} on {@link TwoMoons} by plain gradient descent and prints the loss
 * every ten epochs (each epoch is one full-batch step) and the final training accuracy. Run with
 * {@code java -cp autodiff-core/target/classes:autodiff-nn/target/classes:autodiff-teaching/target/classes org.autodiff.teaching.TeachingDemo}.
 */
public final class TeachingDemo {
    static final int EPOCHS = 300;
    static final int REPORT_EVERY = 10;
    static final double LEARNING_RATE = 0.5;

    private TeachingDemo() {
    }

    /**
     * Trains and prints.
     *
     * @param args none
     */
    public static void main(String[] args) {
        TwoMoons data = data();
        ScalarMlp model = model();
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            double loss = gradientDescentStep(model, data, LEARNING_RATE);
            if (epoch == 1 || epoch % REPORT_EVERY == 0) {
                System.out.printf("epoch %3d  loss %.4f%n", epoch, loss);
            }
        }
        System.out.printf("training accuracy %.3f%n", accuracy(model, data));
    }

    /** 100 points, 50 per moon, noise 0.1, seed 1. */
    static TwoMoons data() {
        return TwoMoons.generate(50, 0.1, 1);
    }

    /** 2 inputs, two hidden layers of 16 tanh units, one output score; seed 42. */
    static ScalarMlp model() {
        return new ScalarMlp(2, new int[] {16, 16, 1}, Activation.TANH, 42);
    }

    /**
     * One full-batch step: the mean loss over the data, its gradient by one backward pass, and
     * every parameter moved against its gradient. Returns the loss before the step.
     */
    static double gradientDescentStep(ScalarMlp model, TwoMoons data, double learningRate) {
        model.zeroGrad();
        Scalar loss = meanLogisticLoss(model, data);
        loss.backward();
        for (Scalar p : model.parameters()) {
            p.setValue(p.value() - learningRate * p.grad());
        }
        return loss.value();
    }

    /**
     * The mean of {@code log(1 + e^(−y·s))} over the data, for score s and label y = ±1: the
     * cross-entropy of a logistic classifier, small when the score has the label's sign.
     */
    static Scalar meanLogisticLoss(ScalarMlp model, TwoMoons data) {
        Scalar total = Scalar.of(0);
        for (int i = 0; i < data.size(); i++) {
            Scalar score = score(model, data.points()[i]);
            total = total.add(score.mul(-data.labels()[i]).softplus());
        }
        return total.div(data.size());
    }

    /** The share of points whose score has the sign of their label. */
    static double accuracy(ScalarMlp model, TwoMoons data) {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            double score = score(model, data.points()[i]).value();
            if (Math.signum(score) == data.labels()[i]) {
                correct++;
            }
        }
        return (double) correct / data.size();
    }

    private static Scalar score(ScalarMlp model, double[] point) {
        List<Scalar> output = model.apply(Scalar.leaves(point));
        return output.get(0);
    }
}

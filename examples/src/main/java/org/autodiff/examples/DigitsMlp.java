package org.autodiff.examples;

import java.util.Locale;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.MLP;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.Sequential;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Digits;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.Adam;
import org.autodiff.nn.train.Evaluation;

/** Trains an MLP on the built-in UCI handwritten digits with a plain training loop and prints its test accuracy. */
public final class DigitsMlp {
    private DigitsMlp() {
    }

    /**
     * Trains 64 → 128 → 10 with ReLU and Adam on 80% of the digits (pixels scaled to [0, 1]).
     *
     * @param epochs passes over the training set
     * @param seed   seeds the split, the initial weights and the shuffling
     * @return the accuracy on the held-out 20%
     */
    public static double train(int epochs, long seed) {
        TrainTestSplit split = TrainTestSplit.stratified(Digits.load(DType.FLOAT32, true), 0.2, seed);
        Sequential net = MLP.builder(Digits.FEATURES).hidden(128).output(Digits.CLASSES)
                .activation(ReLU::new).dtype(DType.FLOAT32).generator(new Generator(seed)).build();
        Adam opt = new Adam(net.parameters(), 1e-3);
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch batch : DataLoader.of(split.train(), 32).shuffle(seed + epoch)) {
                opt.zeroGrad();
                Tensor loss = Losses.crossEntropy(net.forward(batch.x()), batch.y());
                loss.backward();
                opt.step();
            }
        }
        net.eval();
        return Evaluation.of(net, split.test(), Digits.CLASSES).accuracy();
    }

    /**
     * Trains for 20 epochs and prints the test accuracy.
     *
     * @param args none
     */
    public static void main(String[] args) {
        System.out.printf(Locale.ROOT, "test accuracy: %.2f%%%n", 100 * train(20, 1));
    }
}

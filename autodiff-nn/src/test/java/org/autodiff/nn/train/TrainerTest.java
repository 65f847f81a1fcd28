package org.autodiff.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.MLP;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Synthetic;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.optim.Adam;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** A "model" that ignores its input and always returns the same logits. */
    private static final class FixedLogits extends Module {
        private final Tensor logits;

        FixedLogits(double[] logits) {
            this.logits = Tensor.of(logits, 1, logits.length);
        }

        @Override
        public Tensor forward(Tensor input) {
            return logits.expand(input.size(0), logits.size(1));
        }
    }

    @Test
    void evaluationCountsEveryExampleInTheConfusionMatrix() {
        // Always predicts class 2: each true class lands in column 2.
        TensorDataset data = new TensorDataset(Tensor.zeros(DType.FLOAT64, 5, 2), new int[] {0, 1, 2, 2, 1});
        Evaluation e = Evaluation.of(new FixedLogits(new double[] {0, 1, 3}), data, 3);
        assertArrayEquals(new int[][] {{0, 0, 1}, {0, 0, 2}, {0, 0, 2}}, e.confusion());
        assertEquals(2.0 / 5, e.accuracy(), 1e-15);
        double logZ = Math.log(Math.exp(0) + Math.exp(1) + Math.exp(3));
        double expectedLoss = (1 * (logZ - 0) + 2 * (logZ - 1) + 2 * (logZ - 3)) / 5;
        assertEquals(expectedLoss, e.loss(), 1e-12);
    }

    @Test
    void fitReportsEveryBatchAndEpochAndLearns() {
        TrainTestSplit split = TrainTestSplit.stratified(Synthetic.blobs(DType.FLOAT32, 300, 3, 2, 0.5, 7), 0.2, 7);
        Module model = MLP.builder(2).hidden(16).output(3).activation(ReLU::new).generator(new Generator(7)).build();
        double before = Evaluation.of(model, split.test(), 3).accuracy();
        List<String> calls = new ArrayList<>();
        DataLoader loader = DataLoader.of(split.train(), 32).shuffle(7);
        List<EpochMetrics> history = new Trainer(model, new Adam(model.parameters(), 0.05), 3).fit(loader, split.test(), 5,
                new Trainer.Listener() {
                    @Override
                    public void batchEnd(int epoch, int batch, int batches, double loss, double accuracy) {
                        calls.add("batch");
                    }

                    @Override
                    public void epochEnd(EpochMetrics m) {
                        calls.add("epoch " + m.epoch());
                    }
                });
        assertEquals(5, history.size());
        assertEquals(5 * (loader.numBatches() + 1), calls.size());
        assertEquals("epoch 5", calls.get(calls.size() - 1));
        assertTrue(history.get(4).trainLoss() < history.get(0).trainLoss(), history.toString());
        assertTrue(history.get(4).testAccuracy() > Math.max(0.9, before), history + ", before " + before);
        assertEquals(history.get(4).testAccuracy(), Evaluation.of(model, split.test(), 3).accuracy(), 0);
    }

    @Test
    void aClassifierNeedsTwoClasses() {
        Module model = MLP.builder(2).hidden(4).output(1).build();
        assertThrows(IllegalArgumentException.class, () -> new Trainer(model, new Adam(model.parameters()), 1));
    }
}

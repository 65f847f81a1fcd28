package org.autodiff.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Linear;
import org.autodiff.nn.MLP;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Synthetic;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.Adam;
import org.autodiff.nn.optim.SGD;
import org.junit.jupiter.api.Test;

/** The Trainer with a loss of the user's choice: float targets (regression) and custom classification losses. */
class RegressionTrainerTest {
    /** y = x·[2, −1]ᵀ + 0.5 plus a little noise, 64 examples, float64. */
    private static TensorDataset line(long seed) {
        Generator g = new Generator(seed);
        Tensor x = Tensor.randn(g, DType.FLOAT64, 64, 2);
        Tensor y = x.matmul(Tensor.of(new double[] {2, -1}, 2, 1)).add(0.5).add(Tensor.randn(g, DType.FLOAT64, 64, 1).mul(0.01));
        return new TensorDataset(x, y);
    }

    @Test
    void fitWithMseOnFloatTargetsIsThePlainLoop() {
        TensorDataset train = line(1), test = line(2);
        Linear model = new Linear(2, 1, true, DType.FLOAT64, new Generator(3));
        Linear twin = new Linear(2, 1, true, DType.FLOAT64, new Generator(3));
        List<EpochMetrics> history = new Trainer(model, new SGD(model.parameters(), 0.1), Losses::mseLoss)
                .fit(DataLoader.of(train, 16), test, 3, null);

        // The same three epochs by hand: zeroGrad, mse, backward, step per batch of 16.
        SGD opt = new SGD(twin.parameters(), 0.1);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (Batch b : DataLoader.of(train, 16)) {
                opt.zeroGrad();
                Losses.mseLoss(twin.forward(b.x()), b.target()).backward();
                opt.step();
            }
        }
        assertArrayEquals(twin.weight().toDoubleArray(), model.weight().toDoubleArray(), 0);
        assertArrayEquals(twin.bias().toDoubleArray(), model.bias().toDoubleArray(), 0);
        double expectedTest = Losses.mseLoss(twin.forward(test.features()), test.targets()).item();
        EpochMetrics last = history.get(2);
        assertEquals(expectedTest, last.testLoss(), 1e-12, "the test loss is the mean over the test set");
        assertTrue(Double.isNaN(last.trainAccuracy()) && Double.isNaN(last.testAccuracy()), "no accuracy for regression");
        assertTrue(history.get(0).trainLoss() > last.trainLoss(), "the loss falls: " + history);
        assertTrue(last.testLoss() < 0.1, "the line is learnt: " + last);
    }

    @Test
    void aCustomClassificationLossStillMeasuresAccuracy() {
        TrainTestSplit split = TrainTestSplit.stratified(Synthetic.blobs(DType.FLOAT64, 200, 3, 2, 0.5, 7), 0.2, 7);
        Module model = MLP.builder(2).hidden(16).output(3).activation(ReLU::new).dtype(DType.FLOAT64)
                .generator(new Generator(7)).build();
        Trainer.Loss smoothed = (logits, labels) -> Losses.crossEntropy(logits, labels, null, -100, 0.1,
                org.autodiff.nn.loss.Reduction.MEAN);
        List<EpochMetrics> history = new Trainer(model, new Adam(model.parameters(), 0.05), smoothed, 3)
                .fit(DataLoader.of(split.train(), 32).shuffle(1), split.test(), 5, null);
        EpochMetrics last = history.get(history.size() - 1);
        assertTrue(last.trainAccuracy() > 0.9, "accuracy measured and learnt: " + last);
        assertEquals(Evaluation.of(model, split.test(), 3).accuracy(), last.testAccuracy(), 1e-15, "test accuracy as Evaluation's");
        assertTrue(last.trainLoss() > 0, "a smoothed loss stays positive: " + last);
    }

    @Test
    void mismatchesAreRefusedByName() {
        TensorDataset regression = line(1);
        Linear model = new Linear(2, 3, true, DType.FLOAT64, new Generator(3));
        Trainer classifier = new Trainer(model, new SGD(model.parameters(), 0.1), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier.fit(DataLoader.of(regression, 16), regression, 1, null));
        assertTrue(e.getMessage().contains("needs batches of class labels"), e.getMessage());
        Trainer notScalar = new Trainer(model, new SGD(model.parameters(), 0.1), (out, t) -> out);
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> notScalar.fit(DataLoader.of(regression, 16), regression, 1, null));
        assertTrue(s.getMessage().contains("must return a scalar"), s.getMessage());
    }

    @Test
    void aDataSetOfTargetsBatchesSubsetsAndConvertsItsTargets() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor y = Tensor.of(new double[] {10, 20, 30}, 3, 1);
        TensorDataset data = new TensorDataset(x, y);
        Batch b = data.batch(new int[] {2, 0});
        assertArrayEquals(new double[] {5, 6, 1, 2}, b.x().toDoubleArray());
        assertArrayEquals(new double[] {30, 10}, b.target().toDoubleArray());
        assertEquals(2, b.size());
        assertTrue(!b.hasLabels() && !data.hasLabels());
        assertArrayEquals(new double[] {20}, data.get(1).target().toDoubleArray());
        assertArrayEquals(new double[] {20, 30}, data.subset(new int[] {1, 2}).targets().toDoubleArray());
        assertEquals(DType.FLOAT32, data.to(DType.FLOAT32).targets().dtype());
        assertArrayEquals(new double[] {30, 10}, data.subset(new int[] {0, 1, 2}).batch(new int[] {2, 0}).targets().toDoubleArray());
        assertThrows(IllegalStateException.class, data::labels);
        assertThrows(IllegalStateException.class, data::numClasses);
        assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, Tensor.zeros(DType.FLOAT64, 2, 1)));
        assertThrows(IllegalArgumentException.class, () -> new TensorDataset(x, Tensor.of(new long[] {1, 2, 3}, 3)));
        Batch labelled = new TensorDataset(x, new int[] {2, 0, 1}).batch(new int[] {0, 2});
        assertEquals(DType.INT64, labelled.targets().dtype());
        assertArrayEquals(new long[] {2, 1}, labelled.targets().toLongArray());
    }
}

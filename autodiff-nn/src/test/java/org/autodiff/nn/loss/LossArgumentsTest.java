package org.autodiff.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** Edge cases and bad arguments of the losses (their values are in LossGoldenTest). */
class LossArgumentsTest {
    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should mention " + part);
        }
    }

    private static Tensor t(double... v) {
        return Tensor.of(v, v.length);
    }

    private static Tensor ids(long... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void classIndexTargetsMustFitTheInput() {
        Tensor logits = Tensor.zeros(DType.FLOAT64, 2, 3, 4);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits, Tensor.zeros(2, 3))),
                "crossEntropy", "[2, 3]", "[2, 3, 4]", "[2, 4]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Losses.nllLoss(logits, Tensor.full(DType.INT64, 3, 2, 4))), "nllLoss", "target 3", "[0, 3)");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Losses.nllLoss(logits, Tensor.full(DType.FLOAT64, 1, 2, 4))), "nllLoss", "must be int64", "float64",
                "[2, 4]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(logits, Tensor.full(DType.BOOL, 1, 2, 4))), "crossEntropy", "must be int64", "bool");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(2, 3),
                Tensor.zeros(DType.INT64, 2, 3))), "crossEntropy", "probabilities", "floating point", "int64");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(logits,
                Tensor.zeros(DType.INT64, 2, 4), t(1, 1), -100, 0, Reduction.MEAN)), "crossEntropy", "class weight", "[2]", "[3]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(2, 3),
                Tensor.zeros(2, 3), null, 1, 0, Reduction.MEAN)), "crossEntropy", "ignoreIndex 1", "probability");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.scalar(1.0), ids(0))),
                "crossEntropy", "0-d");
    }

    @Test
    void batchMeanIsOnlyForKlDiv() {
        Tensor a = Tensor.zeros(DType.FLOAT64, 2, 3);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.mseLoss(a, a, Reduction.BATCH_MEAN)),
                "BATCH_MEAN", "klDiv");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(a, ids(0, 1), null, -100, 0, Reduction.BATCH_MEAN)), "crossEntropy", "klDiv");
        assertEquals(Shape.of(), Losses.klDiv(a, a.add(0.5), Reduction.BATCH_MEAN, false).shape());
    }

    @Test
    void ignoredPositionsCostNothingAndAllIgnoredGivesNaNAsPyTorch() {
        Tensor logits = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor loss = Losses.crossEntropy(logits, ids(-100, 2), null, -100, 0.2, Reduction.NONE);
        assertEquals(0, loss.get(0));
        assertTrue(loss.get(1) > 0);
        assertEquals(loss.get(1), Losses.crossEntropy(logits, ids(-100, 2), null, -100, 0.2, Reduction.MEAN).item(), 1e-15);
        assertTrue(Double.isNaN(Losses.nllLoss(logits, ids(-100, -100)).item()));
    }

    @Test
    void anInfiniteLogitAtAnotherClassLeavesTheLossFinite() {
        Tensor logits = Tensor.of(new double[] {0, 1, Double.NEGATIVE_INFINITY}, 1, 3).requiresGrad(true);
        Tensor loss = Losses.crossEntropy(logits, ids(1));
        assertTrue(Double.isFinite(loss.item()), "loss " + loss.item());
        loss.backward();
        for (double g : logits.grad().toDoubleArray()) {
            assertTrue(Double.isFinite(g), "gradient " + g);
        }
    }

    @Test
    void binaryCrossEntropyClampsTheLogAndChecksItsInput() {
        Tensor x = t(0, 1, 0, 1).requiresGrad(true);
        Tensor y = t(0, 1, 1, 0);
        Tensor loss = Losses.binaryCrossEntropy(x, y, null, Reduction.NONE);
        assertArrayEquals(new double[] {0, 0, 100, 100}, loss.toDoubleArray(), 0.0);
        loss.sum().backward();
        for (double g : x.grad().toDoubleArray()) {
            assertTrue(Double.isFinite(g), "gradient " + g);
        }
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(t(0.5, 1.5), t(0, 1))),
                "binaryCrossEntropy", "1.5", "position 1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(t(0.5, Double.NaN),
                t(0, 1))), "binaryCrossEntropy", "NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.binaryCrossEntropy(t(0.5, 0.5), t(0, 1),
                t(1, 1, 1), Reduction.MEAN)), "binaryCrossEntropy", "weight of shape [3]", "[2]");
    }

    @Test
    void smoothL1WithBetaZeroIsL1AndBadParametersAreRefused() {
        Tensor a = t(0.3, -2, 5);
        Tensor b = t(0, 0, 1);
        assertArrayEquals(Losses.l1Loss(a, b, Reduction.NONE).toDoubleArray(),
                Losses.smoothL1Loss(a, b, 0, Reduction.NONE).toDoubleArray());
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.smoothL1Loss(a, b, -1, Reduction.MEAN)),
                "smoothL1Loss", "beta");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.l1Loss(a, t(1, 2))), "l1Loss", "[3]", "[2]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> Losses.klDiv(a, t(1, 2))), "klDiv", "[3]", "[2]");
    }
}

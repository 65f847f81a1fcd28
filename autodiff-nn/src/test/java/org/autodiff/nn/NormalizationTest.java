package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** Defaults, names and bad input of the normalisation layers (their values are in LayerGoldenTest). */
class NormalizationTest {
    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should mention " + part);
        }
    }

    @Test
    void layerNormStartsAsPyTorchWithWeightOnesAndBiasZeros() {
        LayerNorm ln = new LayerNorm(2, 3);
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.stateDict().keySet()));
        assertEquals(Shape.of(2, 3), ln.weight().shape());
        assertEquals(DType.FLOAT32, ln.weight().dtype());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, ln.weight().toDoubleArray());
        assertArrayEquals(new double[6], ln.bias().toDoubleArray());
        assertTrue(new LayerNorm(new int[] {4}, 1e-5, false, true, DType.FLOAT64).parameters().isEmpty());
        LayerNorm noBias = new LayerNorm(new int[] {4}, 1e-5, true, false, DType.FLOAT64);
        assertNull(noBias.bias());
        assertEquals(List.of("weight"), List.copyOf(noBias.stateDict().keySet()));
        assertEquals("LayerNorm((2, 3), eps=1.0E-5, elementwiseAffine=true)", ln.toString());
    }

    @Test
    void layerNormOutputHasZeroMeanAndUnitVarianceOverTheNormalizedDims() {
        LayerNorm ln = new LayerNorm(new int[] {8}, 0, false, false, DType.FLOAT64);
        Tensor y = ln.forward(Tensor.randn(new org.autodiff.core.Generator(3), DType.FLOAT64, 5, 8).mul(4).add(7));
        double[] mean = y.mean(1, false).toDoubleArray();
        double[] var = y.var(new int[] {1}, 0, false).toDoubleArray();
        for (int i = 0; i < 5; i++) {
            assertEquals(0, mean[i], 1e-12);
            assertEquals(1, var[i], 1e-12);
        }
    }

    @Test
    void layerNormRejectsBadArgumentsAndInputNamingTheShapes() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new LayerNorm()), "LayerNorm", "normalizedShape");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new LayerNorm(3, 0)), "LayerNorm", "[3, 0]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new LayerNorm(new int[] {3}, -1, true, true, DType.FLOAT64)), "LayerNorm", "eps=-1.0");
        LayerNorm ln = new LayerNorm(3, 4);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> ln.forward(Tensor.zeros(2, 4, 3))),
                "LayerNorm", "[2, 4, 3]", "[3, 4]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> ln.forward(Tensor.zeros(4))), "LayerNorm", "[4]");
    }

    @Test
    void rmsNormDefaultEpsIsTheMachineEpsilonOfTheInputDtype() {
        RMSNorm rms = new RMSNorm(2);
        // Mean square 1e-8 is below float32's eps 2^-23 ≈ 1.19e-7, so the default eps shows in the output.
        Tensor x = Tensor.of(new float[] {1e-4f, -1e-4f}, 1, 2);
        double expected = 1e-4 / Math.sqrt(1e-8 + Math.ulp(1.0f));
        assertEquals(expected, rms.forward(x).get(0, 0), 1e-6 * expected);
        Tensor x64 = Tensor.of(new double[] {1e-4, -1e-4}, 1, 2);
        RMSNorm rms64 = new RMSNorm(new int[] {2}, null, false, DType.FLOAT64);
        assertEquals(1e-4 / Math.sqrt(1e-8 + Math.ulp(1.0)), rms64.forward(x64).get(0, 0), 1e-15);
        assertEquals(List.of("weight"), List.copyOf(rms.stateDict().keySet()));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> rms.forward(Tensor.zeros(2, 3))), "RMSNorm",
                "[2, 3]", "[2]");
    }

    @Test
    void groupNormChecksGroupsAndChannels() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4)), "GroupNorm",
                "numGroups=3", "numChannels=4");
        GroupNorm gn = new GroupNorm(2, 4);
        assertEquals(List.of("weight", "bias"), List.copyOf(gn.stateDict().keySet()));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> gn.forward(Tensor.zeros(2, 3, 5))), "GroupNorm",
                "[2, 3, 5]", "[N, 4, *]");
    }

    @Test
    void batchNormHasPyTorchsStateDictAndStartingValues() {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.stateDict().keySet()));
        assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
        assertArrayEquals(new double[] {0, 0, 0}, bn.runningMean().toDoubleArray());
        assertArrayEquals(new double[] {1, 1, 1}, bn.runningVar().toDoubleArray());
        assertEquals(0, bn.numBatchesTracked().item());
        assertEquals(Shape.of(), bn.numBatchesTracked().shape());
        BatchNorm1d noStats = new BatchNorm1d(3, 1e-5, 0.1, false, false, DType.FLOAT64);
        assertTrue(noStats.stateDict().isEmpty());
        assertNull(noStats.runningMean());
        assertEquals("BatchNorm2d(3, eps=1.0E-5, momentum=0.1, affine=true, trackRunningStats=true)", bn.toString());
    }

    @Test
    void batchNormWithoutMomentumKeepsTheCumulativeAverageOfBatchStatistics() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, null, true, true, DType.FLOAT64);
        org.autodiff.core.Generator g = new org.autodiff.core.Generator(11);
        double[] meanSum = new double[2];
        double[] varSum = new double[2];
        int batches = 5;
        for (int b = 0; b < batches; b++) {
            Tensor x = Tensor.randn(g, DType.FLOAT64, 6, 2).mul(b + 1).add(b);
            bn.forward(x);
            double[] mean = x.mean(0, false).toDoubleArray();
            double[] var = x.var(new int[] {0}, 1, false).toDoubleArray();
            for (int c = 0; c < 2; c++) {
                meanSum[c] += mean[c];
                varSum[c] += var[c];
            }
        }
        assertEquals(batches, bn.numBatchesTracked().item());
        for (int c = 0; c < 2; c++) {
            assertEquals(meanSum[c] / batches, bn.runningMean().get(c), 1e-12);
            assertEquals(varSum[c] / batches, bn.runningVar().get(c), 1e-12);
        }
        // Evaluation mode neither uses the batch's statistics nor updates the running ones.
        bn.eval();
        double[] before = bn.runningMean().toDoubleArray();
        Tensor y = bn.forward(Tensor.zeros(DType.FLOAT64, 1, 2));
        assertArrayEquals(before, bn.runningMean().toDoubleArray());
        assertEquals(-before[0] / Math.sqrt(bn.runningVar().get(0) + 1e-5), y.get(0, 0), 1e-12);
    }

    @Test
    void batchNormRejectsBadInputNamingTheLayerAndShapes() {
        BatchNorm1d bn1 = new BatchNorm1d(3);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> bn1.forward(Tensor.zeros(2, 4))), "BatchNorm1d",
                "[2, 4]", "[N, 3]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> bn1.forward(Tensor.zeros(2, 3, 4, 5))),
                "BatchNorm1d", "[2, 3, 4, 5]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> bn1.forward(Tensor.zeros(1, 3))), "BatchNorm1d",
                "more than 1 value per channel", "[1, 3]");
        bn1.eval();
        assertEquals(Shape.of(1, 3), bn1.forward(Tensor.zeros(1, 3)).shape(), "one sample is fine in evaluation mode");
        BatchNorm2d bn2 = new BatchNorm2d(3);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> bn2.forward(Tensor.zeros(2, 3, 4))), "BatchNorm2d",
                "[2, 3, 4]", "[N, 3, H, W]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new BatchNorm2d(3, 1e-5, 1.5, true, true, DType.FLOAT32)), "BatchNorm2d", "momentum=1.5");
    }
}

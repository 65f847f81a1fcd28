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
}

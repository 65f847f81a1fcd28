package org.autodiff.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** Values of the elementwise functions that java.lang.Math does not provide, against reference values. */
class ElementwiseValuesTest {
    /** (x, erf(x)) from the C library's erf, across all three of Cody's ranges (|x| ≤ 0.5, ≤ 4, above). */
    private static final double[][] ERF = {
            {-3.5, -0.9999992569016276}, {-2, -0.9953222650189527}, {-0.71, -0.6846655502174442},
            {0.2, 0.22270258921047847}, {0.5, 0.5204998778130465}, {0.51, 0.5292436198411704},
            {0.71, 0.6846655502174442}, {1, 0.8427007929497149}, {2, 0.9953222650189527},
            {3.9, 0.9999999652077514}, {4.1, 0.9999999932999724}, {6, 1.0}};

    @Test
    void erfMatchesReferenceValuesInEveryRange() {
        for (double[] row : ERF) {
            assertEquals(row[1], Tensor.scalar(row[0]).erf().item(), 1e-15, "erf(" + row[0] + ")");
        }
    }

    @Test
    void geluIsXTimesTheGaussianCdf() {
        // gelu(1) = Φ(1) = ½(1 + erf(1/√2)); reference from torch.nn.functional.gelu in float64.
        assertEquals(0.8413447460685429, Tensor.scalar(1.0).gelu().item(), 1e-15);
        assertEquals(-0.15865525393145707, Tensor.scalar(-1.0).gelu().item(), 1e-15);
    }
}

package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The factories give the values and dtypes PyTorch's do. */
class TensorFactoriesTest {
    @Test
    void linspaceWithOneStepIsTheStart() {
        assertArrayEquals(new double[] {0.0}, Tensor.linspace(DType.FLOAT64, 0, 1, 1).toDoubleArray());
        assertArrayEquals(new double[] {-3.0}, Tensor.linspace(DType.FLOAT64, -3, 7, 1).toDoubleArray());
        assertEquals(DType.FLOAT32, Tensor.linspace(2, 5, 1).dtype());
    }

    @Test
    void linspaceHitsBothEndpointsExactly() {
        assertArrayEquals(new double[0], Tensor.linspace(DType.FLOAT64, 0, 1, 0).toDoubleArray());
        assertArrayEquals(new double[] {0, 1}, Tensor.linspace(DType.FLOAT64, 0, 1, 2).toDoubleArray());
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Tensor.linspace(DType.FLOAT64, 0, 1, 5).toDoubleArray());
        double[] v = Tensor.linspace(DType.FLOAT64, 0.1, 0.7, 7).toDoubleArray();
        assertEquals(0.1, v[0], 0);
        assertEquals(0.7, v[6], 0);
    }
}

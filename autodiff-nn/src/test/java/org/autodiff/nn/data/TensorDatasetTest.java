package org.autodiff.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class TensorDatasetTest {
    /** Row i holds 10i, 10i+1, 10i+2; label i % 3. */
    static TensorDataset rows(int n) {
        double[] x = new double[3 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[3 * i + j] = 10 * i + j;
            }
            y[i] = i % 3;
        }
        return new TensorDataset(Tensor.of(x, n, 3), y);
    }

    @Test
    void getReturnsOneRowAndItsLabel() {
        Example e = rows(5).get(4);
        assertEquals(Shape.of(3), e.features().shape());
        assertArrayEquals(new double[] {40, 41, 42}, e.features().toDoubleArray());
        assertEquals(1, e.label());
    }

    @Test
    void batchStacksTheRequestedRowsInOrder() {
        Batch b = rows(5).batch(new int[] {3, 0, 3});
        assertEquals(Shape.of(3, 3), b.x().shape());
        assertArrayEquals(new double[] {30, 31, 32, 0, 1, 2, 30, 31, 32}, b.x().toDoubleArray());
        assertArrayEquals(new int[] {0, 0, 0}, b.y());
        assertArrayEquals(new double[] {0, 0, 0}, b.labels().toDoubleArray());
    }

    @Test
    void defaultBatchOfTheInterfaceAgreesWithTheDirectCopy() {
        TensorDataset d = rows(6);
        Dataset viaGet = new Dataset() {
            public int size() {
                return d.size();
            }

            public Example get(int i) {
                return d.get(i);
            }
        };
        int[] idx = {5, 1, 2};
        assertArrayEquals(d.batch(idx).x().toDoubleArray(), viaGet.batch(idx).x().toDoubleArray());
        assertArrayEquals(d.batch(idx).y(), viaGet.batch(idx).y());
    }

    @Test
    void imagesKeepTheirShapeInBatches() {
        TensorDataset images = new TensorDataset(Tensor.zeros(DType.FLOAT32, 4, 1, 2, 2), new int[4]).reshapeExamples(4);
        assertEquals(Shape.of(4, 4), images.features().shape());
        TensorDataset back = images.reshapeExamples(1, 2, 2);
        assertEquals(Shape.of(2, 1, 2, 2), back.batch(new int[] {0, 1}).x().shape());
        assertEquals(DType.FLOAT32, back.batch(new int[] {0}).x().dtype());
    }

    @Test
    void conversionsKeepLabelsAndChangeFeatures() {
        TensorDataset d = rows(4);
        assertEquals(DType.FLOAT32, d.to(DType.FLOAT32).dtype());
        assertArrayEquals(new double[] {10, 10.5, 11}, d.scale(0.5).get(2).features().toDoubleArray());
        assertArrayEquals(d.labels(), d.scale(2).labels());
        TensorDataset sub = d.subset(new int[] {3, 1});
        assertArrayEquals(new int[] {0, 1}, sub.labels());
        assertEquals(3, d.numClasses());
    }

    @Test
    void badInputIsRejectedWithSpecificMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TensorDataset(Tensor.zeros(3, 2), new int[2]));
        assertTrue(e.getMessage().contains("[3, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(2, 2), new int[] {0, -1}));
        assertThrows(IndexOutOfBoundsException.class, () -> rows(3).get(3));
        assertThrows(IndexOutOfBoundsException.class, () -> rows(3).batch(new int[] {0, -1}));
        assertThrows(IllegalArgumentException.class, () -> rows(3).reshapeExamples(2, 2));
    }

    @Test
    void standardizerGivesZeroMeanUnitStdOnTrainingDataAndReusesItsStatistics() {
        TensorDataset iris = Iris.load(DType.FLOAT64);
        Standardizer s = Standardizer.fit(iris);
        TensorDataset z = s.apply(iris);
        Tensor mean = z.features().mean(0, false);
        Tensor std = z.features().var(new int[] {0}, 0, false).sqrt();
        for (int f = 0; f < 4; f++) {
            assertEquals(0.0, mean.get(f), 1e-12);
            assertEquals(1.0, std.get(f), 1e-12);
        }
        // Other data is scaled with the fitted statistics, not its own.
        TensorDataset one = iris.subset(new int[] {0});
        assertEquals((iris.features().get(0, 0) - s.mean().get(0)) / s.std().get(0),
                s.apply(one).features().get(0, 0), 1e-12);
    }

    @Test
    void standardizerLeavesConstantFeaturesFinite() {
        TensorDataset digits = Digits.load();   // pixel 0 is always 0
        TensorDataset z = Standardizer.fit(digits).apply(digits);
        assertEquals(DType.FLOAT32, z.dtype());
        assertEquals(0.0, z.features().abs().slice(1, 0, 1, 1).max().item());
        for (float v : z.features().toFloatArray()) {
            assertTrue(Float.isFinite(v));
        }
    }
}

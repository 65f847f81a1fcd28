package org.autodiff.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class SyntheticTest {
    @Test
    void moonsWithoutNoiseLieOnTheirHalfCircles() {
        TensorDataset m = Synthetic.moons(DType.FLOAT64, 101, 0, 5);
        assertEquals(Shape.of(101, 2), m.features().shape());
        int[] counts = new int[2];
        for (int i = 0; i < m.size(); i++) {
            double x = m.features().get(i, 0);
            double y = m.features().get(i, 1);
            int label = m.get(i).label();
            counts[label]++;
            if (label == 0) {
                assertEquals(1.0, Math.hypot(x, y), 1e-12);
                assertTrue(y >= -1e-12);
            } else {
                assertEquals(1.0, Math.hypot(x - 1, y - 0.5), 1e-12);
                assertTrue(y <= 0.5 + 1e-12);
            }
        }
        assertArrayEquals(new int[] {50, 51}, counts);
    }

    @Test
    void moonsNoiseHasTheRequestedSpread() {
        TensorDataset clean = Synthetic.moons(DType.FLOAT64, 4000, 0, 8);
        TensorDataset noisy = Synthetic.moons(DType.FLOAT64, 4000, 0.1, 8);
        // Same seed: same shuffle, so the difference is exactly the noise.
        assertArrayEquals(clean.labels(), noisy.labels());
        Tensor diff = noisy.features().sub(clean.features());
        assertEquals(0.1, Math.sqrt(diff.var().item()), 0.005);
    }

    @Test
    void everyGeneratorIsDeterministicBySeed() {
        assertArrayEquals(Synthetic.moons(64, 0.2, 1).features().toFloatArray(),
                Synthetic.moons(64, 0.2, 1).features().toFloatArray());
        assertArrayEquals(Synthetic.spirals(20, 3, 0.2, 1).features().toFloatArray(),
                Synthetic.spirals(20, 3, 0.2, 1).features().toFloatArray());
        assertArrayEquals(Synthetic.blobs(30, 3, 4, 1.0, 1).features().toFloatArray(),
                Synthetic.blobs(30, 3, 4, 1.0, 1).features().toFloatArray());
        assertFalse(java.util.Arrays.equals(Synthetic.moons(64, 0.2, 1).features().toFloatArray(),
                Synthetic.moons(64, 0.2, 2).features().toFloatArray()));
    }

    @Test
    void spiralsHaveKClassesWithRadiusUpTo1() {
        TensorDataset s = Synthetic.spirals(DType.FLOAT64, 100, 4, 0.2, 3);
        assertEquals(Shape.of(400, 2), s.features().shape());
        assertEquals(4, s.numClasses());
        int[] counts = new int[4];
        for (int label : s.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {100, 100, 100, 100}, counts);
        // Noise only moves the angle: every point keeps its radius i / 99.
        Tensor r = s.features().square().sum(1, false).sqrt();
        assertEquals(1.0, r.max().item(), 1e-12);
        assertEquals(0.0, r.min().item(), 1e-12);
    }

    @Test
    void blobsClusterAroundTheirCentres() {
        double[][] centres = {{-5, 0}, {5, 5}, {0, -8}};
        TensorDataset b = Synthetic.blobs(DType.FLOAT64, 3001, centres, 0.5, 4);
        assertEquals(3001, b.size());
        double[][] sums = new double[3][2];
        int[] counts = new int[3];
        for (int i = 0; i < b.size(); i++) {
            int k = b.get(i).label();
            counts[k]++;
            sums[k][0] += b.features().get(i, 0);
            sums[k][1] += b.features().get(i, 1);
        }
        assertArrayEquals(new int[] {1001, 1000, 1000}, counts);
        for (int k = 0; k < 3; k++) {
            assertEquals(centres[k][0], sums[k][0] / counts[k], 0.05);
            assertEquals(centres[k][1], sums[k][1] / counts[k], 0.05);
        }
        TensorDataset random = Synthetic.blobs(90, 3, 5, 1.0, 2);
        assertEquals(Shape.of(90, 5), random.features().shape());
        assertEquals(DType.FLOAT32, random.dtype());
        assertEquals(3, random.numClasses());
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(0, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(10, -0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> Synthetic.spirals(10, 0, 0.1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> Synthetic.blobs(DType.FLOAT64, 10, new double[][] {{0, 0}, {1}}, 1, 1));
    }
}

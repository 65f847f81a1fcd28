package org.autodiff.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class BuiltinDatasetsTest {
    @Test
    void digitsHave1797ImagesOf64PixelsFrom0To16() {
        TensorDataset d = Digits.load();
        assertEquals(1797, d.size());
        assertEquals(Shape.of(1797, 64), d.features().shape());
        assertEquals(DType.FLOAT32, d.dtype());
        assertEquals(0.0, d.features().min().item());
        assertEquals(16.0, d.features().max().item());
        for (double v : d.features().toDoubleArray()) {
            assertEquals(Math.rint(v), v, "pixels are integers");
        }
    }

    @Test
    void digitsClassCountsMatchScikitLearn() {
        // sklearn: np.bincount(load_digits().target)
        int[] expected = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
        int[] counts = new int[10];
        for (int label : Digits.load().labels()) {
            counts[label]++;
        }
        assertArrayEquals(expected, counts);
        assertEquals(10, Digits.load().numClasses());
    }

    @Test
    void firstDigitIsTheWellKnownZero() {
        Example e = Digits.load().get(0);
        assertEquals(0, e.label());
        // Row 0 of load_digits().images[0]: [0, 0, 5, 13, 9, 1, 0, 0]
        assertArrayEquals(new double[] {0, 0, 5, 13, 9, 1, 0, 0},
                java.util.Arrays.copyOf(e.features().toDoubleArray(), 8));
    }

    @Test
    void digitsScaledLieInUnitIntervalAndImagesAreOneChannel8x8() {
        TensorDataset scaled = Digits.load(DType.FLOAT64, true);
        assertEquals(DType.FLOAT64, scaled.dtype());
        assertEquals(1.0, scaled.features().max().item());
        assertEquals(13.0 / 16, scaled.features().get(0, 3));

        TensorDataset images = Digits.images(DType.FLOAT32, true);
        assertEquals(Shape.of(1797, 1, 8, 8), images.features().shape());
        assertEquals(13.0 / 16, images.features().get(0, 0, 0, 3));
        // Row 1, column 0 of the image is pixel 8 of the flat row.
        assertEquals(scaled.features().get(5, 8), images.features().get(5, 0, 1, 0), 1e-7);
        assertEquals(Shape.of(1, 8, 8), images.get(3).features().shape());
    }

    @Test
    void irisHas150FlowersIn3ClassesOf50() {
        TensorDataset iris = Iris.load();
        assertEquals(Shape.of(150, 4), iris.features().shape());
        int[] counts = new int[3];
        for (int label : iris.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {50, 50, 50}, counts);
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f}, iris.get(0).features().toFloatArray());
        assertEquals(0, iris.get(0).label());
        assertEquals(2, iris.get(149).label());
        // Petal length spans 1.0 .. 6.9 cm (iris.rst summary statistics).
        Tensor petal = Iris.load(DType.FLOAT64).features().slice(1, 2, 3, 1);
        assertEquals(1.0, petal.min().item());
        assertEquals(6.9, petal.max().item());
        assertTrue(Iris.CLASS_NAMES.get(1).equals("versicolor"));
    }
}

package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class LayersTest {
    @Test
    void linearInitIsUniformWithinOneOverSqrtFanIn() {
        Linear layer = new Linear(64, 100, true, DType.FLOAT64, new Generator(3));
        double bound = 1 / Math.sqrt(64);
        double[] w = layer.weight().toDoubleArray();
        double max = 0;
        double sumSq = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
            sumSq += v * v;
        }
        assertTrue(max <= bound, "max " + max);
        assertTrue(max > 0.99 * bound, "6400 draws should come near the bound, max " + max);
        // U(−b, b) has variance b²/3; 6400 draws estimate it to about ±2%.
        assertClose(bound * bound / 3, sumSq / w.length, 0.06, 0, "weight variance");
        for (double v : layer.bias().toDoubleArray()) {
            assertTrue(Math.abs(v) <= bound);
        }
        assertEquals(Shape.of(100, 64), layer.weight().shape());
        assertEquals(Shape.of(100), layer.bias().shape());
    }

    @Test
    void initIsReproducibleFromTheSeedAndDefaultsToFloat32() {
        Linear a = new Linear(5, 3, true, DType.FLOAT64, new Generator(7));
        Linear b = new Linear(5, 3, true, DType.FLOAT64, new Generator(7));
        assertArrayEquals(a.weight().toDoubleArray(), b.weight().toDoubleArray());
        assertArrayEquals(a.bias().toDoubleArray(), b.bias().toDoubleArray());
        assertEquals(DType.FLOAT32, new Linear(5, 3).weight().dtype());
        assertEquals(DType.FLOAT32, new Conv2d(1, 2, 3).weight().dtype());
    }

    @Test
    void linearComputesXWTransposedPlusB() {
        Linear layer = new Linear(3, 2, true, DType.FLOAT64, new Generator(1));
        Tensor x = Tensor.of(new double[] {1, 2, 3, -1, 0, 2}, 2, 3);
        Tensor y = layer.forward(x);
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 2; o++) {
                double expected = layer.bias().get(o);
                for (int i = 0; i < 3; i++) {
                    expected += x.get(n, i) * layer.weight().get(o, i);
                }
                assertClose(expected, y.get(n, o), 1e-14, 1e-15, "y[" + n + "," + o + "]");
            }
        }
        assertNull(new Linear(3, 2, false, DType.FLOAT64, new Generator(1)).bias());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(DType.FLOAT64, 2, 4)));
        assertTrue(e.getMessage().contains("[2, 4]"), e.getMessage());
    }

    @Test
    void conv2dInitBoundUsesChannelsTimesKernelArea() {
        Conv2d conv = new Conv2d(4, 6, 3, 1, 1, 1, 2, true, DType.FLOAT64, new Generator(5));
        assertEquals(Shape.of(6, 2, 3, 3), conv.weight().shape());
        double bound = 1 / Math.sqrt(2 * 9);
        double max = 0;
        for (double v : conv.weight().toDoubleArray()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.8 * bound, "max " + max + " bound " + bound);
        assertEquals(Shape.of(2, 6, 5, 5), conv.forward(Tensor.zeros(DType.FLOAT64, 2, 4, 5, 5)).shape());
        assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(DType.FLOAT64, 2, 3, 5, 5)));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 6, 3, 1, 0, 1, 2, true, DType.FLOAT64,
                new Generator(1)));
    }

    @Test
    void flattenKeepsTheBatchDim() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 2, 3, 4, 5);
        assertEquals(Shape.of(2, 60), new Flatten().forward(x).shape());
        assertEquals(Shape.of(2, 12, 5), new Flatten(1, 2).forward(x).shape());
        assertEquals(Shape.of(120), new Flatten(0, -1).forward(x).shape());
    }

    @Test
    void dropoutZeroesAboutPAndRescalesTheRestInTrainingOnly() {
        Dropout dropout = new Dropout(0.25, new Generator(11));
        Tensor x = Tensor.ones(DType.FLOAT64, 4000);
        double[] y = dropout.forward(x).toDoubleArray();
        int zeros = 0;
        for (double v : y) {
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / 0.75, v, 1e-15);
            }
        }
        // Binomial(4000, 0.25): mean 1000, sd about 27.
        assertTrue(Math.abs(zeros - 1000) < 120, "zeros " + zeros);
        dropout.eval();
        assertSame(x, dropout.forward(x));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    }

    @Test
    void activationsMatchTheirTensorOps() {
        Tensor x = Tensor.of(new double[] {-2, -0.5, 0, 0.5, 2}, 5);
        assertArrayEquals(x.relu().toDoubleArray(), new ReLU().forward(x).toDoubleArray());
        assertArrayEquals(x.tanh().toDoubleArray(), new Tanh().forward(x).toDoubleArray());
        assertArrayEquals(x.sigmoid().toDoubleArray(), new Sigmoid().forward(x).toDoubleArray());
        assertArrayEquals(x.gelu().toDoubleArray(), new GELU().forward(x).toDoubleArray());
        assertArrayEquals(new double[] {-0.2, -0.05, 0, 0.5, 2}, new LeakyReLU(0.1).forward(x).toDoubleArray(), 1e-15);
        assertClose(1.0, new Softmax(0).forward(x).sum().item(), 1e-15, 1e-15, "softmax sum");
        assertArrayEquals(new Softmax(0).forward(x).log().toDoubleArray(), new LogSoftmax(0).forward(x).toDoubleArray(),
                1e-14);
    }

    @Test
    void mlpBuilderAlternatesLinearAndActivation() {
        Sequential net = MLP.builder(2).hidden(8, 6).output(3).activation(Tanh::new).dtype(DType.FLOAT64)
                .generator(new Generator(1)).build();
        assertEquals(5, net.size());
        assertTrue(net.get(0) instanceof Linear && net.get(1) instanceof Tanh && net.get(4) instanceof Linear);
        assertEquals(Shape.of(3, 6), ((Linear) net.get(4)).weight().shape());
        assertEquals(Shape.of(7, 3), net.forward(Tensor.zeros(DType.FLOAT64, 7, 2)).shape());
        assertThrows(IllegalStateException.class, () -> MLP.builder(2).hidden(4).build());
    }
}

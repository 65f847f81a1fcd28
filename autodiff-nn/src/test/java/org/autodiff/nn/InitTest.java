package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Scalars;
import org.autodiff.nn.Init.FanMode;
import org.autodiff.nn.Init.Nonlinearity;
import org.junit.jupiter.api.Test;

/**
 * The initialisers against the distributions torch.nn.init defines (PyTorch's random streams
 * differ, so these are checked by their bounds and moments over many draws, and orthogonality
 * exactly).
 */
class InitTest {
    private static Tensor empty(int... shape) {
        return Tensor.empty(DType.FLOAT64, Shape.of(shape));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    @Test
    void gainsAndFansAreTorchs() {
        assertEquals(1, Init.calculateGain(Nonlinearity.LINEAR));
        assertEquals(1, Init.calculateGain(Nonlinearity.SIGMOID));
        assertEquals(5.0 / 3, Init.calculateGain(Nonlinearity.TANH));
        assertEquals(Math.sqrt(2), Init.calculateGain(Nonlinearity.RELU));
        assertEquals(Math.sqrt(2 / (1 + 1e-4)), Init.calculateGain(Nonlinearity.LEAKY_RELU));
        assertEquals(Math.sqrt(2 / 1.25), Init.calculateGain(Nonlinearity.LEAKY_RELU, 0.5));
        assertEquals(0.75, Init.calculateGain(Nonlinearity.SELU));
        Tensor conv = empty(4, 3, 2, 5);
        assertEquals(30, Init.fanIn(conv));
        assertEquals(40, Init.fanOut(conv));
        assertEquals(3, Init.fanIn(empty(7, 3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform(empty(5)));
        assertTrue(e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void xavierAndKaimingHaveTheirBoundsAndSpreads() {
        Generator g = new Generator(1);
        // 200 × 100 = 20 000 draws estimate a standard deviation to about ±1 %.
        double xu = Math.sqrt(6.0 / 300);
        double[] v = Init.xavierUniform(empty(200, 100), 1, g).toDoubleArray();
        assertTrue(maxAbs(v) <= xu && maxAbs(v) > 0.99 * xu, "xavier uniform max " + maxAbs(v));
        assertClose(xu / Math.sqrt(3), std(v), 0.03, 0, "xavier uniform std");
        assertClose(2 * Math.sqrt(2.0 / 300), std(Init.xavierNormal(empty(200, 100), 2, g).toDoubleArray()), 0.03, 0,
                "xavier normal std with gain 2");
        double ku = Math.sqrt(6.0 / 100);
        v = Init.kaimingUniform(empty(200, 100), 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, g).toDoubleArray();
        assertTrue(maxAbs(v) <= ku && maxAbs(v) > 0.99 * ku, "kaiming uniform max " + maxAbs(v));
        assertClose(Math.sqrt(2.0 / 100), std(Init.kaimingNormal(empty(200, 100), 0, FanMode.FAN_IN, Nonlinearity.RELU, g)
                .toDoubleArray()), 0.03, 0, "kaiming normal std, fan in");
        assertClose(5.0 / 3 / Math.sqrt(100), std(Init.kaimingNormal(empty(50, 100, 2), 0,
                FanMode.FAN_OUT, Nonlinearity.TANH, g).toDoubleArray()), 0.03, 0, "kaiming normal std, fan out 100, tanh");
        double[] n = Init.normal(empty(100, 100), 3, 0.5, g).toDoubleArray();
        assertClose(3, mean(n), 0.01, 0, "normal mean");
        assertClose(0.5, std(n), 0.03, 0, "normal std");
        double[] u = Init.uniform(empty(100, 100), -1, 3, g).toDoubleArray();
        assertTrue(java.util.Arrays.stream(u).allMatch(x -> x >= -1 && x < 3));
        assertClose(1, mean(u), 0.03, 0, "uniform mean");
    }

    @Test
    void truncatedNormalStaysInItsBoundsWithTheTruncatedMoments() {
        Generator g = new Generator(2);
        double a = -1;
        double b = 2;
        double[] v = Init.truncNormal(empty(200, 100), 0, 1, a, b, g).toDoubleArray();
        assertTrue(java.util.Arrays.stream(v).allMatch(x -> x >= a && x <= b));
        double z = (Scalars.erf(b / Math.sqrt(2)) - Scalars.erf(a / Math.sqrt(2))) / 2;
        double pa = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
        double pb = Math.exp(-b * b / 2) / Math.sqrt(2 * Math.PI);
        double m = (pa - pb) / z;
        double var = 1 + (a * pa - b * pb) / z - m * m;
        assertClose(m, mean(v), 0, 0.02, "truncated mean");
        assertClose(Math.sqrt(var), std(v), 0.02, 0, "truncated std");
        // Far in the tail: the inverse-CDF method neither hangs nor leaves [a, b].
        double[] tail = Init.truncNormal(empty(10, 10), 0, 1, 6, 7, g).toDoubleArray();
        assertTrue(java.util.Arrays.stream(tail).allMatch(x -> x >= 6 && x <= 7), java.util.Arrays.toString(tail));
        assertThrows(IllegalArgumentException.class, () -> Init.truncNormal(empty(2, 2), 0, 1, 2, -2, g));
    }

    @Test
    void erfinvInvertsErf() {
        for (double x : new double[] {-3, -1.2, -0.3, 0, 1e-8, 0.5, 2.2, 4}) {
            assertClose(x, Init.erfinv(Scalars.erf(x)), 1e-10, 1e-12, "erfinv(erf(" + x + "))");
        }
    }

    @Test
    void orthogonalGivesOrthonormalRowsOrColumnsTimesTheGain() {
        Generator g = new Generator(3);
        for (int[] shape : new int[][] {{3, 7}, {7, 3}, {5, 5}, {4, 2, 3}}) {
            double gain = 1.5;
            Tensor w = Init.orthogonal(empty(shape), gain, g);
            Tensor m = w.reshape(shape[0], -1);
            boolean wide = m.size(0) < m.size(1);
            Tensor gram = wide ? m.matmul(m.transpose(0, 1)) : m.transpose(0, 1).matmul(m);
            int n = gram.size(0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(i == j ? gain * gain : 0, gram.get(i, j), 1e-12, java.util.Arrays.toString(shape));
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Init.orthogonal(empty(4)));
    }

    @Test
    void initialisersFillParametersInPlaceAndKeepTheirDtype() {
        Linear layer = new Linear(3, 2);
        Tensor w = layer.weight();
        assertSame(w, Init.xavierNormal(w));
        assertSame(w, layer.weight());
        assertEquals(DType.FLOAT32, w.dtype());
        assertTrue(w.requiresGrad());
        assertArrayEquals(new double[] {1, 1}, Init.ones(layer.bias()).toDoubleArray());
        assertArrayEquals(new double[] {0, 0}, Init.zeros(layer.bias()).toDoubleArray());
        assertArrayEquals(new double[] {0.25, 0.25}, Init.constant(layer.bias(), 0.25).toDoubleArray());
        double[] a = Init.kaimingUniform(empty(4, 4), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Generator(9)).toDoubleArray();
        double[] b = Init.kaimingUniform(empty(4, 4), 0, FanMode.FAN_IN, Nonlinearity.RELU, new Generator(9)).toDoubleArray();
        assertArrayEquals(a, b, "the same seed gives the same values");
    }

    @Test
    void applyReinitialisesEveryLinearLayer() {
        Sequential net = MLP.builder(4).hidden(8).output(2).dtype(DType.FLOAT64).generator(new Generator(1)).build();
        net.apply(m -> {
            if (m instanceof Linear l) {
                Init.constant(l.weight(), 0.5);
                Init.zeros(l.bias());
            }
        });
        for (Tensor p : net.parameters()) {
            double expected = p.dim() == 2 ? 0.5 : 0;
            assertTrue(java.util.Arrays.stream(p.toDoubleArray()).allMatch(x -> x == expected));
        }
    }
}

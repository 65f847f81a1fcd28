package org.autodiff.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Parameter;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    private static List<Tensor> params(double[] g1, double[] g2) {
        Tensor a = Parameter.of(Tensor.of(new double[g1.length], g1.length));
        Tensor b = Parameter.of(Tensor.of(new double[g2.length], g2.length));
        a.setGrad(Tensor.of(g1, g1.length));
        b.setGrad(Tensor.of(g2, g2.length));
        Tensor none = Parameter.of(Tensor.of(new double[] {1}, 1));
        return List.of(a, b, none);
    }

    @Test
    void clipGradNormScalesAllGradientsTogetherAndReturnsTheTotalNorm() {
        List<Tensor> ps = params(new double[] {3, 4}, new double[] {12});
        double total = GradientClipping.clipGradNorm(ps, 1.0);
        assertEquals(13, total, 1e-15);
        double c = 1.0 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, ps.get(0).grad().toDoubleArray(), 1e-16);
        assertArrayEquals(new double[] {12 * c}, ps.get(1).grad().toDoubleArray(), 1e-16);
        assertNull(ps.get(2).grad());
    }

    @Test
    void clipGradNormLeavesSmallGradientsAlone() {
        List<Tensor> ps = params(new double[] {0.3, 0.4}, new double[] {0});
        assertEquals(0.5, GradientClipping.clipGradNorm(ps, 1.0), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.4}, ps.get(0).grad().toDoubleArray());
    }

    @Test
    void clipGradNormSupportsOtherNorms() {
        List<Tensor> ps = params(new double[] {3, -4}, new double[] {2});
        assertEquals(4, GradientClipping.clipGradNorm(ps, 2.0, Double.POSITIVE_INFINITY), 1e-15);
        assertArrayEquals(new double[] {1.5, -2}, ps.get(0).grad().toDoubleArray(), 1e-6);
        List<Tensor> qs = params(new double[] {3, -4}, new double[] {2});
        assertEquals(9, GradientClipping.clipGradNorm(qs, 100, 1), 1e-15);
    }

    @Test
    void clipGradValueClampsEachElement() {
        List<Tensor> ps = params(new double[] {3, -0.5}, new double[] {-7});
        GradientClipping.clipGradValue(ps, 1);
        assertArrayEquals(new double[] {1, -0.5}, ps.get(0).grad().toDoubleArray());
        assertArrayEquals(new double[] {-1}, ps.get(1).grad().toDoubleArray());
    }
}

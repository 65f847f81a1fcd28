package org.autodiff.core.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The user-facing entry points: one function, three ways to run it. */
class DerivativesTest {

    /** f(x, y) = x·y + sin x, written once. */
    static <T extends Num<T>> T f(List<T> v) {
        return v.get(0).mul(v.get(1)).add(v.get(0).sin());
    }

    @Test
    void oneFunctionRunsInEveryMode() {
        double x = 2;
        double y = 3;
        assertEquals(x * y + Math.sin(x), Derivatives.value(DerivativesTest::f, x, y));
        double[] expected = {y + Math.cos(x), x};
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, Derivatives.reverse(DerivativesTest::f, x, y), 1e-15);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, Derivatives.forward(DerivativesTest::f, x, y), 1e-15);
    }

    @Test
    void anonymousClassImplementsAFunction() {
        ScalarFunction cube = new ScalarFunction() {
            @Override
            public <T extends Num<T>> T apply(List<T> x) {
                return x.get(0).pow(3);
            }
        };
        assertEquals(12.0, Derivatives.reverse(cube, 2.0)[0], 1e-15);
    }

    @Test
    void directionalDerivativeIsGradientDotDirection() {
        double[] point = {0.7, -1.2};
        double[] v = {2, 5};
        double[] gradient = Derivatives.reverse(DerivativesTest::f, point);
        assertEquals(gradient[0] * v[0] + gradient[1] * v[1], Derivatives.directional(DerivativesTest::f, point, v), 1e-14);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Derivatives.directional(DerivativesTest::f, point, new double[3]));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }

    @Test
    void dualCarriesTheTangentOfEachOperation() {
        Dual x = Dual.variable(0.4);
        Dual out = x.tanh().mul(x.exp());              // (1 − tanh²x)·eˣ + tanh x·eˣ
        double t = Math.tanh(0.4);
        assertEquals(t * Math.exp(0.4), out.value(), 1e-15);
        assertEquals((1 - t * t) * Math.exp(0.4) + t * Math.exp(0.4), out.tangent(), 1e-15);
        assertEquals(0.0, x.constant(5).tangent());
    }

    @Test
    void nullArgumentsAreNamed() {
        NullPointerException f = assertThrows(NullPointerException.class, () -> Derivatives.reverse(null, 1.0));
        assertTrue(f.getMessage().contains("f"), f.getMessage());
        NullPointerException x = assertThrows(NullPointerException.class,
                () -> Derivatives.forward(DerivativesTest::f, (double[]) null));
        assertTrue(x.getMessage().contains("x"), x.getMessage());
    }
}

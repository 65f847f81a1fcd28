package org.autodiff.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.autodiff.core.scalar.Num;
import org.junit.jupiter.api.Test;

class CentralDifferenceTest {

    @Test
    void partialOfACubicIsAccurateToTruncationOrder() {
        // d/dx x³ = 3x²; the central difference's error is exactly h² here (f''' = 6).
        ToDoubleFunction<double[]> cube = x -> x[0] * x[0] * x[0];
        double h = CentralDifference.step(2);
        assertEquals(12.0, CentralDifference.partial(cube, new double[] {2}, 0), 2 * h * h);
    }

    @Test
    void stepScalesWithTheCoordinate() {
        double small = CentralDifference.step(0.001);
        assertEquals(Math.cbrt(Math.ulp(1.0)), small, 0.0);
        assertEquals(small, CentralDifference.step(-1.0), 0.0);
        assertEquals(1000 * small, CentralDifference.step(-1000), 1e-18);
        // a huge coordinate is still perturbed: x + h != x
        assertEquals(true, 1e12 + CentralDifference.step(1e12) != 1e12);
    }

    @Test
    void gradientLeavesThePointUnchanged() {
        double[] x = {1.5, -2};
        double[] copy = x.clone();
        double[] gradient = CentralDifference.gradient(p -> p[0] * p[1], x);
        assertArrayEquals(copy, x);
        assertArrayEquals(new double[] {-2, 1.5}, gradient, 1e-9);
    }

    static <T extends Num<T>> T logOfSquares(List<T> x) {
        return x.get(0).mul(x.get(0)).add(x.get(1).mul(x.get(1))).log();
    }

    @Test
    void gradientOfAFunctionWrittenAgainstNum() {
        // ∇ log(x² + y²) = (2x, 2y) / (x² + y²)
        assertArrayEquals(new double[] {2 * 3 / 25.0, 2 * 4 / 25.0},
                CentralDifference.gradientOf(CentralDifferenceTest::logOfSquares, 3, 4), 1e-10);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThrows(IndexOutOfBoundsException.class, () -> CentralDifference.partial(p -> p[0], new double[1], 1));
        assertThrows(IllegalArgumentException.class, () -> CentralDifference.partial(p -> p[0], new double[1], 0, 0));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> CentralDifference.gradient((ToDoubleFunction<double[]>) null, 1.0));
        assertEquals("gradient: f is null", e.getMessage());
    }
}

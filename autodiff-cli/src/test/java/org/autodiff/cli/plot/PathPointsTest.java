package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathPointsTest {

    @Test
    void creepingPointsAreLeftOutButTheEndsStay() {
        // Ten big steps, then a thousand steps of 1e-6.
        int n = 1011;
        double[] x = new double[n], y = new double[n];
        for (int k = 1; k < n; k++) {
            x[k] = x[k - 1] + (k <= 10 ? 1 : 1e-6);
        }
        int[] kept = PathPoints.kept(x, y, 0.01);
        assertEquals(12, kept.length, "the start, ten big steps and the last point");
        assertEquals(0, kept[0]);
        assertEquals(n - 1, kept[kept.length - 1]);
    }

    @Test
    void aJitteringPathIsCutDownToTheLimit() {
        int n = 100_001;
        double[] x = new double[n], y = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = k * 1e-5;
            y[k] = k % 2 == 0 ? 0 : 0.1; // every step jumps far more than the tolerance
        }
        double[][] drawn = PathPoints.thinned(x, y, 1e-3);
        assertTrue(drawn[0].length <= PathPoints.MAX_POINTS, drawn[0].length + " points");
        assertEquals(x[0], drawn[0][0]);
        assertEquals(x[n - 1], drawn[0][drawn[0].length - 1]);
    }

    @Test
    void breaksStayAndTheLinesOnEitherSideKeepTheirEnds() {
        double[] x = {0, 1e-9, 2e-9, Double.NaN, 5, 5 + 1e-9, 5 + 2e-9};
        double[] y = {0, 0, 0, Double.NaN, 1, 1, 1};
        double[][] drawn = PathPoints.thinned(x, y, 0.5);
        assertArrayEquals(new double[] {0, 2e-9, Double.NaN, 5, 5 + 2e-9}, drawn[0]);
    }
}

package org.autodiff.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IsoLinesTest {

    @Test
    void levelLineOfAParaboloidIsACircle() {
        int n = 41;
        double[] x = new double[n], y = new double[n];
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            x[i] = y[i] = -2 + 4.0 * i / (n - 1);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                z[i][j] = x[j] * x[j] + y[i] * y[i];
            }
        }
        double[][] line = IsoLines.of(x, y, z, 1.0);
        int m = line[0].length;
        // One closed line: its points, back to the first, then a single break.
        assertTrue(Double.isNaN(line[0][m - 1]) && Double.isNaN(line[1][m - 1]), "a break ends the line");
        assertEquals(line[0][0], line[0][m - 2]);
        assertEquals(line[1][0], line[1][m - 2]);
        for (int k = 0; k < m - 1; k++) {
            // Linear interpolation of r² between grid points is off by at most h²/4 (h = 0.1).
            assertEquals(1.0, Math.hypot(line[0][k], line[1][k]), 0.01, "point " + k);
        }
        assertTrue(m - 2 > 60, "a circle of radius 1 crosses many of the 0.1-wide cells: " + m);
        assertEquals(0, IsoLines.of(x, y, z, 9.0)[0].length, "a level above the surface has no line");
    }

    @Test
    void saddleCellIsSplitByItsCentre() {
        double[] x = {0, 1}, y = {0, 1};
        // Bottom-left and top-right high, the others low; centre average 0.5.
        double[][] z = {{1, 0}, {0, 1}};
        double[][] below = IsoLines.of(x, y, z, 0.4); // centre above: cut off the low corners (1,0) and (0,1)
        assertEquals(6, below[0].length);
        assertEquals(0.6, below[0][0], 1e-12);
        assertEquals(0.0, below[1][0], 1e-12);
        assertEquals(1.0, below[0][1], 1e-12);
        assertEquals(0.4, below[1][1], 1e-12);
        double[][] above = IsoLines.of(x, y, z, 0.6); // centre below: cut off the high corners (0,0) and (1,1)
        assertEquals(6, above[0].length);
        assertEquals(1.0, above[0][0], 1e-12);
        assertEquals(0.6, above[1][0], 1e-12);
        assertEquals(0.6, above[0][1], 1e-12);
        assertEquals(1.0, above[1][1], 1e-12);
        assertEquals(0.0, above[0][3], 1e-12);
        assertEquals(0.4, above[1][3], 1e-12);
        assertEquals(0.4, above[0][4], 1e-12);
        assertEquals(0.0, above[1][4], 1e-12);
    }
}

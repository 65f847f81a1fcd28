package org.autodiff.cli.plot;

import java.util.Arrays;

/**
 * Contour lines by marching squares: for each grid cell, the corners above and below the level
 * decide which edges the line crosses, and the crossing points are placed by linear
 * interpolation along those edges. The result is a list of segments, each two points followed by
 * a NaN break, ready for a line renderer that skips NaN gaps.
 */
final class IsoLines {
    private IsoLines() {
    }

    /**
     * The segments of the {@code level} line of {@code z[i][j]} (at {@code (x[j], y[i])}) as
     * {@code {xs, ys}}: points {@code 3k, 3k+1} are one segment and {@code 3k+2} is a NaN break.
     */
    static double[][] of(double[] x, double[] y, double[][] z, double level) {
        double[] xs = new double[64], ys = new double[64];
        int n = 0;
        for (int i = 0; i + 1 < y.length; i++) {
            for (int j = 0; j + 1 < x.length; j++) {
                // Corners counter-clockwise from (j, i): 0 = bottom-left, 1 = bottom-right, 2 = top-right, 3 = top-left.
                double[] cx = {x[j], x[j + 1], x[j + 1], x[j]};
                double[] cy = {y[i], y[i], y[i + 1], y[i + 1]};
                double[] cz = {z[i][j], z[i][j + 1], z[i + 1][j + 1], z[i + 1][j]};
                double[] px = new double[4], py = new double[4];
                int crossings = 0;
                for (int e = 0; e < 4; e++) {
                    int a = e, b = (e + 1) % 4;
                    if ((cz[a] >= level) != (cz[b] >= level)) {
                        double t = (level - cz[a]) / (cz[b] - cz[a]);
                        px[crossings] = cx[a] + t * (cx[b] - cx[a]);
                        py[crossings] = cy[a] + t * (cy[b] - cy[a]);
                        crossings++;
                    }
                }
                if (crossings == 0) {
                    continue;
                }
                if (xs.length < n + 6) {
                    xs = Arrays.copyOf(xs, 2 * xs.length + 6);
                    ys = Arrays.copyOf(ys, 2 * ys.length + 6);
                }
                if (crossings == 2) {
                    n = segment(xs, ys, n, px[0], py[0], px[1], py[1]);
                } else {
                    // A saddle cell (four crossings, opposite corners on the same side): the centre's
                    // average decides which pairs of crossings belong together.
                    boolean centreAbove = (cz[0] + cz[1] + cz[2] + cz[3]) / 4 >= level;
                    boolean firstAbove = cz[0] >= level;
                    int shift = centreAbove == firstAbove ? 0 : 1;
                    n = segment(xs, ys, n, px[shift], py[shift], px[(shift + 1) % 4], py[(shift + 1) % 4]);
                    n = segment(xs, ys, n, px[(shift + 2) % 4], py[(shift + 2) % 4], px[(shift + 3) % 4], py[(shift + 3) % 4]);
                }
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    private static int segment(double[] xs, double[] ys, int n, double x0, double y0, double x1, double y1) {
        xs[n] = x0;
        ys[n] = y0;
        xs[n + 1] = x1;
        ys[n + 1] = y1;
        xs[n + 2] = Double.NaN;
        ys[n + 2] = Double.NaN;
        return n + 3;
    }
}

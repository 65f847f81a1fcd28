package org.autodiff.cli.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Contour lines by marching squares: for each grid cell, the corners above and below the level
 * decide which edges the line crosses, and the crossing points are placed by linear
 * interpolation along those edges. The cells' segments are then joined into polylines through
 * the crossings they share, so a closed contour is one line rather than hundreds of pieces; the
 * result is a list of polylines separated by NaN breaks, ready for a line renderer that skips
 * NaN gaps.
 */
final class IsoLines {
    private IsoLines() {
    }

    /**
     * @param x     the grid's x values, ascending
     * @param y     the grid's y values, ascending
     * @param z     {@code z[i][j]} is the value at {@code (x[j], y[i])}
     * @param level the level to trace
     * @return {@code {xs, ys}}: the polylines of the {@code level} line, each followed by a NaN
     *         break; a closed line ends at its first point
     */
    static double[][] of(double[] x, double[] y, double[][] z, double level) {
        Crossings crossings = new Crossings(x, y, z, level);
        List<int[]> segments = new ArrayList<>(); // pairs of crossing keys
        for (int i = 0; i + 1 < y.length; i++) {
            for (int j = 0; j + 1 < x.length; j++) {
                // Corners counter-clockwise from (j, i): 0 = bottom-left, 1 = bottom-right, 2 = top-right, 3 = top-left;
                // edge e runs from corner e to corner e + 1.
                double[] cz = {z[i][j], z[i][j + 1], z[i + 1][j + 1], z[i + 1][j]};
                int[] edges = {crossings.horizontal(i, j), crossings.vertical(i, j + 1), crossings.horizontal(i + 1, j),
                    crossings.vertical(i, j)};
                int[] crossed = new int[4];
                int count = 0;
                for (int e = 0; e < 4; e++) {
                    if ((cz[e] >= level) != (cz[(e + 1) % 4] >= level)) {
                        crossed[count++] = edges[e];
                    }
                }
                if (count == 2) {
                    segments.add(new int[] {crossed[0], crossed[1]});
                } else if (count == 4) {
                    // A saddle cell (opposite corners on the same side): the centre's average
                    // decides which pairs of crossings belong together.
                    boolean centreAbove = (cz[0] + cz[1] + cz[2] + cz[3]) / 4 >= level;
                    int shift = centreAbove == (cz[0] >= level) ? 0 : 1;
                    segments.add(new int[] {crossed[shift], crossed[(shift + 1) % 4]});
                    segments.add(new int[] {crossed[(shift + 2) % 4], crossed[(shift + 3) % 4]});
                }
            }
        }
        return crossings.chain(segments);
    }

    /** The crossing points of one level on the grid's edges, each computed once and named by its edge. */
    private static final class Crossings {
        private final double[] x, y;
        private final double[][] z;
        private final double level;

        Crossings(double[] x, double[] y, double[][] z, double level) {
            this.x = x;
            this.y = y;
            this.z = z;
            this.level = level;
        }

        /** The key of the edge from (j, i) to (j + 1, i). */
        int horizontal(int i, int j) {
            return 2 * (i * x.length + j);
        }

        /** The key of the edge from (j, i) to (j, i + 1). */
        int vertical(int i, int j) {
            return 2 * (i * x.length + j) + 1;
        }

        /** The crossing on edge {@code key}, interpolated from the edge's lower corner: the same for both cells that share it. */
        double[] point(int key) {
            int cell = key / 2, i = cell / x.length, j = cell % x.length;
            boolean along = key % 2 == 0;
            double z0 = z[i][j], z1 = along ? z[i][j + 1] : z[i + 1][j];
            double t = (level - z0) / (z1 - z0);
            return along ? new double[] {x[j] + t * (x[j + 1] - x[j]), y[i]} : new double[] {x[j], y[i] + t * (y[i + 1] - y[i])};
        }

        /** Joins segments that share a crossing into polylines. */
        double[][] chain(List<int[]> segments) {
            Map<Integer, List<Integer>> touching = new HashMap<>();
            for (int s = 0; s < segments.size(); s++) {
                for (int end : segments.get(s)) {
                    touching.computeIfAbsent(end, k -> new ArrayList<>(2)).add(s);
                }
            }
            boolean[] used = new boolean[segments.size()];
            double[] xs = new double[3 * segments.size() + 1], ys = new double[xs.length];
            int n = 0;
            // Open lines first, each from one of its ends; the segments left over form closed loops.
            for (int pass = 0; pass < 2; pass++) {
                for (int s = 0; s < segments.size(); s++) {
                    int[] seg = segments.get(s);
                    int from = touching.get(seg[0]).size() == 1 ? seg[0] : touching.get(seg[1]).size() == 1 ? seg[1] : -1;
                    if (used[s] || (pass == 0 && from < 0)) {
                        continue;
                    }
                    int key = from >= 0 ? from : seg[0];
                    int current = s;
                    n = put(xs, ys, n, point(key));
                    while (current >= 0) {
                        used[current] = true;
                        int[] c = segments.get(current);
                        key = c[0] == key ? c[1] : c[0];
                        n = put(xs, ys, n, point(key));
                        current = -1;
                        for (int next : touching.get(key)) {
                            if (!used[next]) {
                                current = next;
                            }
                        }
                    }
                    xs[n] = Double.NaN;
                    ys[n] = Double.NaN;
                    n++;
                }
            }
            return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
        }

        private static int put(double[] xs, double[] ys, int n, double[] p) {
            xs[n] = p[0];
            ys[n] = p[1];
            return n + 1;
        }
    }
}

package org.autodiff.cli.plot;

import java.util.Arrays;

/**
 * The points of a path worth drawing. A path of many steps mostly creeps: thousands of points
 * within a pixel of each other that look the same drawn or not, but fill an SVG file. Keeping
 * the first point, the last, and every point at least a tolerance away from the last one kept
 * draws the same picture from a bounded number of points. Non-finite points become NaN, which
 * the renderers draw as a break; the points on either side of a break are kept, so that the
 * pieces of a broken line (such as the contour lines of {@link IsoLines}) keep their ends.
 */
final class PathPoints {
    private PathPoints() {
    }

    /**
     * At most this many points are drawn of one path: a path that jitters (RMSProp across
     * Rosenbrock's valley for 10⁵ steps) moves more than the tolerance at every step.
     */
    static final int MAX_POINTS = 3000;

    /**
     * @param x         the x of each point
     * @param y         the y of each point
     * @param tolerance how close to the last kept point a point may be and still be dropped;
     *                  doubled until at most {@link #MAX_POINTS} are kept
     * @return {@code {xs, ys}}: the kept points, in order
     */
    static double[][] thinned(double[] x, double[] y, double tolerance) {
        int[] kept = kept(x, y, tolerance);
        double[] xs = new double[kept.length], ys = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            boolean finite = Double.isFinite(x[kept[k]]) && Double.isFinite(y[kept[k]]);
            xs[k] = finite ? x[kept[k]] : Double.NaN;
            ys[k] = finite ? y[kept[k]] : Double.NaN;
        }
        return new double[][] {xs, ys};
    }

    /**
     * @param x         the x of each point
     * @param y         the y of each point
     * @param tolerance how close to the last kept point a point may be and still be dropped;
     *                  doubled (up to 30 times) until at most {@link #MAX_POINTS} are kept
     * @return the indices of the kept points, ascending: the first and last of each run of finite
     *         points, every non-finite one (a break) and every one at least the tolerance from
     *         the one kept before it
     */
    static int[] kept(double[] x, double[] y, double tolerance) {
        int[] kept = keptOnce(x, y, tolerance);
        // Thirty doublings take any tolerance worth trying past the whole picture; a line broken
        // into more pieces than MAX_POINTS keeps their ends however far it is thinned.
        double t = tolerance;
        for (int round = 0; kept.length > MAX_POINTS && round < 30 && t > 0; round++) {
            t *= 2;
            kept = keptOnce(x, y, t);
        }
        return kept;
    }

    private static int[] keptOnce(double[] x, double[] y, double tolerance) {
        int n = x.length;
        int[] kept = new int[n];
        int count = 0;
        double lastX = Double.NaN, lastY = Double.NaN;
        for (int k = 0; k < n; k++) {
            boolean finite = Double.isFinite(x[k]) && Double.isFinite(y[k]);
            boolean lineEnds = k == n - 1 || !Double.isFinite(x[k + 1]) || !Double.isFinite(y[k + 1]);
            if (k == 0 || lineEnds || !finite || !Double.isFinite(lastX) || Math.hypot(x[k] - lastX, y[k] - lastY) >= tolerance) {
                kept[count++] = k;
                lastX = finite ? x[k] : Double.NaN;
                lastY = finite ? y[k] : Double.NaN;
            }
        }
        return Arrays.copyOf(kept, count);
    }
}

package org.autodiff.teaching.landscape;

import java.util.List;

/** The rectangle of the (w, b) plane a landscape shows: {@code wMin ≤ w ≤ wMax}, {@code bMin ≤ b ≤ bMax}. */
public record Window(double wMin, double wMax, double bMin, double bMax) {

    /**
     * Checks that the window is a non-empty rectangle.
     *
     * @param wMin the smallest w shown
     * @param wMax the largest w shown
     * @param bMin the smallest b shown
     * @param bMax the largest b shown
     */
    public Window {
        if (!(wMin < wMax) || !(bMin < bMax) || !Double.isFinite(wMax - wMin) || !Double.isFinite(bMax - bMin)) {
            throw new IllegalArgumentException("Window: need finite wMin < wMax and bMin < bMax, got w in [" + wMin + ", "
                    + wMax + "], b in [" + bMin + ", " + bMax + "]");
        }
    }

    /**
     * This window widened about its centre along one axis so that a plot area of
     * {@code widthPixels × heightPixels} shows one unit of w and one unit of b at the same length:
     * only then do gradient paths cross the contours at right angles on the page.
     *
     * @param widthPixels  the plot area's width
     * @param heightPixels the plot area's height
     * @return the widened window
     */
    public Window withAspect(double widthPixels, double heightPixels) {
        double perPixel = Math.max((wMax - wMin) / widthPixels, (bMax - bMin) / heightPixels);
        double halfW = perPixel * widthPixels / 2, halfB = perPixel * heightPixels / 2;
        double wMid = (wMin + wMax) / 2, bMid = (bMin + bMax) / 2;
        return new Window(Math.min(wMin, wMid - halfW), Math.max(wMax, wMid + halfW),
                Math.min(bMin, bMid - halfB), Math.max(bMax, bMid + halfB));
    }

    /** How far this window may grow on each side to hold the paths, in multiples of its own width or height. */
    public static final double MAX_GROWTH = 4;

    /**
     * This window grown to hold every finite point of {@code paths} with a margin around them, so
     * that no path leaves the picture. On each side it grows by at most {@link #MAX_GROWTH} times
     * its own width (or height): a path that diverges then leaves the picture rather than
     * shrinking the others to a dot.
     *
     * @param paths the paths to show
     * @return a window that contains this one and, within the growth limit, every path point
     */
    public Window fitting(List<OptimizerPath> paths) {
        double w0 = wMin, w1 = wMax, b0 = bMin, b1 = bMax;
        double wLimit = MAX_GROWTH * (wMax - wMin), bLimit = MAX_GROWTH * (bMax - bMin);
        double mw = MARGIN * (wMax - wMin), mb = MARGIN * (bMax - bMin);
        for (OptimizerPath p : paths) {
            for (int k = 0; k < p.size(); k++) {
                double w = p.w()[k], b = p.b()[k];
                if (Double.isFinite(w) && Double.isFinite(b)) {
                    // A margin around each point, so that an end marker on the edge is drawn whole.
                    w0 = Math.min(w0, Math.max(w - mw, wMin - wLimit));
                    w1 = Math.max(w1, Math.min(w + mw, wMax + wLimit));
                    b0 = Math.min(b0, Math.max(b - mb, bMin - bLimit));
                    b1 = Math.max(b1, Math.min(b + mb, bMax + bLimit));
                }
            }
        }
        return new Window(w0, w1, b0, b1);
    }

    private static final double MARGIN = 0.04;

    /**
     * Whether (w, b) lies inside, edges included.
     *
     * @param w the first coordinate
     * @param b the second coordinate
     * @return true when {@code wMin ≤ w ≤ wMax} and {@code bMin ≤ b ≤ bMax}
     */
    public boolean contains(double w, double b) {
        return w >= wMin && w <= wMax && b >= bMin && b <= bMax;
    }
}

package org.autodiff.teaching.landscape;

/** The rectangle of the (w, b) plane a landscape shows: {@code wMin ≤ w ≤ wMax}, {@code bMin ≤ b ≤ bMax}. */
public record Window(double wMin, double wMax, double bMin, double bMax) {

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
     */
    public Window withAspect(double widthPixels, double heightPixels) {
        double perPixel = Math.max((wMax - wMin) / widthPixels, (bMax - bMin) / heightPixels);
        double halfW = perPixel * widthPixels / 2, halfB = perPixel * heightPixels / 2;
        double wMid = (wMin + wMax) / 2, bMid = (bMin + bMax) / 2;
        return new Window(Math.min(wMin, wMid - halfW), Math.max(wMax, wMid + halfW),
                Math.min(bMin, bMid - halfB), Math.max(bMax, bMid + halfB));
    }

    /** Whether (w, b) lies inside, edges included. */
    public boolean contains(double w, double b) {
        return w >= wMin && w <= wMax && b >= bMin && b <= bMax;
    }
}

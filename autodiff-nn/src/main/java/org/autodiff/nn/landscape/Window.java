package org.autodiff.nn.landscape;

/** The rectangle of the (w, b) plane a landscape shows: {@code wMin ≤ w ≤ wMax}, {@code bMin ≤ b ≤ bMax}. */
public record Window(double wMin, double wMax, double bMin, double bMax) {

    public Window {
        if (!(wMin < wMax) || !(bMin < bMax) || !Double.isFinite(wMax - wMin) || !Double.isFinite(bMax - bMin)) {
            throw new IllegalArgumentException("Window: need finite wMin < wMax and bMin < bMax, got w in [" + wMin + ", "
                    + wMax + "], b in [" + bMin + ", " + bMax + "]");
        }
    }

    /** Whether (w, b) lies inside, edges included. */
    public boolean contains(double w, double b) {
        return w >= wMin && w <= wMax && b >= bMin && b <= bMax;
    }
}

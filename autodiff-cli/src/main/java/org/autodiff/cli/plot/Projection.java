package org.autodiff.cli.plot;

import org.autodiff.teaching.landscape.Window;

/**
 * An orthographic view of the box window × [zMin, zMax]: the box is scaled to a unit square
 * floor with height 0.7, turned by {@code azimuth} about the vertical and tilted towards the
 * viewer by {@code elevation}. {@link #x}/{@link #y} give the page position, {@link #depth} how far
 * back a floor point lies, for drawing far things first. Heights are linear in the loss, or in
 * log(1 + loss − zMin) when {@code log} is set; losses beyond the box are held at its top.
 */
record Projection(Window window, double zMin, double zMax, boolean log, double azimuth, double elevation) {
    static final double HEIGHT = 0.7;

    /** The height in [0, {@link #HEIGHT}] of a loss. */
    double height(double loss) {
        double t = log ? Math.log1p(Math.max(0, loss - zMin)) / Math.log1p(zMax - zMin) : (loss - zMin) / (zMax - zMin);
        return HEIGHT * Math.max(0, Math.min(1, t));
    }

    private double u(double w) {
        return (w - window.wMin()) / (window.wMax() - window.wMin()) - 0.5;
    }

    private double v(double b) {
        return (b - window.bMin()) / (window.bMax() - window.bMin()) - 0.5;
    }

    /** The page x of (w, b). */
    double x(double w, double b) {
        return u(w) * Math.cos(azimuth) - v(b) * Math.sin(azimuth);
    }

    /** The page y of (w, b) at height {@code h}. */
    double y(double w, double b, double h) {
        double back = u(w) * Math.sin(azimuth) + v(b) * Math.cos(azimuth);
        return h * Math.cos(elevation) + back * Math.sin(elevation);
    }

    /**
     * How far back (w, b) lies on the floor: larger is farther. Seen from above, a surface over
     * the floor never has a farther cell in front of a nearer one, so drawing cells in this order
     * is exact; a depth that counted height too would draw a tall near wall before the valley
     * behind it.
     */
    double depth(double w, double b) {
        return u(w) * Math.sin(azimuth) + v(b) * Math.cos(azimuth);
    }
}

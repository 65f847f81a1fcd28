package org.autodiff.cli.plot;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.Locale;

/** The shapes and labels of marked points: a star for a minimum, a cross for a saddle point, a circle for the start, a square for a path's end. */
final class Marks {
    private Marks() {
    }

    /** A five-pointed star of outer radius {@code r} centred on the origin. */
    static Shape star(double r) {
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < 10; k++) {
            double radius = k % 2 == 0 ? r : r * 0.42;
            double angle = -Math.PI / 2 + k * Math.PI / 5;
            if (k == 0) {
                p.moveTo(radius * Math.cos(angle), radius * Math.sin(angle));
            } else {
                p.lineTo(radius * Math.cos(angle), radius * Math.sin(angle));
            }
        }
        p.closePath();
        return p;
    }

    /** A filled circle of radius {@code r}. */
    static Shape circle(double r) {
        return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
    }

    /** A square of half-width {@code r} centred on the origin. */
    static Shape square(double r) {
        return new java.awt.geom.Rectangle2D.Double(-r, -r, 2 * r, 2 * r);
    }

    /** A thick × of half-width {@code r}. */
    static Shape cross(double r) {
        double t = r * 0.3;
        Path2D.Double p = new Path2D.Double();
        double[][] pts = {{-r, -r + t}, {-r + t, -r}, {0, -t}, {r - t, -r}, {r, -r + t}, {t, 0}, {r, r - t}, {r - t, r},
            {0, t}, {-r + t, r}, {-r, r - t}, {-t, 0}};
        p.moveTo(pts[0][0], pts[0][1]);
        for (int k = 1; k < pts.length; k++) {
            p.lineTo(pts[k][0], pts[k][1]);
        }
        p.closePath();
        return p;
    }

    /** The shape for a landmark called {@code label}. */
    static Shape forLabel(String label) {
        if (PlotStyle.notMinimum(label)) {
            return cross(6);
        }
        return label.startsWith("minimum") ? star(9) : star(7);
    }

    /** "label (w, b)" with compact numbers. */
    static String describe(String label, double w, double b) {
        return String.format(Locale.ROOT, "%s (%s, %s)", label, number(w), number(b));
    }

    /**
     * @param v a number
     * @return it in three significant digits, briefly: 0.0005, 2, −1.04, 6090, 1.2e+06
     */
    static String number(double v) {
        double size = Math.abs(v);
        String s = size >= 1000 && size < 1e6 ? String.format(Locale.ROOT, "%.0f", Double.parseDouble(String.format(Locale.ROOT, "%.3g", v)))
                : String.format(Locale.ROOT, "%.3g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.replace('-', '−');
    }
}

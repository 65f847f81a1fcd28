package org.autodiff.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.autodiff.teaching.landscape.Method;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/** The colours, strokes and fonts shared by the pictures, in one place. Loading it makes AWT headless. */
final class PlotStyle {
    static {
        // Pictures are drawn off-screen; set before AWT starts so servers without a display work.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PlotStyle() {
    }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color HALO = new Color(255, 255, 255, 210);
    static final Color ISO_LINE = new Color(20, 30, 60, 90);
    static final BasicStroke PATH = new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke THIN = new BasicStroke(0.7f);
    static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);

    /**
     * Styles optimizer path {@code s} of {@code count} in its method's colour over a white halo.
     * Paths are drawn in order, each narrower than the one before, so a path that a later one
     * retraces (AdaGrad and RMSProp often start alike) still shows as a coloured rim around it.
     * A dot marks each step while there are few enough to tell apart.
     */
    static void stylePath(XYLineAndShapeRenderer halos, XYLineAndShapeRenderer paths, int s, int count,
            OptimizerPath path, double dotRadius) {
        float width = 2f + 0.8f * (count - 1 - s);
        halos.setSeriesPaint(s, HALO);
        halos.setSeriesStroke(s, new BasicStroke(width + 2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        paths.setSeriesPaint(s, method(path.method()));
        paths.setSeriesStroke(s, new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        paths.setSeriesShape(s, Marks.circle(dotRadius));
        paths.setSeriesShapesVisible(s, path.size() <= MAX_STEP_DOTS);
    }

    /** Beyond this many points the step dots merge into a smear that hides the paths below. */
    private static final int MAX_STEP_DOTS = 200;

    /**
     * The fill of a landmark's mark, the same in the contour and the 3-D view: gold for the
     * minimum, magenta for a saddle point, cyan for a local minimum; strong colours that stand
     * out on the pale low-loss bands where such points lie.
     */
    static Color landmark(String label) {
        if (label.startsWith("minimum")) {
            return new Color(0xff, 0xd7, 0x00);
        }
        return label.contains("saddle") ? new Color(0xe0, 0x40, 0xa0) : new Color(0x00, 0xc8, 0xe0);
    }

    /** Low losses pale, high losses deep blue: light enough that every path colour stands out. */
    private static final Color[] SURFACE = {
        new Color(0xff, 0xfb, 0xe6), new Color(0xde, 0xf0, 0xd0), new Color(0xa8, 0xd8, 0xc6),
        new Color(0x72, 0xb6, 0xcf), new Color(0x4a, 0x8c, 0xc0), new Color(0x35, 0x5f, 0xa3)
    };

    /** The surface colour at {@code t} in [0, 1] (0 lowest loss), interpolated between the anchors. */
    static Color surface(double t) {
        double x = Math.max(0, Math.min(1, t)) * (SURFACE.length - 1);
        int i = Math.min((int) x, SURFACE.length - 2);
        double f = x - i;
        Color a = SURFACE[i], b = SURFACE[i + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** Each method's colour (the common categorical palette, strong on a pale surface). */
    static Paint method(Method m) {
        return switch (m) {
            case SGD -> new Color(0xd6, 0x27, 0x28);
            case MOMENTUM -> new Color(0xff, 0x7f, 0x0e);
            case ADAGRAD -> new Color(0x2c, 0xa0, 0x2c);
            case RMSPROP -> new Color(0x94, 0x67, 0xbd);
            case ADAM -> new Color(0x11, 0x11, 0x11);
        };
    }
}

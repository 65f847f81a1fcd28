package org.autodiff.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.Window;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.ui.Drawable;

/**
 * The contour picture of a landscape: the chart of every path ({@link ContourChart#of}) on top
 * and below it a row of small multiples, one small chart per path ({@link ContourChart#panel}),
 * so that paths which run on top of each other (as all of them do along Rosenbrock's valley)
 * each stay visible. Every chart shows the same window at equal scales, one unit of w as long
 * as one unit of b, since only then do gradient paths cross the contours at right angles: the
 * window is widened to the shape of the big chart's plot area, and each small chart is fitted
 * to that shape.
 */
public final class ContourPicture implements Drawable {
    /** The small multiples take at most this share of the picture's height. */
    private static final double MAX_PANEL_SHARE = 0.4;

    private final ContourChart.Contours contours;
    private final double width, height, panelHeight;
    private final Margins panel;

    private ContourPicture(ContourChart.Contours contours, double width, double height, double panelHeight, Margins panel) {
        this.contours = contours;
        this.width = width;
        this.height = height;
        this.panelHeight = panelHeight;
        this.panel = panel;
    }

    /**
     * Lays the picture out for {@code width × height} pixels and evaluates the grid again, at the
     * same resolution, over the window widened to equal scales.
     *
     * @param landscape the paths and a grid over the window to show (widened here, never cut)
     * @param width     the picture's width in pixels
     * @param height    the picture's height in pixels
     * @return the picture
     */
    public static ContourPicture of(Landscape landscape, int width, int height) {
        Window shown = landscape.grid().window();
        // The margins around the plot areas depend on the window and the labels, not on the
        // contour lines, so they are measured on a coarse grid; in two rounds, since they change a
        // little with the window (tick labels, the colour bar's labels).
        Window equal = shown;
        double panelHeight = 0;
        Margins big = null, small = null;
        for (int round = 0; round < 2; round++) {
            ContourChart.Contours coarse = ContourChart.Contours.of(
                    new Landscape(landscape.problem(), LossGrid.evaluate(landscape.problem(), equal, 20), landscape.paths()));
            big = Margins.measure(ContourChart.of(coarse), width, height * (1 - MAX_PANEL_SHARE / 2));
            int n = landscape.paths().size();
            double bigDataWidth = width - big.horizontal();
            if (n > 0) {
                small = Margins.measure(ContourChart.panel(coarse, 0), (double) width / n, 160);
                // The panels' plot areas have the big one's shape:
                // panelHeight − small.vertical = smallDataWidth · (height − panelHeight − big.vertical) / bigDataWidth.
                double ratio = ((double) width / n - small.horizontal()) / bigDataWidth;
                panelHeight = Math.min(MAX_PANEL_SHARE * height, (small.vertical() + ratio * (height - big.vertical())) / (1 + ratio));
            }
            equal = shown.withAspect(bigDataWidth, height - panelHeight - big.vertical());
        }
        Landscape fine = new Landscape(landscape.problem(), LossGrid.evaluate(landscape.problem(), equal,
                landscape.grid().w().length), landscape.paths());
        return new ContourPicture(ContourChart.Contours.of(fine), width, height, panelHeight, small);
    }

    /** @return the landscape as drawn: its grid spans the equal-scale window */
    public Landscape landscape() {
        return contours.landscape();
    }

    @Override
    public void draw(Graphics2D g2, Rectangle2D area) {
        charts(g2, area, null);
    }

    /**
     * The plot areas of the big chart and of each small one when drawn at the laid-out size.
     *
     * @return the big chart's data area first, then each panel's
     */
    List<Rectangle2D> dataAreas() {
        List<Rectangle2D> areas = new ArrayList<>();
        BufferedImage scratch = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = scratch.createGraphics();
        try {
            charts(g2, new Rectangle2D.Double(0, 0, width, height), areas);
        } finally {
            g2.dispose();
        }
        return areas;
    }

    private void charts(Graphics2D g2, Rectangle2D area, List<Rectangle2D> dataAreas) {
        g2.setPaint(Color.WHITE);
        g2.fill(area);
        double sx = area.getWidth() / width, sy = area.getHeight() / height;
        Rectangle2D top = new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth(), (height - panelHeight) * sy);
        draw(ContourChart.of(contours), g2, top, dataAreas);
        Landscape landscape = contours.landscape();
        int n = landscape.paths().size();
        if (n == 0) {
            return;
        }
        Window window = landscape.grid().window();
        double aspect = (window.bMax() - window.bMin()) / (window.wMax() - window.wMin());
        double cellWidth = area.getWidth() / n, cellHeight = panelHeight * sy;
        double dataWidth = cellWidth - panel.horizontal() * sx, dataHeight = cellHeight - panel.vertical() * sy;
        // Shrink one side of each cell so that its plot area has the window's shape.
        if (dataHeight > dataWidth * aspect) {
            dataHeight = dataWidth * aspect;
        } else {
            dataWidth = dataHeight / aspect;
        }
        double w = dataWidth + panel.horizontal() * sx, h = dataHeight + panel.vertical() * sy;
        for (int i = 0; i < n; i++) {
            Rectangle2D cell = new Rectangle2D.Double(area.getX() + i * cellWidth + (cellWidth - w) / 2,
                    top.getMaxY() + (cellHeight - h) / 2, w, h);
            draw(ContourChart.panel(contours, i), g2, cell, dataAreas);
        }
    }

    private static void draw(JFreeChart chart, Graphics2D g2, Rectangle2D where, List<Rectangle2D> dataAreas) {
        ChartRenderingInfo info = dataAreas == null ? null : new ChartRenderingInfo();
        chart.draw(g2, where, info);
        if (dataAreas != null) {
            dataAreas.add(info.getPlotInfo().getDataArea());
        }
    }

    /** How much wider and taller a chart is than its plot area: titles, axes, legends. */
    private record Margins(double horizontal, double vertical) {
        static Margins measure(JFreeChart chart, double width, double height) {
            BufferedImage scratch = new BufferedImage((int) Math.ceil(width), (int) Math.ceil(height), BufferedImage.TYPE_INT_RGB);
            Graphics2D g2 = scratch.createGraphics();
            ChartRenderingInfo info = new ChartRenderingInfo();
            try {
                chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
            } finally {
                g2.dispose();
            }
            Rectangle2D data = info.getPlotInfo().getDataArea();
            return new Margins(width - data.getWidth(), height - data.getHeight());
        }
    }
}

package org.autodiff.cli.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.autodiff.teaching.landscape.Landmark;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.autodiff.teaching.landscape.Window;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A loss landscape seen from above: the loss over the (w, b) window as filled bands with contour
 * lines between them, each method's path from the common start drawn over it in its own colour,
 * and the start and the marked points (minimum, saddle points) in the legend.
 *
 * <p>The plot's datasets, drawn in this order: {@link #SURFACE}, {@link #CONTOURS},
 * {@link #HALOS} (a white under-stroke that keeps paths readable on any band), {@link #PATHS}
 * (one series per method, holding exactly the path's points), {@link #MARKS}.
 */
public final class ContourChart {
    static final int SURFACE = 0, CONTOURS = 1, HALOS = 2, PATHS = 3, MARKS = 4;
    static final int BANDS = 14;

    private ContourChart() {
    }

    /**
     * The window to compute the grid over so that, drawn at {@code width × height} pixels, the
     * contour plot has equal scales on both axes: the problem's window widened along one axis to
     * the shape of the plot area, which is measured by drawing the chart once.
     */
    public static Window equalScaleWindow(Landscape landscape, int width, int height) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage scratch = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = scratch.createGraphics();
        try {
            of(landscape).draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
        } finally {
            g2.dispose();
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        return landscape.problem().window().withAspect(area.getWidth(), area.getHeight());
    }

    /** The chart of {@code landscape}. */
    public static JFreeChart of(Landscape landscape) {
        LossGrid grid = landscape.grid();
        Window window = grid.window();
        Bands bands = Bands.of(grid, BANDS, landscape.problem().logScale());

        NumberAxis wAxis = axis("w", window.wMin(), window.wMax());
        NumberAxis bAxis = axis("b", window.bMin(), window.bMax());
        XYPlot plot = new XYPlot(null, wAxis, bAxis, null);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlinePaint(Color.DARK_GRAY);

        plot.setDataset(SURFACE, surface(grid));
        XYBlockRenderer blocks = new XYBlockRenderer();
        // Blocks a hair larger than the grid spacing, so antialiasing leaves no seams between them.
        blocks.setBlockWidth(1.02 * (grid.w()[1] - grid.w()[0]));
        blocks.setBlockHeight(1.02 * (grid.b()[1] - grid.b()[0]));
        blocks.setPaintScale(bands.paintScale());
        blocks.setDefaultSeriesVisibleInLegend(false);
        plot.setRenderer(SURFACE, blocks);

        plot.setDataset(CONTOURS, contours(grid, bands));
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
        lines.setDefaultSeriesVisibleInLegend(false);
        lines.setAutoPopulateSeriesPaint(false);
        lines.setAutoPopulateSeriesStroke(false);
        lines.setDefaultPaint(PlotStyle.ISO_LINE);
        lines.setDefaultStroke(PlotStyle.THIN);
        plot.setRenderer(CONTOURS, lines);

        DefaultXYDataset halos = new DefaultXYDataset();
        DefaultXYDataset paths = new DefaultXYDataset();
        XYLineAndShapeRenderer haloRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer pathRenderer = new XYLineAndShapeRenderer(true, true);
        List<OptimizerPath> list = landscape.paths();
        for (int s = 0; s < list.size(); s++) {
            OptimizerPath p = list.get(s);
            double[][] points = {p.w().clone(), p.b().clone()};
            halos.addSeries("halo " + s, points);
            paths.addSeries(seriesKey(p), points);
            PlotStyle.stylePath(haloRenderer, pathRenderer, s, list.size(), p, 2.2);
        }
        haloRenderer.setDefaultSeriesVisibleInLegend(false);
        plot.setDataset(HALOS, halos);
        plot.setRenderer(HALOS, haloRenderer);
        plot.setDataset(PATHS, paths);
        plot.setRenderer(PATHS, pathRenderer);

        plot.setDataset(MARKS, marks(landscape));
        plot.setRenderer(MARKS, marksRenderer(landscape));

        JFreeChart chart = new JFreeChart(null, PlotStyle.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(landscape.problem().description(), PlotStyle.TITLE));
        chart.addSubtitle(new TextTitle("loss contours with the path of each optimizer from the same start ("
                + (list.isEmpty() ? 0 : list.get(0).size() - 1) + " steps)", PlotStyle.SMALL));
        chart.addSubtitle(legendBar(bands));
        styleLegend(chart.getLegend());
        return chart;
    }

    /** The legend text of a path: method, learning rate and where it ended. */
    static String seriesKey(OptimizerPath p) {
        return p.method().displayName() + "  lr " + Marks.number(p.lr()) + "  → loss " + Marks.number(p.loss()[p.size() - 1]);
    }

    private static NumberAxis axis(String label, double lo, double hi) {
        NumberAxis a = new NumberAxis(label);
        a.setRange(lo, hi);
        a.setAutoRange(false);
        a.setLabelFont(PlotStyle.LABEL);
        a.setTickLabelFont(PlotStyle.SMALL);
        return a;
    }

    private static DefaultXYZDataset surface(LossGrid grid) {
        int n = grid.w().length * grid.b().length, k = 0;
        double[] x = new double[n], y = new double[n], z = new double[n];
        for (int i = 0; i < grid.b().length; i++) {
            for (int j = 0; j < grid.w().length; j++, k++) {
                x[k] = grid.w()[j];
                y[k] = grid.b()[i];
                z[k] = grid.loss()[i][j];
            }
        }
        DefaultXYZDataset d = new DefaultXYZDataset();
        d.addSeries("loss", new double[][] {x, y, z});
        return d;
    }

    private static DefaultXYDataset contours(LossGrid grid, Bands bands) {
        DefaultXYDataset d = new DefaultXYDataset();
        for (int k = 1; k + 1 < bands.edges().length; k++) {
            d.addSeries("level " + k, IsoLines.of(grid.w(), grid.b(), grid.loss(), bands.edges()[k]));
        }
        return d;
    }

    private static DefaultXYDataset marks(Landscape landscape) {
        DefaultXYDataset d = new DefaultXYDataset();
        double[] start = start(landscape);
        d.addSeries(Marks.describe("start", start[0], start[1]), new double[][] {{start[0]}, {start[1]}});
        for (Landmark m : landscape.problem().landmarks()) {
            d.addSeries(Marks.describe(m.label(), m.w(), m.b()), new double[][] {{m.w()}, {m.b()}});
        }
        return d;
    }

    /** Where the paths begin (the problem's start unless they were run from elsewhere). */
    static double[] start(Landscape landscape) {
        return landscape.paths().isEmpty() ? landscape.problem().start()
                : new double[] {landscape.paths().get(0).w()[0], landscape.paths().get(0).b()[0]};
    }

    private static XYLineAndShapeRenderer marksRenderer(Landscape landscape) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setUseOutlinePaint(true);
        r.setDrawOutlines(true);
        r.setUseFillPaint(true);
        r.setDefaultOutlinePaint(Color.BLACK);
        r.setDefaultOutlineStroke(new java.awt.BasicStroke(1.2f));
        r.setSeriesShape(0, Marks.circle(6));
        r.setSeriesPaint(0, Color.WHITE);
        r.setSeriesFillPaint(0, Color.WHITE);
        List<Landmark> landmarks = landscape.problem().landmarks();
        for (int k = 0; k < landmarks.size(); k++) {
            String label = landmarks.get(k).label();
            Color fill = PlotStyle.landmark(label);
            r.setSeriesShape(k + 1, Marks.forLabel(label));
            r.setSeriesPaint(k + 1, fill);
            r.setSeriesFillPaint(k + 1, fill);
        }
        return r;
    }

    private static PaintScaleLegend legendBar(Bands bands) {
        double[] e = bands.edges();
        ValueAxis axis;
        if (bands.log()) {
            LogAxis log = new LogAxis("loss (log scale)");
            log.setTickUnit(new NumberTickUnit(1)); // a tick at every whole decade
            log.setRange(Math.max(e[1], Double.MIN_NORMAL), e[e.length - 1]);
            axis = log;
        } else {
            NumberAxis lin = new NumberAxis("loss");
            lin.setRange(e[0], e[e.length - 1]);
            axis = lin;
        }
        axis.setLabelFont(PlotStyle.SMALL);
        axis.setTickLabelFont(PlotStyle.SMALL);
        PaintScaleLegend legend = new PaintScaleLegend(bands.paintScale(), axis);
        if (bands.log()) {
            axis.setRange(Math.max(e[1], Double.MIN_NORMAL), e[e.length - 1]); // the legend resets it to the scale's bounds
        }
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setSubdivisionCount(1000);
        legend.setStripWidth(14);
        legend.setAxisOffset(4);
        legend.setMargin(new RectangleInsets(40, 8, 40, 8));
        legend.setStripOutlineVisible(true);
        return legend;
    }

    static void styleLegend(LegendTitle legend) {
        legend.setItemFont(PlotStyle.LABEL);
        legend.setFrame(new BlockBorder(Color.LIGHT_GRAY));
        legend.setPosition(RectangleEdge.BOTTOM);
    }
}

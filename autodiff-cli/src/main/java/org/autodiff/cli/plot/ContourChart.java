package org.autodiff.cli.plot;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import org.autodiff.teaching.landscape.Landmark;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.autodiff.teaching.landscape.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A loss landscape seen from above: the loss over the (w, b) window as filled bands (one
 * {@link RasterLayer}) with contour lines between them, optimizer paths over it, each in its
 * method's colour from the common start (a white circle) to its end (a square in its colour),
 * and the marked points (minimum, saddle points). {@link #of} draws every path on one chart;
 * {@link #panel} draws one path on a small chart, for the small multiples of
 * {@link ContourPicture} that keep paths apart which run on top of each other.
 *
 * <p>The plot's datasets, drawn in this order: {@link #CONTOURS}, {@link #HALOS} (a white
 * under-stroke that keeps paths readable on any band), {@link #PATHS} (one series per path, its
 * points thinned by {@link PathPoints}), {@link #ENDS} (one series per path: its last point),
 * {@link #MARKS} (the start, then the problem's landmarks).
 */
public final class ContourChart {
    static final int CONTOURS = 0, HALOS = 1, PATHS = 2, ENDS = 3, MARKS = 4;
    static final int BANDS = 14;
    /** Path points closer than this share of the window's diagonal to the previous one drawn are left out. */
    static final double THINNING = 1.0 / 2000;
    /** The same for contour line points on the big chart (about a pixel apart) and on the small ones. */
    static final double OVERVIEW_LINES = 1.0 / 1000, PANEL_LINES = 1.0 / 250;

    private ContourChart() {
    }

    /**
     * @param landscape the grid and the paths; the grid's window is the one shown
     * @return the chart of every path, with axes, the paths' legend below and the colour bar right
     */
    public static JFreeChart of(Landscape landscape) {
        return of(Contours.of(landscape));
    }

    /**
     * @param contours the landscape with its bands and contour lines
     * @return the chart of every path, as {@link #of(Landscape)}
     */
    static JFreeChart of(Contours contours) {
        Landscape landscape = contours.landscape();
        Bands bands = contours.bands();
        List<OptimizerPath> paths = landscape.paths();
        XYPlot plot = plot(contours, paths, OVERVIEW_LINES);
        NumberAxis wAxis = (NumberAxis) plot.getDomainAxis(), bAxis = (NumberAxis) plot.getRangeAxis();
        for (NumberAxis a : new NumberAxis[] {wAxis, bAxis}) {
            a.setVisible(true);
            a.setLabelFont(PlotStyle.LABEL);
            a.setTickLabelFont(PlotStyle.SMALL);
        }
        JFreeChart chart = new JFreeChart(null, PlotStyle.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(landscape.problem().description(), PlotStyle.TITLE));
        chart.addSubtitle(new TextTitle("loss contours with each optimizer's path from the same start (○) to where it ends"
                + " (■) after " + (paths.isEmpty() ? 0 : paths.get(0).steps()) + " steps", PlotStyle.SMALL));
        chart.addSubtitle(bands.legend());
        styleLegend(chart.getLegend());
        return chart;
    }

    /**
     * @param landscape the grid and the paths; the grid's window is the one shown
     * @param path      which of the landscape's paths to draw
     * @return a small chart of that path alone, without axes or legend, titled with its method,
     *         learning rate and final loss in the method's colour
     */
    static JFreeChart panel(Landscape landscape, int path) {
        return panel(Contours.of(landscape), path);
    }

    /**
     * @param contours the landscape with its bands and contour lines
     * @param path     which of the landscape's paths to draw
     * @return the small chart of that path, as {@link #panel(Landscape, int)}
     */
    static JFreeChart panel(Contours contours, int path) {
        Landscape landscape = contours.landscape();
        OptimizerPath p = landscape.paths().get(path);
        XYPlot plot = plot(contours, List.of(p), PANEL_LINES);
        JFreeChart chart = new JFreeChart(null, PlotStyle.LABEL, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(2, 4, 2, 4));
        Paint colour = PlotStyle.method(p.method());
        chart.setTitle(new TextTitle(p.method().displayName() + "  lr " + Marks.number(p.lr()), PlotStyle.LABEL_BOLD, colour,
                RectangleEdge.TOP, TextTitle.DEFAULT_HORIZONTAL_ALIGNMENT, TextTitle.DEFAULT_VERTICAL_ALIGNMENT,
                TextTitle.DEFAULT_PADDING));
        chart.addSubtitle(new TextTitle(outcome(p, landscape.grid().window()), PlotStyle.SMALL));
        return chart;
    }

    /** The bands of the landscape's grid, as every chart of it colours them. */
    static Bands bands(Landscape landscape) {
        return Bands.of(landscape.grid(), BANDS, landscape.problem().logScale());
    }

    /** The legend text of a path: method, learning rate and how it ended. */
    static String seriesKey(OptimizerPath p, Window window) {
        return p.method().displayName() + "  lr " + Marks.number(p.lr()) + "  " + outcome(p, window);
    }

    /** "→ loss 0.0015", or why the path has no end in the picture. */
    static String outcome(OptimizerPath p, Window window) {
        int last = p.size() - 1;
        double loss = p.loss()[last];
        if (!Double.isFinite(loss) || !Double.isFinite(p.w()[last]) || !Double.isFinite(p.b()[last])) {
            return "→ diverged (loss " + Marks.number(loss) + ")";
        }
        return (window.contains(p.w()[last], p.b()[last]) ? "→ loss " : "→ left the picture, loss ") + Marks.number(loss);
    }

    /** Where the paths begin (the problem's start unless they were run from elsewhere). */
    static double[] start(Landscape landscape) {
        return landscape.paths().isEmpty() ? landscape.problem().start()
                : new double[] {landscape.paths().get(0).w()[0], landscape.paths().get(0).b()[0]};
    }

    /** The plot of {@code shown}: filled bands, contour lines, the paths and the marks; axes present but hidden. */
    private static XYPlot plot(Contours contours, List<OptimizerPath> shown, double lineThinning) {
        Landscape landscape = contours.landscape();
        Bands bands = contours.bands();
        LossGrid grid = landscape.grid();
        Window window = grid.window();
        NumberAxis wAxis = axis("w", window.wMin(), window.wMax());
        NumberAxis bAxis = axis("b", window.bMin(), window.bMax());
        XYPlot plot = new XYPlot(null, wAxis, bAxis, null);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlinePaint(Color.DARK_GRAY);

        plot.setDataset(CONTOURS, contours.lines(lineThinning));
        XYLineAndShapeRenderer lines = lineRenderer(false);
        lines.setDefaultSeriesVisibleInLegend(false);
        lines.setAutoPopulateSeriesPaint(false);
        lines.setAutoPopulateSeriesStroke(false);
        lines.setDefaultPaint(PlotStyle.ISO_LINE);
        lines.setDefaultStroke(PlotStyle.THIN);
        // Filled pixel by pixel without antialiasing: twice the resolution smooths the band edges.
        lines.addAnnotation(new RasterLayer(new FilledBands(grid, bands), 2), Layer.BACKGROUND);
        plot.setRenderer(CONTOURS, lines);

        DefaultXYDataset halos = new DefaultXYDataset(), paths = new DefaultXYDataset(), ends = new DefaultXYDataset();
        XYLineAndShapeRenderer haloRenderer = lineRenderer(false), pathRenderer = lineRenderer(true);
        XYLineAndShapeRenderer endRenderer = PlotStyle.marks();
        double tolerance = THINNING * Math.hypot(window.wMax() - window.wMin(), window.bMax() - window.bMin());
        for (int s = 0; s < shown.size(); s++) {
            OptimizerPath p = shown.get(s);
            double[][] points = PathPoints.thinned(p.w(), p.b(), tolerance);
            halos.addSeries("halo " + s, points);
            paths.addSeries(seriesKey(p, window), points);
            PlotStyle.stylePath(haloRenderer, pathRenderer, s, shown.size(), p, 2.2);
            int last = p.size() - 1;
            boolean endInside = window.contains(p.w()[last], p.b()[last]);
            ends.addSeries("end " + s, endInside ? new double[][] {{p.w()[last]}, {p.b()[last]}} : new double[2][0]);
            PlotStyle.markEnd(endRenderer, s, p.method());
        }
        haloRenderer.setDefaultSeriesVisibleInLegend(false);
        plot.setDataset(HALOS, halos);
        plot.setRenderer(HALOS, haloRenderer);
        plot.setDataset(PATHS, paths);
        plot.setRenderer(PATHS, pathRenderer);
        plot.setDataset(ENDS, ends);
        plot.setRenderer(ENDS, endRenderer);

        plot.setDataset(MARKS, marks(landscape));
        plot.setRenderer(MARKS, marksRenderer(landscape));
        return plot;
    }

    /** A renderer that draws each series as one path (one SVG element, not one per segment). */
    private static XYLineAndShapeRenderer lineRenderer(boolean shapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    private static NumberAxis axis(String label, double lo, double hi) {
        NumberAxis a = new NumberAxis(label);
        a.setRange(lo, hi);
        a.setAutoRange(false);
        a.setVisible(false);
        return a;
    }

    /**
     * A landscape with its bands and their contour lines, computed once for all the charts drawn
     * of it (on a fine grid, tracing the lines is most of the work).
     *
     * @param landscape the grid and the paths
     * @param bands     the grid's bands
     * @param lines     the contour line of each inner band edge, as {@link IsoLines} gives it
     */
    record Contours(Landscape landscape, Bands bands, List<double[][]> lines) {
        static Contours of(Landscape landscape) {
            LossGrid grid = landscape.grid();
            Bands bands = ContourChart.bands(landscape);
            List<double[][]> lines = new ArrayList<>();
            for (int k = 1; k < bands.count(); k++) {
                lines.add(IsoLines.of(grid.w(), grid.b(), grid.loss(), bands.edges()[k]));
            }
            return new Contours(landscape, bands, lines);
        }

        /**
         * @param thinning how far apart the points kept along a line are at least, as a share of
         *                 the window's diagonal: a line point per pixel or so is all a picture shows
         * @return the lines, one series per level
         */
        DefaultXYDataset lines(double thinning) {
            Window window = landscape.grid().window();
            double tolerance = thinning * Math.hypot(window.wMax() - window.wMin(), window.bMax() - window.bMin());
            DefaultXYDataset d = new DefaultXYDataset();
            for (int k = 0; k < lines.size(); k++) {
                d.addSeries("level " + (k + 1), PathPoints.thinned(lines.get(k)[0], lines.get(k)[1], tolerance));
            }
            return d;
        }
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

    private static XYLineAndShapeRenderer marksRenderer(Landscape landscape) {
        XYLineAndShapeRenderer r = PlotStyle.marks();
        PlotStyle.markStart(r, 0, true);
        List<Landmark> landmarks = landscape.problem().landmarks();
        for (int k = 0; k < landmarks.size(); k++) {
            PlotStyle.markLandmark(r, k + 1, landmarks.get(k).label(), true);
        }
        return r;
    }

    static void styleLegend(LegendTitle legend) {
        legend.setItemFont(PlotStyle.LABEL);
        legend.setFrame(new BlockBorder(Color.LIGHT_GRAY));
        legend.setPosition(RectangleEdge.BOTTOM);
    }
}

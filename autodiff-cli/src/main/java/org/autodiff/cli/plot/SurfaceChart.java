package org.autodiff.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.autodiff.teaching.landscape.Landmark;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.autodiff.teaching.landscape.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The same loss surface in 3-D: a shaded mesh seen from above at an angle (drawn far to near, so
 * nearer facets cover farther ones), with each method's path lifted onto the surface at the loss
 * it had at each step. Neither JFreeChart nor XChart draws surfaces, so {@link Projection} maps
 * (w, b, loss) to the page and JFreeChart draws the projected facets (background annotations),
 * the axes (line and text annotations) and the paths (dataset {@link #PATHS}, one series per method).
 */
public final class SurfaceChart {
    static final int HALOS = 0, PATHS = 1, MARKS = 2;
    static final int MESH = 64;

    private SurfaceChart() {
    }

    /** The 3-D view of {@code landscape}. */
    public static JFreeChart of(Landscape landscape) {
        LossGrid fine = landscape.grid();
        Window window = fine.window();
        Bands bands = Bands.of(fine, ContourChart.BANDS, landscape.problem().logScale());
        Projection view = projection(landscape);

        NumberAxis x = new NumberAxis(), y = new NumberAxis();
        x.setVisible(false);
        y.setVisible(false);
        fitBox(x, y, view);
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);

        XYLineAndShapeRenderer haloRenderer = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer pathRenderer = new XYLineAndShapeRenderer(true, true);
        drawBackEdges(pathRenderer, view);
        drawMesh(pathRenderer, LossGrid.evaluate(landscape.problem(), window, MESH + 1), bands, view);
        drawFrontAxes(pathRenderer, view, landscape.problem().logScale());

        DefaultXYDataset halos = new DefaultXYDataset(), paths = new DefaultXYDataset();
        List<OptimizerPath> list = landscape.paths();
        for (int s = 0; s < list.size(); s++) {
            OptimizerPath p = list.get(s);
            double[][] points = project(p, view);
            halos.addSeries("halo " + s, points);
            paths.addSeries(ContourChart.seriesKey(p), points);
            PlotStyle.stylePath(haloRenderer, pathRenderer, s, list.size(), p, 2);
        }
        haloRenderer.setDefaultSeriesVisibleInLegend(false);
        plot.setDataset(HALOS, halos);
        plot.setRenderer(HALOS, haloRenderer);
        plot.setDataset(PATHS, paths);
        plot.setRenderer(PATHS, pathRenderer);

        DefaultXYDataset marks = new DefaultXYDataset();
        XYLineAndShapeRenderer marksRenderer = new XYLineAndShapeRenderer(false, true);
        marksRenderer.setUseOutlinePaint(true);
        marksRenderer.setDefaultOutlinePaint(Color.BLACK);
        marksRenderer.setUseFillPaint(true);
        List<Landmark> landmarks = landscape.problem().landmarks();
        for (int k = 0; k < landmarks.size(); k++) {
            Landmark m = landmarks.get(k);
            double h = view.height(landscape.problem().loss(org.autodiff.core.Tensor.scalar(m.w()),
                    org.autodiff.core.Tensor.scalar(m.b())).item());
            marks.addSeries(Marks.describe(m.label(), m.w(), m.b()),
                    new double[][] {{view.x(m.w(), m.b())}, {view.y(m.w(), m.b(), h)}});
            Color fill = PlotStyle.landmark(m.label());
            marksRenderer.setSeriesShape(k, Marks.forLabel(m.label()));
            marksRenderer.setSeriesPaint(k, fill);
            marksRenderer.setSeriesFillPaint(k, fill);
        }
        plot.setDataset(MARKS, marks);
        plot.setRenderer(MARKS, marksRenderer);

        JFreeChart chart = new JFreeChart(null, PlotStyle.TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(landscape.problem().description(), PlotStyle.TITLE));
        chart.addSubtitle(new TextTitle("the loss surface in 3-D with each optimizer's path lifted onto it (height: "
                + (landscape.problem().logScale() ? "log(1 + loss)" : "loss") + ")", PlotStyle.SMALL));
        ContourChart.styleLegend(chart.getLegend());
        return chart;
    }

    /** The view used for {@code landscape}: from the front-left, 30° above the floor. */
    static Projection projection(Landscape landscape) {
        LossGrid grid = landscape.grid();
        return new Projection(grid.window(), grid.min(), grid.max(), landscape.problem().logScale(),
                Math.toRadians(-35), Math.toRadians(32));
    }

    /** The page points of {@code path} on the surface; points outside the window become NaN breaks. */
    static double[][] project(OptimizerPath path, Projection view) {
        double[][] out = new double[2][path.size()];
        for (int k = 0; k < path.size(); k++) {
            double w = path.w()[k], b = path.b()[k];
            boolean inside = view.window().contains(w, b) && Double.isFinite(path.loss()[k]);
            out[0][k] = inside ? view.x(w, b) : Double.NaN;
            out[1][k] = inside ? view.y(w, b, view.height(path.loss()[k])) : Double.NaN;
        }
        return out;
    }

    private static void drawMesh(XYLineAndShapeRenderer r, LossGrid mesh, Bands bands, Projection view) {
        record Facet(double depth, double[] polygon, Color colour) {
        }
        double[] w = mesh.w(), b = mesh.b();
        double[][] z = mesh.loss();
        List<Facet> facets = new ArrayList<>();
        for (int i = 0; i + 1 < b.length; i++) {
            for (int j = 0; j + 1 < w.length; j++) {
                int[][] corners = {{i, j}, {i, j + 1}, {i + 1, j + 1}, {i + 1, j}};
                double[] polygon = new double[8];
                double depth = 0, mean = 0;
                for (int c = 0; c < 4; c++) {
                    int ci = corners[c][0], cj = corners[c][1];
                    double h = view.height(z[ci][cj]);
                    polygon[2 * c] = view.x(w[cj], b[ci]);
                    polygon[2 * c + 1] = view.y(w[cj], b[ci], h);
                    depth += view.depth(w[cj], b[ci]) / 4;
                    mean += z[ci][cj] / 4;
                }
                facets.add(new Facet(depth, polygon, bands.colour(bands.bandOf(mean))));
            }
        }
        facets.sort(Comparator.comparingDouble(Facet::depth).reversed());
        BasicStroke edge = new BasicStroke(0.5f);
        for (Facet f : facets) {
            r.addAnnotation(new XYPolygonAnnotation(f.polygon(), edge, f.colour().darker(), f.colour()), Layer.BACKGROUND);
        }
    }

    /** Axis ranges that hold the projected box with a margin, so nothing is cut off. */
    private static void fitBox(NumberAxis x, NumberAxis y, Projection view) {
        Window win = view.window();
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (double w : new double[] {win.wMin(), win.wMax()}) {
            for (double b : new double[] {win.bMin(), win.bMax()}) {
                for (double h : new double[] {0, Projection.HEIGHT}) {
                    x0 = Math.min(x0, view.x(w, b));
                    x1 = Math.max(x1, view.x(w, b));
                    y0 = Math.min(y0, view.y(w, b, h));
                    y1 = Math.max(y1, view.y(w, b, h));
                }
            }
        }
        double mx = 0.08 * (x1 - x0), my = 0.06 * (y1 - y0);
        x.setRange(x0 - mx, x1 + mx);
        y.setRange(y0 - my, y1 + my);
    }

    /** The floor's two back edges, drawn before the surface so that it hides them where it should. */
    private static void drawBackEdges(XYLineAndShapeRenderer r, Projection view) {
        Window win = view.window();
        line(r, view, win.wMin(), win.bMax(), 0, win.wMax(), win.bMax(), 0, PlotStyle.THIN, Color.GRAY, Layer.BACKGROUND);
        line(r, view, win.wMin(), win.bMin(), 0, win.wMin(), win.bMax(), 0, PlotStyle.THIN, Color.GRAY, Layer.BACKGROUND);
    }

    /**
     * The two front edges of the floor as the w and b axes, and a loss axis standing at the left
     * corner, drawn over the surface.
     */
    private static void drawFrontAxes(XYLineAndShapeRenderer r, Projection view, boolean log) {
        Window win = view.window();
        BasicStroke stroke = new BasicStroke(1.4f);
        Color colour = Color.DARK_GRAY;
        double w0 = win.wMin(), w1 = win.wMax(), b0 = win.bMin(), b1 = win.bMax();
        line(r, view, w0, b0, 0, w1, b0, 0, stroke, colour, Layer.FOREGROUND);
        line(r, view, w1, b0, 0, w1, b1, 0, stroke, colour, Layer.FOREGROUND);
        line(r, view, w0, b0, 0, w0, b0, Projection.HEIGHT, stroke, colour, Layer.FOREGROUND);
        text(r, view, (w0 + w1) / 2, b0, 0, "w →", TextAnchor.TOP_RIGHT, -0.01, -0.02);
        text(r, view, w1, (b0 + b1) / 2, 0, "b →", TextAnchor.TOP_LEFT, 0.01, -0.02);
        text(r, view, w0, b0, Projection.HEIGHT, log ? "log(1 + loss) ↑" : "loss ↑", TextAnchor.BOTTOM_CENTER, 0, 0.01);
        text(r, view, w0, b0, 0, "w = " + Marks.number(w0) + ", b = " + Marks.number(b0), TextAnchor.TOP_CENTER, 0, -0.015);
        text(r, view, w1, b0, 0, "w = " + Marks.number(w1), TextAnchor.TOP_CENTER, 0, -0.015);
        text(r, view, w1, b1, 0, "b = " + Marks.number(b1), TextAnchor.TOP_LEFT, 0.01, -0.01);
    }

    private static void line(XYLineAndShapeRenderer r, Projection v, double wa, double ba, double ha, double wb, double bb,
            double hb, BasicStroke stroke, Color colour, Layer layer) {
        r.addAnnotation(new XYLineAnnotation(v.x(wa, ba), v.y(wa, ba, ha), v.x(wb, bb), v.y(wb, bb, hb), stroke, colour), layer);
    }

    private static void text(XYLineAndShapeRenderer r, Projection v, double w, double b, double h, String s, TextAnchor anchor,
            double dx, double dy) {
        XYTextAnnotation t = new XYTextAnnotation(s, v.x(w, b) + dx, v.y(w, b, h) + dy);
        t.setFont(PlotStyle.LABEL);
        t.setTextAnchor(anchor);
        r.addAnnotation(t, Layer.FOREGROUND);
    }
}

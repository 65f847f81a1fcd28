package org.autodiff.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.autodiff.core.DType;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.teaching.landscape.CurveLandmark;
import org.autodiff.teaching.landscape.CurvePath;
import org.autodiff.teaching.landscape.CurveProblem;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * A one-parameter loss as the picture students draw first: the loss curve, and for each
 * optimizer (one panel each, sharing the θ axis) the point it reached after each step with the
 * tangent there. The tangent's slope is the gradient the optimizer was given, so a reader sees
 * plain gradient descent's steps shrink as the tangents flatten and stall where the curve is
 * flat, while methods that rescale the gradient keep their pace.
 *
 * <p>Each panel's datasets, drawn in this order: {@link #CURVE}, {@link #TANGENTS} (one series
 * of segments), {@link #STEPS} (one series of points), {@link #MARKS} (start, end, then the
 * curve's landmarks).
 */
public final class TangentChart {
    static final int CURVE = 0, TANGENTS = 1, STEPS = 2, MARKS = 3;
    /** Points of the loss curve drawn across the window. */
    static final int CURVE_POINTS = 400;
    /** A tangent's length as a share of the panel's diagonal, in units of the shown θ and loss ranges. */
    static final double TANGENT_LENGTH = 0.22;
    /** A tangent is drawn at a step this share of the θ range or more from every one drawn before, and at the last step. */
    static final double TANGENT_SPACING = 0.03;
    /** Steps closer than this share of the panel (in the same units) to the last one drawn are left out. */
    static final double THINNING = 1.0 / 2000;
    /** The window grows by at most this many times its width on each side to hold the paths. */
    static final double MAX_GROWTH = 4;

    private TangentChart() {
    }

    /**
     * @param problem the curve
     * @param paths   one path per panel, top to bottom
     * @return the chart: the loss curve in each panel with that path's points and tangents
     */
    public static JFreeChart of(CurveProblem problem, List<CurvePath> paths) {
        double[] thetas = range(problem, paths);
        double[][] curve = curve(problem, thetas[0], thetas[1]);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : curve[1]) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double range = Math.max(hi - lo, 1e-12);
        // Room at the top for each panel's label, above the curve.
        double[] losses = {lo - 0.06 * range, hi + 0.22 * range};

        NumberAxis thetaAxis = new NumberAxis("θ");
        thetaAxis.setRange(thetas[0], thetas[1]);
        thetaAxis.setLabelFont(PlotStyle.LABEL);
        thetaAxis.setTickLabelFont(PlotStyle.SMALL);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(thetaAxis);
        plot.setGap(10);
        for (CurvePath p : paths) {
            plot.add(panel(problem, p, curve, thetas, losses), 1);
        }
        JFreeChart chart = new JFreeChart(null, PlotStyle.TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(problem.description(), PlotStyle.TITLE));
        chart.addSubtitle(new TextTitle("each optimizer's point after every step from the start (○) to the end (■), with the"
                + " tangent there: its slope is the gradient the optimizer was given", PlotStyle.SMALL));
        return chart;
    }

    /** The θ range shown: the problem's own, grown (within limits) to hold every path. */
    static double[] range(CurveProblem problem, List<CurvePath> paths) {
        double min = problem.thetaMin(), max = problem.thetaMax(), width = max - min;
        double lo = min, hi = max, margin = 0.03 * width;
        for (CurvePath p : paths) {
            for (double t : p.theta()) {
                if (Double.isFinite(t)) {
                    lo = Math.min(lo, Math.max(t - margin, min - MAX_GROWTH * width));
                    hi = Math.max(hi, Math.min(t + margin, max + MAX_GROWTH * width));
                }
            }
        }
        return new double[] {lo, hi};
    }

    /** The loss curve over [from, to], evaluated in one batched pass. */
    private static double[][] curve(CurveProblem problem, double from, double to) {
        Tensor theta = Tensor.linspace(DType.FLOAT64, from, to, CURVE_POINTS);
        Tensor loss;
        try (var ignored = GradMode.noGrad()) {
            loss = problem.loss(theta);
        }
        return new double[][] {theta.toDoubleArray(), loss.to(DType.FLOAT64).toDoubleArray()};
    }

    private static XYPlot panel(CurveProblem problem, CurvePath path, double[][] curve, double[] thetas, double[] losses) {
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setRange(losses[0], losses[1]);
        lossAxis.setLabelFont(PlotStyle.SMALL);
        lossAxis.setTickLabelFont(PlotStyle.SMALL);
        XYPlot plot = new XYPlot(null, null, lossAxis, null);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(PlotStyle.GRID);
        plot.setRangeGridlinePaint(PlotStyle.GRID);
        plot.setOutlinePaint(Color.DARK_GRAY);
        Color colour = (Color) PlotStyle.method(path.method());

        DefaultXYDataset curveData = new DefaultXYDataset();
        curveData.addSeries("loss", curve);
        XYLineAndShapeRenderer curveRenderer = pathRenderer(false);
        curveRenderer.setSeriesPaint(0, Color.DARK_GRAY);
        curveRenderer.setSeriesStroke(0, new BasicStroke(1.8f));
        plot.setDataset(CURVE, curveData);
        plot.setRenderer(CURVE, curveRenderer);

        // Steps and tangents in units of the shown ranges, so that "close" and "long" mean the same on both axes.
        double thetaSpan = thetas[1] - thetas[0], lossSpan = losses[1] - losses[0];
        double[] u = new double[path.size()], v = new double[path.size()];
        for (int k = 0; k < path.size(); k++) {
            u[k] = path.theta()[k] / thetaSpan;
            v[k] = path.loss()[k] / lossSpan;
        }
        int[] shown = PathPoints.kept(u, v, THINNING);
        double[][] steps = new double[2][shown.length];
        double[][] tangents = new double[2][3 * shown.length];
        int drawn = 0, last = path.size() - 1;
        TreeSet<Double> tangentAt = new TreeSet<>();
        for (int i = 0; i < shown.length; i++) {
            int k = shown[i];
            double t = path.theta()[k], l = path.loss()[k], slope = path.slope()[k];
            steps[0][i] = t;
            steps[1][i] = l;
            // Where an optimizer lingers or swings back and forth, tangents would pile up into a
            // fan: one per stretch of θ, and the last.
            Double below = tangentAt.floor(t), above = tangentAt.ceiling(t);
            boolean spaced = (below == null || t - below >= TANGENT_SPACING * thetaSpan)
                    && (above == null || above - t >= TANGENT_SPACING * thetaSpan);
            if ((spaced || k == last) && Double.isFinite(t + l + slope)) {
                // Half the tangent's extent along θ, so that its page length is the same whatever the slope.
                double half = TANGENT_LENGTH / 2 * thetaSpan / Math.hypot(1, slope * thetaSpan / lossSpan);
                segment(tangents, drawn++, t - half, l - slope * half, t + half, l + slope * half);
                tangentAt.add(t);
            }
        }
        tangents = new double[][] {Arrays.copyOf(tangents[0], 3 * drawn), Arrays.copyOf(tangents[1], 3 * drawn)};
        DefaultXYDataset tangentData = new DefaultXYDataset();
        tangentData.addSeries("tangents", tangents);
        XYLineAndShapeRenderer tangentRenderer = pathRenderer(false);
        tangentRenderer.setSeriesPaint(0, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 170));
        tangentRenderer.setSeriesStroke(0, new BasicStroke(1.3f));
        plot.setDataset(TANGENTS, tangentData);
        plot.setRenderer(TANGENTS, tangentRenderer);

        DefaultXYDataset stepData = new DefaultXYDataset();
        stepData.addSeries("steps", steps);
        XYLineAndShapeRenderer stepRenderer = new XYLineAndShapeRenderer(false, true);
        stepRenderer.setSeriesShape(0, Marks.circle(3));
        stepRenderer.setSeriesPaint(0, colour);
        plot.setDataset(STEPS, stepData);
        plot.setRenderer(STEPS, stepRenderer);

        plot.setDataset(MARKS, marks(problem, path));
        plot.setRenderer(MARKS, marksRenderer(problem, path));

        TextTitle label = new TextTitle(path.method().displayName() + "  lr " + Marks.number(path.lr()) + "  " + outcome(path),
                PlotStyle.LABEL_BOLD);
        label.setPaint(colour);
        label.setBackgroundPaint(new Color(255, 255, 255, 215));
        label.setFrame(new BlockBorder(Color.LIGHT_GRAY));
        label.setPadding(new RectangleInsets(2, 4, 2, 4));
        plot.addAnnotation(new XYTitleAnnotation(0.5, 0.98, label, RectangleAnchor.TOP));
        return plot;
    }

    /** "→ θ 0.0098, loss 9.65e−05 after 25 steps". */
    static String outcome(CurvePath p) {
        int last = p.size() - 1;
        return "→ θ " + Marks.number(p.theta()[last]) + ", loss " + Marks.number(p.loss()[last]) + " after " + p.steps() + " steps";
    }

    /** Puts the segment (x0, y0)–(x1, y1) and a NaN break at slot {@code i} of {@code series}. */
    private static void segment(double[][] series, int i, double x0, double y0, double x1, double y1) {
        series[0][3 * i] = x0;
        series[1][3 * i] = y0;
        series[0][3 * i + 1] = x1;
        series[1][3 * i + 1] = y1;
        series[0][3 * i + 2] = Double.NaN;
        series[1][3 * i + 2] = Double.NaN;
    }

    private static XYLineAndShapeRenderer pathRenderer(boolean shapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    private static DefaultXYDataset marks(CurveProblem problem, CurvePath path) {
        DefaultXYDataset d = new DefaultXYDataset();
        int last = path.size() - 1;
        d.addSeries("start", new double[][] {{path.theta()[0]}, {path.loss()[0]}});
        d.addSeries("end", new double[][] {{path.theta()[last]}, {path.loss()[last]}});
        for (CurveLandmark m : problem.landmarks()) {
            double loss = problem.loss(Tensor.scalar(m.theta())).item();
            d.addSeries(m.label(), new double[][] {{m.theta()}, {loss}});
        }
        return d;
    }

    private static XYLineAndShapeRenderer marksRenderer(CurveProblem problem, CurvePath path) {
        XYLineAndShapeRenderer r = PlotStyle.marks();
        PlotStyle.markStart(r, 0, false);
        PlotStyle.markEnd(r, 1, path.method());
        List<CurveLandmark> landmarks = problem.landmarks();
        for (int k = 0; k < landmarks.size(); k++) {
            PlotStyle.markLandmark(r, k + 2, landmarks.get(k).label(), false);
        }
        return r;
    }
}

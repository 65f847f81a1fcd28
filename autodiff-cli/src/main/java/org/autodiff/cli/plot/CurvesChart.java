package org.autodiff.cli.plot;

import java.awt.Color;
import java.util.List;
import org.autodiff.nn.train.EpochMetrics;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * Training curves: loss (top) and accuracy in percent (bottom) per epoch, on the training data
 * (solid) and the test data (dashed), sharing the epoch axis.
 */
public final class CurvesChart {
    private static final Color TRAIN = new Color(0x1f, 0x77, 0xb4), TEST = new Color(0xd6, 0x27, 0x28);

    private CurvesChart() {
    }

    /** The curves of {@code history} (one entry per epoch) under {@code title}. */
    public static JFreeChart of(List<EpochMetrics> history, String title) {
        return of(history, title, "test");
    }

    /**
     * The curves of {@code history} under {@code title}, the held-out series (the "test" fields of
     * {@link EpochMetrics}) named {@code heldOut}, e.g. "validation".
     */
    public static JFreeChart of(List<EpochMetrics> history, String title, String heldOut) {
        int n = history.size();
        double[] epoch = new double[n], trainLoss = new double[n], testLoss = new double[n], trainAcc = new double[n],
                testAcc = new double[n];
        for (int k = 0; k < n; k++) {
            EpochMetrics m = history.get(k);
            epoch[k] = m.epoch();
            trainLoss[k] = m.trainLoss();
            testLoss[k] = m.testLoss();
            trainAcc[k] = 100 * m.trainAccuracy();
            testAcc[k] = 100 * m.testAccuracy();
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false); // epochs count from 1
        epochs.setLabelFont(PlotStyle.LABEL);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);
        plot.add(panel("loss", epoch, trainLoss, testLoss, heldOut, false), 1);
        plot.add(panel("accuracy (%)", epoch, trainAcc, testAcc, heldOut, true), 1);
        JFreeChart chart = new JFreeChart(null, PlotStyle.TITLE, plot, true);
        chart.setTitle(new TextTitle(title, PlotStyle.TITLE));
        chart.setBackgroundPaint(Color.WHITE);
        ContourChart.styleLegend(chart.getLegend());
        return chart;
    }

    private static XYPlot panel(String label, double[] epoch, double[] train, double[] test, String heldOut,
            boolean inLegend) {
        DefaultXYDataset d = new DefaultXYDataset();
        d.addSeries("train", new double[][] {epoch, train});
        d.addSeries(heldOut, new double[][] {epoch, test});
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, epoch.length <= 60);
        r.setSeriesPaint(0, TRAIN);
        r.setSeriesPaint(1, TEST);
        r.setSeriesStroke(0, PlotStyle.PATH);
        r.setSeriesStroke(1, PlotStyle.DASHED);
        r.setSeriesShape(0, Marks.circle(2.5));
        r.setSeriesShape(1, Marks.circle(2.5));
        // Both panels draw the same two series; the legend lists them once.
        r.setDefaultSeriesVisibleInLegend(inLegend);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setLabelFont(PlotStyle.LABEL);
        XYPlot plot = new XYPlot(d, null, axis, r);
        plot.setBackgroundPaint(new Color(0xf7, 0xf7, 0xf7));
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}

package org.autodiff.cli.plot;

import java.awt.Color;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import org.autodiff.teaching.landscape.LossGrid;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The loss levels that split a surface into coloured bands (and where its contour lines run):
 * evenly spaced, or evenly spaced in log(loss − min) for a loss whose interesting features lie
 * orders of magnitude below its highest values (Rosenbrock's valley, the two wells of a double
 * well, whose minima an even spacing puts in one band).
 *
 * @param edges the band edges, ascending; edges[0] is the grid's minimum and the last its maximum
 * @param log whether the edges are spaced logarithmically
 */
record Bands(double[] edges, boolean log) {

    /**
     * @param grid  the losses to cover
     * @param count how many bands
     * @param log   whether to space the edges evenly in log(loss − min) rather than in loss
     * @return {@code count} bands from the grid's smallest loss to its largest
     */
    static Bands of(LossGrid grid, int count, boolean log) {
        double min = grid.min(), max = grid.max();
        if (!(max > min)) {
            max = min + 1; // a flat surface still gets a legend
        }
        double[] edges = new double[count + 1];
        // Log bands: offsets from the minimum from 10⁻⁴ of the range up to the whole range.
        double lowest = (max - min) * 1e-4;
        for (int k = 0; k <= count; k++) {
            double t = (double) k / count;
            edges[k] = !log ? min + t * (max - min)
                    : k == 0 ? min : min + lowest * Math.pow((max - min) / lowest, (double) (k - 1) / (count - 1));
        }
        return new Bands(edges, log);
    }

    /** @return the number of bands */
    int count() {
        return edges.length - 1;
    }

    /**
     * @param band a band number, 0 for the lowest
     * @return its colour, pale for the lowest
     */
    Color colour(int band) {
        return PlotStyle.surface((double) band / (count() - 1));
    }

    /**
     * @param value a loss
     * @return the band it falls in; values beyond the edges fall in the first or last band
     */
    int bandOf(double value) {
        int k = 0;
        while (k + 1 < count() && value >= edges[k + 1]) {
            k++;
        }
        return k;
    }

    /**
     * A colour bar with one equal step per band, labelled with the loss at the band edges, so
     * that linear and logarithmic spacings read alike.
     *
     * @return the legend, for the right of a chart
     */
    PaintScaleLegend legend() {
        LookupPaintScale scale = new LookupPaintScale(0, count(), colour(count() - 1));
        for (int k = 0; k < count(); k++) {
            scale.add(k, colour(k));
        }
        NumberAxis axis = new NumberAxis(log ? "loss (bands spaced logarithmically)" : "loss");
        axis.setRange(0, count());
        NumberFormat edgeLabels = new EdgeLabels(edges);
        TickUnits units = new TickUnits();
        for (int step : new int[] {1, 2, 3, 5, 7}) {
            units.add(new NumberTickUnit(step, edgeLabels));
        }
        axis.setStandardTickUnits(units);
        axis.setLabelFont(PlotStyle.SMALL);
        axis.setTickLabelFont(PlotStyle.SMALL);
        PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setSubdivisionCount(count() * 8);
        legend.setStripWidth(14);
        legend.setAxisOffset(4);
        legend.setMargin(new RectangleInsets(40, 8, 40, 8));
        legend.setStripOutlineVisible(true);
        return legend;
    }

    /** Tick labels for the colour bar: the loss at band edge k for tick k. */
    private static final class EdgeLabels extends NumberFormat {
        private final double[] edges;

        EdgeLabels(double[] edges) {
            this.edges = edges;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            int k = (int) Math.round(number);
            return k >= 0 && k < edges.length ? to.append(Marks.number(edges[k])) : to;
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("band edge labels are for display only");
        }
    }
}

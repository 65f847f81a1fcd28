package org.autodiff.cli.plot;

import java.awt.Color;
import org.autodiff.teaching.landscape.LossGrid;
import org.jfree.chart.renderer.LookupPaintScale;

/**
 * The loss levels that split a surface into coloured bands (and where its contour lines run):
 * evenly spaced, or evenly spaced in log(loss − min) for losses that span orders of magnitude.
 *
 * @param edges the band edges, ascending; edges[0] is the grid's minimum and the last its maximum
 * @param log whether the edges are spaced logarithmically
 */
record Bands(double[] edges, boolean log) {

    /** {@code count} bands covering {@code grid}'s losses. */
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

    /** The colour of each band, pale for the lowest. */
    Color colour(int band) {
        return PlotStyle.surface((double) band / (edges.length - 2));
    }

    /** A paint scale with one colour per band, for the surface and its legend. */
    LookupPaintScale paintScale() {
        double upper = edges[edges.length - 1];
        LookupPaintScale scale = new LookupPaintScale(edges[0], Math.nextUp(upper), colour(edges.length - 2));
        for (int k = 0; k + 1 < edges.length; k++) {
            scale.add(edges[k], colour(k));
        }
        return scale;
    }

    /** The band that {@code value} falls in. */
    int bandOf(double value) {
        int k = 0;
        while (k + 2 < edges.length && value >= edges[k + 1]) {
            k++;
        }
        return k;
    }
}

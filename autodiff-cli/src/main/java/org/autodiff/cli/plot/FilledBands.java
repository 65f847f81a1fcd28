package org.autodiff.cli.plot;

import java.awt.image.BufferedImage;
import org.autodiff.teaching.landscape.LossGrid;

/**
 * A loss grid's bands filled pixel by pixel: each pixel takes the colour of the band its loss
 * falls in, the loss read from the grid by bilinear interpolation. Along the grid lines that is
 * the same linear interpolation that places the contour lines ({@link IsoLines}), so the band
 * edges run along the lines instead of stepping from cell to cell.
 */
record FilledBands(LossGrid grid, Bands bands) implements RasterLayer.Painter {

    @Override
    public void paint(BufferedImage image, RasterLayer.Mapping toImage) {
        int width = image.getWidth(), height = image.getHeight();
        double[][] z = grid.loss();
        Cells columns = Cells.of(grid.w(), width, toImage::xAt);
        Cells rows = Cells.of(grid.b(), height, toImage::yAt);
        int[] colours = new int[bands.count()];
        for (int k = 0; k < colours.length; k++) {
            colours[k] = bands.colour(k).getRGB();
        }
        int[] line = new int[width];
        for (int py = 0; py < height; py++) {
            int i = rows.index[py];
            double fy = rows.fraction[py];
            double[] below = z[i], above = z[i + 1];
            for (int px = 0; px < width; px++) {
                int j = columns.index[px];
                double fx = columns.fraction[px];
                double loss = (1 - fy) * ((1 - fx) * below[j] + fx * below[j + 1])
                        + fy * ((1 - fx) * above[j] + fx * above[j + 1]);
                line[px] = Double.isNaN(loss) ? 0 : colours[bands.bandOf(loss)];
            }
            image.setRGB(0, py, width, 1, line, 0, width);
        }
    }

    /** For each pixel along one axis: the grid cell its centre lies in and how far across it. */
    private record Cells(int[] index, double[] fraction) {
        static Cells of(double[] ticks, int pixels, java.util.function.DoubleUnaryOperator valueAt) {
            int[] index = new int[pixels];
            double[] fraction = new double[pixels];
            int last = ticks.length - 1;
            double first = ticks[0], step = (ticks[last] - first) / last;
            for (int p = 0; p < pixels; p++) {
                double t = Math.max(0, Math.min(last, (valueAt.applyAsDouble(p + 0.5) - first) / step));
                index[p] = Math.min((int) t, last - 1);
                fraction[p] = t - index[p];
            }
            return new Cells(index, fraction);
        }
    }
}

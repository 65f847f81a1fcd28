package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The unfold (im2col) and fold (col2im) kernels against their definition written as plain loops
 * over every image, channel, tap and position, in blocks of one or more images side by side: any plane size, kernel, stride, padding (including
 * padding wider than the plane) and dilation, float64 and float32, one and two threads. Both
 * kernels only copy or add in the loops' order, so they must agree exactly.
 */
class JavaBackendUnfoldTest {

    @Property(tries = 200)
    void unfoldAndFoldMatchTheirDefinition(@ForAll @IntRange(min = 1, max = 2) int blocks,
                                           @ForAll @IntRange(min = 1, max = 3) int perBlock,
                                           @ForAll @IntRange(min = 1, max = 6) int channels,
                                           @ForAll @IntRange(min = 1, max = 9) int height,
                                           @ForAll @IntRange(min = 1, max = 40) int width,
                                           @ForAll @IntRange(min = 1, max = 4) int kh,
                                           @ForAll @IntRange(min = 1, max = 4) int kw,
                                           @ForAll @IntRange(min = 1, max = 3) int stride,
                                           @ForAll @IntRange(min = 0, max = 4) int padding,
                                           @ForAll @IntRange(min = 1, max = 3) int dilation) {
        int outH = outSize(height, kh, stride, padding, dilation), outW = outSize(width, kw, stride, padding, dilation);
        Assume.that(outH >= 1 && outW >= 1);
        int images = blocks * perBlock;
        Window w = new Window(height, width, kh, kw, stride, padding, dilation, outH, outW);
        Random random = new Random(images * 31L + channels * 7L + height * 3L + width);
        double[] x = new double[images * channels * height * width];
        double[] columns = new double[images * channels * w.taps() * w.positions()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(19) - 9;
        }
        for (int i = 0; i < columns.length; i++) {
            columns[i] = random.nextGaussian();
        }
        double[] expectedColumns = new double[columns.length], expectedPlanes = new double[x.length];
        float[] columnsF = new float[columns.length], expectedPlanesF = new float[x.length];
        for (int i = 0; i < columns.length; i++) {
            columnsF[i] = (float) columns[i];
        }
        definition(x, columns, columnsF, images, channels, perBlock, w, -7, expectedColumns, expectedPlanes, expectedPlanesF);
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        for (JavaBackend backend : new JavaBackend[] {new JavaBackend(1), new JavaBackend(2)}) {
            double[] unfolded = new double[columns.length], folded = new double[x.length];
            backend.unfold(x, images, channels, perBlock, w, -7, unfolded);
            backend.fold(columns, images, channels, perBlock, w, folded);
            assertArrayEquals(expectedColumns, unfolded, "unfold float64 " + w);
            assertArrayEquals(expectedPlanes, folded, "fold float64 " + w);
            float[] unfoldedF = new float[columns.length], foldedF = new float[x.length];
            backend.unfold(xf, images, channels, perBlock, w, -7, unfoldedF);
            backend.fold(columnsF, images, channels, perBlock, w, foldedF);
            for (int i = 0; i < columns.length; i++) {
                assertEquals((float) expectedColumns[i], unfoldedF[i], "unfold float32 " + w + " at " + i);
            }
            assertArrayEquals(expectedPlanesF, foldedF, "fold float32 " + w);
        }
    }

    /** The property's planes are too small to split; 8 images of 8 channels of 32×32, 3×3, split over two threads. */
    @Test
    void splitAcrossThreadsByPlanesGivesTheSameResult() {
        Window w = new Window(32, 32, 3, 3, 1, 1, 1, 32, 32);
        int images = 8, channels = 8;
        Random random = new Random(5);
        float[] x = new float[images * channels * 32 * 32], columns = new float[images * channels * w.taps() * w.positions()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] one = new float[x.length], two = new float[x.length];
        new JavaBackend(1).fold(columns, images, channels, 2, w, one);
        new JavaBackend(2).fold(columns, images, channels, 2, w, two);
        assertArrayEquals(one, two);
        float[] oneColumns = new float[columns.length], twoColumns = new float[columns.length];
        new JavaBackend(1).unfold(x, images, channels, 2, w, 0, oneColumns);
        new JavaBackend(2).unfold(x, images, channels, 2, w, 0, twoColumns);
        assertArrayEquals(oneColumns, twoColumns);
    }

    @Test
    void aWindowWithANonPositiveSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Window(4, 4, 3, 3, 0, 1, 1, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> new Window(4, 4, 3, 3, 1, -1, 1, 4, 4));
    }

    private static int outSize(int size, int kernel, int stride, int padding, int dilation) {
        int span = dilation * (kernel - 1) + 1;
        return size + 2 * padding < span ? 0 : (size + 2 * padding - span) / stride + 1;
    }

    /**
     * Unfold x with {@code fill} into {@code unfolded} (blocks of perBlock images, each
     * [C·taps, perBlock·positions]) and fold
     * {@code columns} into {@code folded} (and its float32 copy into {@code foldedF}), by the
     * definition, plane by plane in the kernels' order of taps and positions.
     */
    private static void definition(double[] x, double[] columns, float[] columnsF, int images, int channels, int perBlock,
                                   Window w, double fill, double[] unfolded, double[] folded, float[] foldedF) {
        for (int n = 0; n < images; n++) {
            for (int ch = 0; ch < channels; ch++) {
                for (int i = 0; i < w.kernelHeight(); i++) {
                    for (int j = 0; j < w.kernelWidth(); j++) {
                        int tap = i * w.kernelWidth() + j;
                        for (int r = 0; r < w.outHeight(); r++) {
                            for (int q = 0; q < w.outWidth(); q++) {
                                int block = n / perBlock, m = n % perBlock;
                                int c = block * channels * w.taps() * perBlock * w.positions()
                                        + ((ch * w.taps() + tap) * perBlock + m) * w.positions() + r * w.outWidth() + q;
                                int row = r * w.stride() - w.padding() + i * w.dilation();
                                int col = q * w.stride() - w.padding() + j * w.dilation();
                                boolean inside = row >= 0 && row < w.height() && col >= 0 && col < w.width();
                                int at = ((n * channels + ch) * w.height() + row) * w.width() + col;
                                unfolded[c] = inside ? x[at] : fill;
                                if (inside) {
                                    folded[at] += columns[c];
                                    foldedF[at] += columnsF[c];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

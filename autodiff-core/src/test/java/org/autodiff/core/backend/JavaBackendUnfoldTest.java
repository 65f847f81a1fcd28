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
 * over every plane, tap and position: any plane size, kernel, stride, padding (including padding
 * wider than the plane) and dilation, float64 and float32, one and two threads. Both kernels only
 * copy or add in the loops' order, so they must agree exactly.
 */
class JavaBackendUnfoldTest {

    @Property(tries = 200)
    void unfoldAndFoldMatchTheirDefinition(@ForAll @IntRange(min = 1, max = 40) int planes,
                                           @ForAll @IntRange(min = 1, max = 9) int height,
                                           @ForAll @IntRange(min = 1, max = 9) int width,
                                           @ForAll @IntRange(min = 1, max = 4) int kh,
                                           @ForAll @IntRange(min = 1, max = 4) int kw,
                                           @ForAll @IntRange(min = 1, max = 3) int stride,
                                           @ForAll @IntRange(min = 0, max = 4) int padding,
                                           @ForAll @IntRange(min = 1, max = 3) int dilation) {
        int outH = outSize(height, kh, stride, padding, dilation), outW = outSize(width, kw, stride, padding, dilation);
        Assume.that(outH >= 1 && outW >= 1);
        Window w = new Window(height, width, kh, kw, stride, padding, dilation, outH, outW);
        Random random = new Random(planes * 31L + height * 7L + width);
        double[] x = new double[planes * height * width];
        double[] columns = new double[planes * w.taps() * w.positions()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextInt(19) - 9;
        }
        for (int i = 0; i < columns.length; i++) {
            columns[i] = random.nextGaussian();
        }
        double[] expectedColumns = new double[columns.length], expectedPlanes = new double[x.length];
        definition(x, columns, planes, w, -7, expectedColumns, expectedPlanes);
        float[] xf = new float[x.length], columnsF = new float[columns.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        for (int i = 0; i < columns.length; i++) {
            columnsF[i] = (float) columns[i];
        }
        float[] expectedPlanesF = new float[x.length];
        definitionFold(columnsF, planes, w, expectedPlanesF);
        for (JavaBackend backend : new JavaBackend[] {new JavaBackend(1), new JavaBackend(2)}) {
            double[] unfolded = new double[columns.length], folded = new double[x.length];
            backend.unfold(x, planes, w, -7, unfolded);
            backend.fold(columns, planes, w, folded);
            assertArrayEquals(expectedColumns, unfolded, "unfold float64 " + w);
            assertArrayEquals(expectedPlanes, folded, "fold float64 " + w);
            float[] unfoldedF = new float[columns.length], foldedF = new float[x.length];
            backend.unfold(xf, planes, w, -7, unfoldedF);
            backend.fold(columnsF, planes, w, foldedF);
            for (int i = 0; i < columns.length; i++) {
                assertEquals((float) expectedColumns[i], unfoldedF[i], "unfold float32 " + w + " at " + i);
            }
            assertArrayEquals(expectedPlanesF, foldedF, "fold float32 " + w);
        }
    }

    /** The property's planes are too small to split; 64 planes of 32×32 with a 3×3 window split over two threads. */
    @Test
    void splitAcrossThreadsByPlanesGivesTheSameSums() {
        Window w = new Window(32, 32, 3, 3, 1, 1, 1, 32, 32);
        int planes = 64;
        Random random = new Random(5);
        float[] columns = new float[planes * w.taps() * w.positions()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = (float) random.nextGaussian();
        }
        float[] one = new float[planes * 32 * 32], two = new float[planes * 32 * 32];
        new JavaBackend(1).fold(columns, planes, w, one);
        new JavaBackend(2).fold(columns, planes, w, two);
        assertArrayEquals(one, two);
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

    /** Unfold with {@code fill} into {@code unfolded} and fold {@code columns} into {@code folded}, by the definition. */
    private static void definition(double[] x, double[] columns, int planes, Window w, double fill,
                                   double[] unfolded, double[] folded) {
        int c = 0;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < w.kernelHeight(); i++) {
                for (int j = 0; j < w.kernelWidth(); j++) {
                    for (int r = 0; r < w.outHeight(); r++) {
                        for (int q = 0; q < w.outWidth(); q++, c++) {
                            int row = r * w.stride() - w.padding() + i * w.dilation();
                            int col = q * w.stride() - w.padding() + j * w.dilation();
                            boolean inside = row >= 0 && row < w.height() && col >= 0 && col < w.width();
                            int at = (p * w.height() + row) * w.width() + col;
                            unfolded[c] = inside ? x[at] : fill;
                            if (inside) {
                                folded[at] += columns[c];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The fold by the definition, in float32. */
    private static void definitionFold(float[] columns, int planes, Window w, float[] folded) {
        int c = 0;
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < w.kernelHeight(); i++) {
                for (int j = 0; j < w.kernelWidth(); j++) {
                    for (int r = 0; r < w.outHeight(); r++) {
                        for (int q = 0; q < w.outWidth(); q++, c++) {
                            int row = r * w.stride() - w.padding() + i * w.dilation();
                            int col = q * w.stride() - w.padding() + j * w.dilation();
                            if (row >= 0 && row < w.height() && col >= 0 && col < w.width()) {
                                folded[(p * w.height() + row) * w.width() + col] += columns[c];
                            }
                        }
                    }
                }
            }
        }
    }
}

package org.autodiff.core.backend;

/**
 * The sliding window of an unfold (im2col) and its adjoint, the fold (col2im), over planes of
 * {@code height × width} elements, as {@code F.unfold} and {@code F.fold} take it: a
 * {@code kernelHeight × kernelWidth} window whose taps lie {@code dilation} apart, moved by
 * {@code stride} over the plane padded by {@code padding} on each side, stopping at
 * {@code outHeight × outWidth} positions. Tap (i, j) at position (r, q) reads the plane at row
 * {@code r·stride − padding + i·dilation}, column {@code q·stride − padding + j·dilation}.
 *
 * @param height the rows of a plane
 * @param width the columns of a plane
 * @param kernelHeight the window's rows
 * @param kernelWidth the window's columns
 * @param stride the step between positions
 * @param padding the rows and columns added on each side
 * @param dilation the spacing between taps
 * @param outHeight the positions down a plane
 * @param outWidth the positions across a plane
 */
public record Window(int height, int width, int kernelHeight, int kernelWidth, int stride, int padding, int dilation,
                    int outHeight, int outWidth) {
    /**
     * Checks that every size is positive, or non-negative for the padding.
     *
     * @param height the rows of a plane
     * @param width the columns of a plane
     * @param kernelHeight the window's rows
     * @param kernelWidth the window's columns
     * @param stride the step between positions
     * @param padding the rows and columns added on each side
     * @param dilation the spacing between taps
     * @param outHeight the positions down a plane
     * @param outWidth the positions across a plane
     * @throws IllegalArgumentException if a size is out of range
     */
    public Window {
        if (height < 1 || width < 1 || kernelHeight < 1 || kernelWidth < 1 || stride < 1 || padding < 0 || dilation < 1
                || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("Window: every size must be positive (padding non-negative), got plane "
                    + height + "×" + width + ", kernel " + kernelHeight + "×" + kernelWidth + ", stride " + stride
                    + ", padding " + padding + ", dilation " + dilation + ", positions " + outHeight + "×" + outWidth);
        }
    }

    /**
     * The taps of the window, kernelHeight·kernelWidth: the rows an unfold makes of each plane
     * (for a window whose unfold fits an array; the product is not checked).
     *
     * @return the number of taps
     */
    public int taps() {
        return kernelHeight * kernelWidth;
    }

    /**
     * The positions of the window, outHeight·outWidth: the columns of an unfold's result (for
     * a window whose unfold fits an array; the product is not checked).
     *
     * @return the number of positions
     */
    public int positions() {
        return outHeight * outWidth;
    }

    /**
     * The window over one plane: for tap (i, j) and position (r, q), at
     * {@code (i·kernelWidth + j)·positions + r·outWidth + q}, the index in the plane of the
     * element read, {@code row·width + column}, or -1 where it falls in the padding. The same
     * for every plane; the unfold and fold kernels add the plane's offset.
     *
     * @return taps·positions indices
     */
    int[] planeMap() {
        int[] map = new int[taps() * positions()];
        int k = 0;
        for (int i = 0; i < kernelHeight; i++) {
            for (int j = 0; j < kernelWidth; j++) {
                for (int r = 0; r < outHeight; r++) {
                    // In long: with a large stride, padding or dilation these pass 2^31.
                    long row = (long) r * stride - padding + (long) i * dilation;
                    for (int q = 0; q < outWidth; q++) {
                        long column = (long) q * stride - padding + (long) j * dilation;
                        boolean inside = row >= 0 && row < height && column >= 0 && column < width;
                        map[k++] = inside ? (int) row * width + (int) column : -1;
                    }
                }
            }
        }
        return map;
    }

    /**
     * For each row of {@code outWidth} entries of a {@link #planeMap()}, the positions that read
     * the plane: entries {@code 2·row} and {@code 2·row + 1} hold the first and one past the last
     * of them (equal where the whole row falls in the padding). At stride 1 they read consecutive
     * elements, so an unfold can copy them whole.
     *
     * @param map a plane map of this window
     * @return two bounds per row of the map
     */
    int[] insideSpans(int[] map) {
        int rows = map.length / outWidth;
        int[] spans = new int[2 * rows];
        for (int row = 0, at = 0; row < rows; row++, at += outWidth) {
            int from = 0, to = outWidth;
            while (from < outWidth && map[at + from] < 0) {
                from++;
            }
            while (to > from && map[at + to - 1] < 0) {
                to--;
            }
            spans[2 * row] = from;
            spans[2 * row + 1] = to;
        }
        return spans;
    }
}

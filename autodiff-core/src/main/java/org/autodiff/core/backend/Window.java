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
     * The first position q along a row whose tap in column j reads inside the plane: columns
     * before it fall in the left padding.
     *
     * @param j the tap's column in the window
     * @return the first q reading the plane, at most outWidth
     */
    int firstInside(int j) {
        long start = (long) j * dilation - padding;
        return start >= 0 ? 0 : (int) Math.min(outWidth, (-start + stride - 1) / stride);
    }

    /**
     * One past the last position q along a row whose tap in column j reads inside the plane:
     * columns from it on fall in the right padding.
     *
     * @param j the tap's column in the window
     * @return one past the last q reading the plane, at least {@link #firstInside(int)}
     */
    int endInside(int j) {
        long start = (long) j * dilation - padding;
        long end = width - start <= 0 ? 0 : Math.min(outWidth, (width - start + stride - 1) / stride);
        return (int) Math.max(firstInside(j), end);
    }

    /**
     * The plane's row that tap row i reads at position row r, or -1 where it falls in the padding.
     *
     * @param r the position's row
     * @param i the tap's row in the window
     * @return the row in the plane, or -1
     */
    int inputRow(int r, int i) {
        // In long: with a large stride, padding or dilation this passes 2^31.
        long row = (long) r * stride - padding + (long) i * dilation;
        return row < 0 || row >= height ? -1 : (int) row;
    }

    /**
     * The plane's column that tap column j reads at position column q, for q in
     * [{@link #firstInside(int)}, {@link #endInside(int)}).
     *
     * @param q the position's column
     * @param j the tap's column in the window
     * @return the column in the plane
     */
    int inputColumn(int q, int j) {
        return (int) ((long) q * stride - padding + (long) j * dilation);
    }
}

package org.autodiff.teaching.landscape;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * A problem's loss on a regular grid of (w, b) points. {@link #evaluate} computes all of it in one
 * batched pass of tensor ops without a graph: the w values as a row {@code [1, G]} and the b values
 * as a column {@code [G, 1]} broadcast to the {@code [G, G]} grid inside the problem's own formula.
 *
 * @param w the grid's w values, ascending
 * @param b the grid's b values, ascending
 * @param loss {@code loss[i][j]} is the loss at {@code (w[j], b[i])}: rows follow b, columns follow w
 */
public record LossGrid(double[] w, double[] b, double[][] loss) {

    /**
     * Checks that the loss has one row per b and one column per w.
     *
     * @param w    the grid's w values, increasing
     * @param b    the grid's b values, increasing
     * @param loss {@code loss[i][j]} is the loss at {@code (w[j], b[i])}
     */
    public LossGrid {
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(b, "b");
        if (loss.length != b.length || (loss.length > 0 && loss[0].length != w.length)) {
            throw new IllegalArgumentException("LossGrid: loss must be [" + b.length + "][" + w.length + "] (b by w)");
        }
    }

    /**
     * @param problem    the problem
     * @param window     the rectangle to span
     * @param resolution grid points along each axis
     * @return {@code problem}'s loss on a {@code resolution × resolution} grid spanning {@code window}, edges included
     */
    public static LossGrid evaluate(Problem problem, Window window, int resolution) {
        if (resolution < 2) {
            throw new IllegalArgumentException("LossGrid.evaluate: resolution must be at least 2, got " + resolution);
        }
        Tensor ws = Tensor.linspace(DType.FLOAT64, window.wMin(), window.wMax(), resolution);
        Tensor bs = Tensor.linspace(DType.FLOAT64, window.bMin(), window.bMax(), resolution);
        Tensor grid;
        try (var ignored = GradMode.noGrad()) {
            grid = problem.loss(ws.reshape(1, resolution), bs.reshape(resolution, 1));
        }
        if (grid.shape().rank() != 2 || grid.size(0) != resolution || grid.size(1) != resolution) {
            throw new IllegalStateException("LossGrid.evaluate: problem " + problem.id() + " returned shape " + grid.shape()
                    + " for a [1, " + resolution + "] row of w and a [" + resolution + ", 1] column of b; expected ["
                    + resolution + ", " + resolution + "]");
        }
        double[] flat = grid.to(DType.FLOAT64).toDoubleArray();
        double[][] loss = new double[resolution][resolution];
        for (int i = 0; i < resolution; i++) {
            System.arraycopy(flat, i * resolution, loss[i], 0, resolution);
        }
        return new LossGrid(ws.toDoubleArray(), bs.toDoubleArray(), loss);
    }

    /** @return the rectangle the grid spans, edges included */
    public Window window() {
        return new Window(w[0], w[w.length - 1], b[0], b[b.length - 1]);
    }

    /** @return the smallest loss on the grid */
    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double[] row : loss) {
            for (double v : row) {
                m = Math.min(m, v);
            }
        }
        return m;
    }

    /** @return the largest loss on the grid */
    public double max() {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] row : loss) {
            for (double v : row) {
                m = Math.max(m, v);
            }
        }
        return m;
    }
}

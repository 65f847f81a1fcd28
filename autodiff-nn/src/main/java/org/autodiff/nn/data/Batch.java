package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A batch of examples: features stacked along a new first dimension ({@code [b, d]} or
 * {@code [b, C, H, W]}) and the {@code b} labels.
 *
 * @param x the features, first dimension the batch
 * @param y the class labels, one per row of {@code x}; do not modify
 */
public record Batch(Tensor x, int[] y) {
    /** Checks that there is one label per row of {@code x}. */
    public Batch {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.dim() == 0 || x.size(0) != y.length) {
            throw new IllegalArgumentException("Batch: features of shape " + x.shape() + " need one label per row, got "
                    + y.length + " labels");
        }
    }

    /** Number of examples. */
    public int size() {
        return y.length;
    }

    /**
     * The labels as a 1-d float64 tensor of integral values, the convention core's
     * {@code argmax} uses for indices.
     */
    public Tensor labels() {
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            d[i] = y[i];
        }
        return Tensor.wrap(d, Shape.of(y.length));
    }
}

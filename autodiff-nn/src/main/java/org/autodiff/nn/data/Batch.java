package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A batch of examples: features stacked along a new first dimension ({@code [b, d]} or
 * {@code [b, C, H, W]}) and either the {@code b} class labels (classification) or a tensor of
 * targets with one row per example (e.g. float targets for regression).
 *
 * @param x the features, first dimension the batch
 * @param y the class labels, one per row of {@code x}, or null for a batch with {@code target}; do not modify
 * @param target the targets, first dimension the batch, or null for a batch of labels
 */
public record Batch(Tensor x, int[] y, Tensor target) {
    /**
     * Checks that there is one label or target row per row of {@code x}.
     *
     * @param x the features, first dimension the batch
     * @param y the class labels, one per row of {@code x}, or null for a batch with {@code target}
     * @param target the targets, first dimension the batch, or null for a batch of labels
     * @throws IllegalArgumentException if both {@code y} and {@code target} are null, or either does not
     *     match {@code x}'s rows
     */
    public Batch {
        Objects.requireNonNull(x, "x");
        if (y == null && target == null) {
            throw new IllegalArgumentException("Batch: needs labels y or a target; both are null (features of shape "
                    + x.shape() + ")");
        }
        if (y != null && (x.dim() == 0 || x.size(0) != y.length)) {
            throw new IllegalArgumentException("Batch: features of shape " + x.shape() + " need one label per row, got "
                    + y.length + " labels");
        }
        if (target != null && (x.dim() == 0 || target.dim() == 0 || target.size(0) != x.size(0))) {
            throw new IllegalArgumentException("Batch: features of shape " + x.shape() + " need one target row per row, got "
                    + "a target of shape " + target.shape());
        }
    }

    /**
     * A batch of class labels.
     *
     * @param x the features, first dimension the batch
     * @param y the class labels, one per row of {@code x}
     */
    public Batch(Tensor x, int[] y) {
        this(x, Objects.requireNonNull(y, "y"), null);
    }

    /**
     * A batch of targets, e.g. float targets for regression.
     *
     * @param x the features, first dimension the batch
     * @param target the targets, first dimension the batch
     */
    public Batch(Tensor x, Tensor target) {
        this(x, null, Objects.requireNonNull(target, "target"));
    }

    /**
     * Number of examples.
     *
     * @return the batch size
     */
    public int size() {
        return x.size(0);
    }

    /**
     * Whether this batch holds class labels (else a target tensor).
     *
     * @return true for labels
     */
    public boolean hasLabels() {
        return y != null;
    }

    /**
     * The labels as a 1-d float64 tensor of integral values, the convention core's
     * {@code argmax} uses for indices.
     *
     * @return the labels
     * @throws IllegalStateException for a batch of targets
     */
    public Tensor labels() {
        requireLabels();
        double[] d = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            d[i] = y[i];
        }
        return Tensor.wrap(d, Shape.of(y.length));
    }

    /**
     * What a loss compares the model's output with: the target tensor, or the labels as int64
     * class indices (what {@code Losses.crossEntropy} and {@code nllLoss} take).
     *
     * @return the targets
     */
    public Tensor targets() {
        if (target != null) {
            return target;
        }
        long[] ids = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            ids[i] = y[i];
        }
        return Tensor.of(ids, y.length);
    }

    private void requireLabels() {
        if (y == null) {
            throw new IllegalStateException("Batch: a batch of targets (shape " + target.shape() + ") has no class labels");
        }
    }
}

package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * A finite, indexable collection of examples (labelled, or with targets), like PyTorch's
 * map-style {@code torch.utils.data.Dataset}. A {@link DataLoader} reads it in batches through
 * {@link #batch(int[])}, which implementations holding their data in one tensor override to copy
 * rows directly.
 */
public interface Dataset {
    /**
     * Number of examples.
     *
     * @return the number of examples
     */
    int size();

    /**
     * The example at {@code index}, from 0 to {@code size() - 1}.
     *
     * @param index the example's index
     * @return the example
     */
    Example get(int index);

    /**
     * The examples at {@code indices}, their features stacked along a new first dimension. This
     * default stacks the results of {@link #get(int)}; all examples must have the same shape.
     *
     * @param indices the examples' indices (this default needs at least one)
     * @return the batch, in the order of {@code indices}
     */
    default Batch batch(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices");
        }
        Tensor[] features = new Tensor[indices.length];
        Tensor[] targets = new Tensor[indices.length];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Example e = get(indices[i]);
            features[i] = e.features();
            labels[i] = e.label();
            targets[i] = e.target();
            if ((targets[i] == null) != (targets[0] == null)) {
                throw new IllegalArgumentException("batch: example " + indices[i] + (targets[i] == null ? " has a label"
                        : " has a target") + " but example " + indices[0] + (targets[0] == null ? " has a label" : " has a target"));
            }
        }
        Tensor x = Tensor.stack(0, features);
        return targets[0] == null ? new Batch(x, labels) : new Batch(x, Tensor.stack(0, targets));
    }
}

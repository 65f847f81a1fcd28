package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * One example of a {@link Dataset}: its features (any shape, e.g. {@code [d]} or
 * {@code [C, H, W]}) and either its class label or its target (e.g. a float target for
 * regression).
 *
 * @param features the example's features, without a batch dimension
 * @param label the class index, from 0; −1 for an example with a target
 * @param target the example's target, without a batch dimension, or null for a labelled example
 */
public record Example(Tensor features, int label, Tensor target) {
    /**
     * Checks that the features are present.
     *
     * @param features the example's features, without a batch dimension
     * @param label the class index, from 0; −1 for an example with a target
     * @param target the example's target, or null for a labelled example
     */
    public Example {
        Objects.requireNonNull(features, "features");
    }

    /**
     * A labelled example.
     *
     * @param features the example's features, without a batch dimension
     * @param label the class index, from 0
     */
    public Example(Tensor features, int label) {
        this(features, label, null);
    }
}

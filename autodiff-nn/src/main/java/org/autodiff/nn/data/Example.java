package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * One labelled example of a {@link Dataset}: its features (any shape, e.g. {@code [d]} or
 * {@code [C, H, W]}) and its class label.
 *
 * @param features the example's features, without a batch dimension
 * @param label the class index, from 0
 */
public record Example(Tensor features, int label) {
    /** Checks that the features are present. */
    public Example {
        Objects.requireNonNull(features, "features");
    }
}

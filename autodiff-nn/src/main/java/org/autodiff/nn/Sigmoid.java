package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** Applies the logistic sigmoid 1/(1+e^{−x}) elementwise, like PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Sigmoid.forward: input is null");
        return input.sigmoid();
    }
}

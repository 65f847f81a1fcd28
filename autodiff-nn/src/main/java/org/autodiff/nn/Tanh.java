package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** Applies the hyperbolic tangent elementwise, like PyTorch's {@code nn.Tanh}. */
public final class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Tanh.forward: input is null");
        return input.tanh();
    }
}

package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** Applies the rectified linear unit max(x, 0) (gradient 0 at 0) elementwise, like PyTorch's {@code nn.ReLU}. */
public final class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "ReLU.forward: input is null");
        return input.relu();
    }
}

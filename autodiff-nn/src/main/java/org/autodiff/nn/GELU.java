package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** Applies the Gaussian error linear unit x·Φ(x) (exact, erf form) elementwise, like PyTorch's {@code nn.GELU}. */
public final class GELU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "GELU.forward: input is null");
        return input.gelu();
    }
}

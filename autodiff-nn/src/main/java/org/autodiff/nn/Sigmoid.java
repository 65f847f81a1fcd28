package org.autodiff.nn;

import org.autodiff.core.Tensor;

/** Applies the logistic sigmoid 1/(1+e^{−x}) elementwise, like PyTorch's {@code nn.Sigmoid}. */
public final class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}

package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** Applies exp(x)/Σexp(x) along one dim, like PyTorch's {@code nn.Softmax}. */
public final class Softmax extends Module {
    private final int dim;

    /**
     * Along {@code dim} (negative counts from the end).
     *
     * @param dim the dim to normalise along
     */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Softmax.forward: input is null");
        return input.softmax(dim);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}

package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** Applies max(x, 0) + slope·min(x, 0) elementwise, like PyTorch's {@code nn.LeakyReLU} (default slope 0.01). */
public final class LeakyReLU extends Module {
    private final double negativeSlope;

    /** Slope 0.01, PyTorch's default. */
    public LeakyReLU() {
        this(0.01);
    }

    /**
     * The given slope for negative inputs.
     *
     * @param negativeSlope what negative inputs are multiplied by
     */
    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "LeakyReLU.forward: input is null");
        return input.leakyRelu(negativeSlope);
    }

    @Override
    protected String extraRepr() {
        return "negativeSlope=" + negativeSlope;
    }
}

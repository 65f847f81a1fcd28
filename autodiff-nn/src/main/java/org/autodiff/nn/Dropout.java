package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

/**
 * Dropout, like PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with
 * probability p and the rest are scaled by 1/(1−p), so the expected value is unchanged; in
 * evaluation mode it is the identity.
 */
public final class Dropout extends Module {
    private final double p;
    private final Generator generator;

    /**
     * Dropout with probability {@code p}, masks drawn from the global generator.
     *
     * @param p the probability that an element is zeroed, in [0, 1]
     */
    public Dropout(double p) {
        this(p, Generator.global());
    }

    /**
     * Dropout with probability {@code p}, masks drawn from {@code generator}.
     *
     * @param p the probability that an element is zeroed, in [0, 1]
     * @param generator the random source of the masks
     */
    public Dropout(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: probability must be in [0, 1], got " + p);
        }
        this.p = p;
        this.generator = generator;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Dropout.forward: input is null");
        return isTraining() ? drop(input, p, generator) : input;
    }

    /**
     * Dropout as a function, {@code F.dropout(input, p, training=True)}: each element zeroed with
     * probability p, the rest scaled by 1/(1−p).
     *
     * @param input the input
     * @param p the probability of zeroing, in [0, 1]
     * @param generator the source of the mask
     * @return the input with dropout applied
     */
    static Tensor drop(Tensor input, double p, Generator generator) {
        if (p == 0) {
            return input;
        }
        if (p == 1) {
            return input.mul(0.0);
        }
        // keep = 1 where u < 1 − p, which happens with probability 1 − p; the mask is a constant.
        Tensor keep = Tensor.rand(generator, input.dtype(), input.shape().dims()).lt(1 - p);
        return input.mul(keep).div(1 - p);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}

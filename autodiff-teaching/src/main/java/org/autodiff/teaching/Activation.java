package org.autodiff.teaching;

import org.autodiff.core.scalar.Scalar;

/** The nonlinearity φ a {@link ScalarNeuron} applies to its weighted sum. */
public enum Activation {
    /** φ(z) = z: no nonlinearity, for an output that is a raw score. */
    LINEAR,
    /** φ(z) = tanh z. */
    TANH,
    /** φ(z) = max(0, z). */
    RELU,
    /** φ(z) = 1 / (1 + e^−z). */
    SIGMOID;

    /**
     * @param z the neuron's weighted sum
     * @return φ(z), a node of z's graph
     */
    public Scalar apply(Scalar z) {
        return switch (this) {
            case LINEAR -> z;
            case TANH -> z.tanh();
            case RELU -> z.relu();
            case SIGMOID -> z.sigmoid();
        };
    }
}

package org.autodiff.teaching;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.autodiff.core.scalar.Scalar;

/**
 * One artificial neuron, {@code y = φ(w·x + b)}, built from {@link Scalar} operations only: it
 * knows nothing about gradients, which {@link Scalar#backward()} finds through it.
 */
public final class ScalarNeuron {
    private final List<Scalar> weights;
    private final Scalar bias;
    private final Activation activation;

    /**
     * A neuron with weights drawn uniformly from (−1/√n, 1/√n) for n inputs, which keeps the
     * weighted sum of order 1 however many inputs there are, and bias 0.
     *
     * @param inputs     the number of inputs n
     * @param activation the activation φ
     * @param random     draws the initial weights
     */
    public ScalarNeuron(int inputs, Activation activation, Random random) {
        if (inputs < 1) {
            throw new IllegalArgumentException("ScalarNeuron: inputs must be at least 1, got " + inputs);
        }
        this.activation = requireNonNull(activation, "ScalarNeuron: activation is null");
        requireNonNull(random, "ScalarNeuron: random is null");
        double scale = 1 / Math.sqrt(inputs);
        List<Scalar> w = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            w.add(Scalar.of(scale * (2 * random.nextDouble() - 1)));
        }
        this.weights = Collections.unmodifiableList(w);
        this.bias = Scalar.of(0);
    }

    /**
     * @param x the inputs, one per weight
     * @return {@code φ(w·x + b)}
     */
    public Scalar apply(List<Scalar> x) {
        requireNonNull(x, "ScalarNeuron.apply: x is null");
        if (x.size() != weights.size()) {
            throw new IllegalArgumentException(
                    "ScalarNeuron.apply: " + x.size() + " inputs for a neuron of " + weights.size());
        }
        Scalar sum = bias;
        for (int i = 0; i < weights.size(); i++) {
            sum = sum.add(weights.get(i).mul(x.get(i)));
        }
        return activation.apply(sum);
    }

    /** @return the weights, then the bias */
    public List<Scalar> parameters() {
        List<Scalar> parameters = new ArrayList<>(weights);
        parameters.add(bias);
        return parameters;
    }
}

package org.autodiff.nn.teaching;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autodiff.core.scalar.Scalar;

/** A fully connected layer: several {@link Neuron}s reading the same inputs. */
public final class Layer {
    private final List<Neuron> neurons;

    /** {@code outputs} neurons of {@code inputs} inputs each, initialised from {@code random}. */
    public Layer(int inputs, int outputs, Activation activation, Random random) {
        if (outputs < 1) {
            throw new IllegalArgumentException("Layer: outputs must be at least 1, got " + outputs);
        }
        requireNonNull(random, "Layer: random is null");
        neurons = new ArrayList<>(outputs);
        for (int i = 0; i < outputs; i++) {
            neurons.add(new Neuron(inputs, activation, random));
        }
    }

    /** Each neuron's output, in order. */
    public List<Scalar> apply(List<Scalar> x) {
        List<Scalar> out = new ArrayList<>(neurons.size());
        for (Neuron neuron : neurons) {
            out.add(neuron.apply(x));
        }
        return out;
    }

    /** Every neuron's parameters, neuron by neuron. */
    public List<Scalar> parameters() {
        List<Scalar> parameters = new ArrayList<>();
        for (Neuron neuron : neurons) {
            parameters.addAll(neuron.parameters());
        }
        return parameters;
    }
}

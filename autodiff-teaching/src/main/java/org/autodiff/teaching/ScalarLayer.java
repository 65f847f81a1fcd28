package org.autodiff.teaching;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autodiff.core.scalar.Scalar;

/** A fully connected layer: several {@link ScalarNeuron}s reading the same inputs. */
public final class ScalarLayer {
    private final List<ScalarNeuron> neurons;

    /**
     * {@code outputs} neurons of {@code inputs} inputs each, initialised from {@code random}.
     *
     * @param inputs     the number of inputs of each neuron
     * @param outputs    the number of neurons
     * @param activation every neuron's activation
     * @param random     draws the initial weights
     */
    public ScalarLayer(int inputs, int outputs, Activation activation, Random random) {
        if (outputs < 1) {
            throw new IllegalArgumentException("ScalarLayer: outputs must be at least 1, got " + outputs);
        }
        requireNonNull(random, "ScalarLayer: random is null");
        neurons = new ArrayList<>(outputs);
        for (int i = 0; i < outputs; i++) {
            neurons.add(new ScalarNeuron(inputs, activation, random));
        }
    }

    /**
     * @param x the inputs, as many as each neuron takes
     * @return each neuron's output, in order
     */
    public List<Scalar> apply(List<Scalar> x) {
        List<Scalar> out = new ArrayList<>(neurons.size());
        for (ScalarNeuron neuron : neurons) {
            out.add(neuron.apply(x));
        }
        return out;
    }

    /** @return every neuron's parameters, neuron by neuron */
    public List<Scalar> parameters() {
        List<Scalar> parameters = new ArrayList<>();
        for (ScalarNeuron neuron : neurons) {
            parameters.addAll(neuron.parameters());
        }
        return parameters;
    }
}

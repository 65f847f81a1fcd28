package org.autodiff.teaching;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.autodiff.core.scalar.Scalar;

/**
 * A multilayer perceptron on the scalar engine: layers applied in turn, the hidden ones with a
 * chosen nonlinearity and the last one linear, so that it outputs raw scores for a loss to
 * interpret.
 *
 * <pre>{@code
 * ScalarMlp model = new ScalarMlp(2, new int[] {16, 16, 1}, Activation.TANH, 42);
 * Scalar score = model.apply(Scalar.leaves(0.5, -1.0)).get(0);
 * }</pre>
 */
public final class ScalarMlp {
    private final int inputs;
    private final List<ScalarLayer> layers;

    /**
     * @param inputs           the number of inputs
     * @param layerSizes       the number of neurons in each layer; the last is the output size
     * @param hiddenActivation the nonlinearity of every layer but the last
     * @param seed             seeds the weights, so the same arguments give the same network
     */
    public ScalarMlp(int inputs, int[] layerSizes, Activation hiddenActivation, long seed) {
        requireNonNull(layerSizes, "ScalarMlp: layerSizes is null");
        requireNonNull(hiddenActivation, "ScalarMlp: hiddenActivation is null");
        if (layerSizes.length == 0) {
            throw new IllegalArgumentException("ScalarMlp: layerSizes is empty; give at least the output layer");
        }
        this.inputs = inputs;
        Random random = new Random(seed);
        layers = new ArrayList<>(layerSizes.length);
        int fanIn = inputs;
        for (int i = 0; i < layerSizes.length; i++) {
            boolean last = i == layerSizes.length - 1;
            layers.add(new ScalarLayer(fanIn, layerSizes[i], last ? Activation.LINEAR : hiddenActivation, random));
            fanIn = layerSizes[i];
        }
    }

    /**
     * @param x the network's inputs
     * @return the outputs of the last layer
     */
    public List<Scalar> apply(List<Scalar> x) {
        requireNonNull(x, "ScalarMlp.apply: x is null");
        if (x.size() != inputs) {
            throw new IllegalArgumentException("ScalarMlp.apply: " + x.size() + " inputs for a network of " + inputs);
        }
        List<Scalar> activations = x;
        for (ScalarLayer layer : layers) {
            activations = layer.apply(activations);
        }
        return activations;
    }

    /** @return every weight and bias, layer by layer: what gradient descent updates */
    public List<Scalar> parameters() {
        List<Scalar> parameters = new ArrayList<>();
        for (ScalarLayer layer : layers) {
            parameters.addAll(layer.parameters());
        }
        return parameters;
    }

    /** Resets the gradient of every parameter, before the next backward pass adds into them. */
    public void zeroGrad() {
        for (Scalar p : parameters()) {
            p.zeroGrad();
        }
    }
}

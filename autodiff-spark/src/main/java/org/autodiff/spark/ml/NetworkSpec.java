package org.autodiff.spark.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.nn.GELU;
import org.autodiff.nn.MLP;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.Sigmoid;
import org.autodiff.nn.Tanh;
import org.autodiff.spark.ModelFactory;

/**
 * The architecture of an estimator's network, a float64 MLP: what the executors need to build
 * their replicas and what a saved model needs to be rebuilt (stored in its safetensors metadata).
 *
 * @param inputs the number of features
 * @param hidden the hidden layers' widths
 * @param outputs the number of classes, or 1 for a regressor
 * @param activation relu, tanh, sigmoid or gelu
 * @param seed the seed of the initial weights
 */
record NetworkSpec(int inputs, int[] hidden, int outputs, String activation, long seed) implements ModelFactory {
    private static final long serialVersionUID = 1L;
    static final String[] ACTIVATIONS = {"relu", "tanh", "sigmoid", "gelu"};

    NetworkSpec {
        hidden = hidden.clone();
        activation(activation);
    }

    @Override
    public Module create() {
        return MLP.builder(inputs).hidden(hidden).output(outputs).activation(activation(activation))
                .dtype(DType.FLOAT64).generator(new Generator(seed)).build();
    }

    private static Supplier<Module> activation(String name) {
        return switch (name) {
            case "relu" -> ReLU::new;
            case "tanh" -> Tanh::new;
            case "sigmoid" -> Sigmoid::new;
            case "gelu" -> GELU::new;
            default -> throw new IllegalArgumentException("NetworkSpec: activation must be one of "
                    + Arrays.toString(ACTIVATIONS) + ", got '" + name + "'");
        };
    }

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("inputs", Integer.toString(inputs));
        m.put("hidden", Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("outputs", Integer.toString(outputs));
        m.put("activation", activation);
        m.put("seed", Long.toString(seed));
        return m;
    }

    static NetworkSpec fromMetadata(Map<String, String> m) {
        String hidden = m.getOrDefault("hidden", "");
        try {
            return new NetworkSpec(Integer.parseInt(m.get("inputs")),
                    hidden.isEmpty() ? new int[0] : Arrays.stream(hidden.split(",")).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(m.get("outputs")), m.get("activation"), Long.parseLong(m.get("seed")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the saved model's metadata " + m + " does not describe a network: " + e, e);
        }
    }
}

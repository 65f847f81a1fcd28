package org.autodiff.bench;

import java.util.ArrayList;
import java.util.List;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * A multilayer perceptron built straight from core tensor ops (the nn module is not a
 * dependency of the benchmarks): {@code x·W + b} per layer, relu between layers, float32.
 * Weights are uniform in ±1/√fanIn from {@link BenchData}, as the peers' are.
 */
final class Mlp {
    private final List<Tensor> weights = new ArrayList<>();
    private final List<Tensor> biases = new ArrayList<>();

    /** Layer widths, input first: {@code 784, 256, 10}. */
    Mlp(int... widths) {
        for (int layer = 0; layer + 1 < widths.length; layer++) {
            int in = widths[layer], out = widths[layer + 1];
            double bound = 1 / Math.sqrt(in);
            weights.add(Tensor.of(BenchData.uniform(10 + layer, in * out, bound), in, out).requiresGrad(true));
            biases.add(Tensor.of(BenchData.uniform(20 + layer, out, bound), out).requiresGrad(true));
        }
    }

    /** The logits of a [batch, widths[0]] input. */
    Tensor forward(Tensor x) {
        Tensor h = x;
        for (int layer = 0; layer < weights.size(); layer++) {
            h = h.matmul(weights.get(layer)).add(biases.get(layer));
            if (layer + 1 < weights.size()) {
                h = h.relu();
            }
        }
        return h;
    }

    /** Weights and biases, in layer order. */
    List<Tensor> parameters() {
        List<Tensor> all = new ArrayList<>();
        for (int layer = 0; layer < weights.size(); layer++) {
            all.add(weights.get(layer));
            all.add(biases.get(layer));
        }
        return all;
    }

    /** Plain SGD, {@code p -= lr·grad}, then clears the gradients for the next step. */
    static void sgdStep(List<Tensor> parameters, double lr) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            for (Tensor p : parameters) {
                p.addInPlace(p.grad(), -lr);
                p.zeroGrad();
            }
        }
    }
}

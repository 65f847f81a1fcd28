package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.nn.loss.Losses;
import org.junit.jupiter.api.Test;

/** The gradient of a loss flows through Conv2d, MaxPool2d, Flatten and Linear modules correctly. */
class ConvNetTest {
    @Test
    void smallCnnGradientsMatchCentralDifferences() {
        Generator g = new Generator(21);
        Sequential net = new Sequential(
                new Conv2d(2, 3, 3, 1, 1, 1, 1, true, DType.FLOAT64, g), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(3 * 3 * 3, 4, true, DType.FLOAT64, g));
        Tensor x = Tensor.randn(g, DType.FLOAT64, 2, 2, 6, 6);
        int[] targets = {1, 3};
        Tensor logits = net.forward(x);
        assertEquals(Shape.of(2, 4), logits.shape());
        Losses.crossEntropy(logits, targets).backward();

        double h = 1e-6;
        for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
            Tensor p = e.getValue();
            assertNotNull(p.grad(), e.getKey());
            double[] grad = p.grad().toDoubleArray();
            // A few entries of each parameter: the flat indices 0, numel/2 and numel−1.
            for (int i : new int[] {0, p.numel() / 2, p.numel() - 1}) {
                double plus = lossAfterNudge(net, x, targets, p, i, h);
                double minus = lossAfterNudge(net, x, targets, p, i, -h);
                assertClose((plus - minus) / (2 * h), grad[i], 1e-5, 1e-8, e.getKey() + "[" + i + "]");
            }
        }
    }

    private static double lossAfterNudge(Module net, Tensor x, int[] targets, Tensor p, int index, double delta) {
        double[] bump = new double[p.numel()];
        bump[index] = delta;
        Tensor bumpT = Tensor.of(bump, p.shape().dims());
        try (var ignored = GradMode.noGrad()) {
            p.addInPlace(bumpT, 1);
            double loss = Losses.crossEntropy(net.forward(x), targets).item();
            p.addInPlace(bumpT, -1);
            return loss;
        }
    }
}

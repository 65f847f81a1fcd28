package org.autodiff.nn.optim;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Parameter;
import org.junit.jupiter.api.Test;

/**
 * The hyperparameters the golden file does not cover, checked against first steps worked out by
 * hand from the algorithm boxes in PyTorch's documentation (and its implementation where they
 * differ: AMSGrad takes the maximum of the raw v). One scalar parameter starting at 1, gradients
 * set directly.
 */
class OptimizerRulesTest {
    /** Runs {@code opt} over the given gradients and returns the parameter after each step. */
    private static double[] run(Function<List<Tensor>, Optimizer> make, double... grads) {
        Tensor p = Parameter.of(Tensor.of(new double[] {1.0}, 1));
        Optimizer opt = make.apply(List.of(p));
        double[] out = new double[grads.length];
        for (int k = 0; k < grads.length; k++) {
            p.setGrad(Tensor.of(new double[] {grads[k]}, 1));
            opt.step();
            out[k] = p.item();
        }
        return out;
    }

    private static void assertSteps(double[] expected, double[] actual) {
        assertClose(expected, actual, 1e-14, 1e-15, "parameter");
    }

    @Test
    void sgdWithWeightDecayMomentumAndDampening() {
        // g₁ = 2 + 0.1·1 = 2.1, b = 2.1, θ = 1 − 0.21 = 0.79
        // g₂ = −1 + 0.1·0.79 = −0.921, b = 0.9·2.1 + 0.5·(−0.921) = 1.4295, θ = 0.79 − 0.14295 = 0.64705
        assertSteps(new double[] {0.79, 0.64705},
                run(p -> new SGD(p, 0.1).momentum(0.9).dampening(0.5).weightDecay(0.1), 2, -1));
    }

    @Test
    void sgdNesterov() {
        // b = 2, g = 2 + 0.9·2 = 3.8, θ = 0.62;  b = 1.8 − 1 = 0.8, g = −1 + 0.72 = −0.28, θ = 0.648
        assertSteps(new double[] {0.62, 0.648}, run(p -> new SGD(p, 0.1).momentum(0.9).nesterov(true), 2, -1));
        assertThrows(IllegalStateException.class, () -> run(p -> new SGD(p, 0.1).nesterov(true), 1));
        assertThrows(IllegalStateException.class,
                () -> run(p -> new SGD(p, 0.1).momentum(0.9).dampening(0.1).nesterov(true), 1));
    }

    @Test
    void sgdMaximizeClimbs() {
        assertSteps(new double[] {1.2, 1.1}, run(p -> new SGD(p, 0.1).maximize(true), 2, -1));
    }

    @Test
    void adagradWithLrDecayWeightDecayAndInitialAccumulator() {
        // step 1: γ̃ = 0.1, g = 2.1, sum = 0.5 + 4.41 = 4.91, θ = 1 − 0.1·2.1/(√4.91 + ε)
        double eps = 1e-10;
        double p1 = 1 - 0.1 * 2.1 / (Math.sqrt(4.91) + eps);
        // step 2: γ̃ = 0.1/(1 + 0.5), g = −1 + 0.1·θ₁
        double g2 = -1 + 0.1 * p1;
        double p2 = p1 - 0.1 / 1.5 * g2 / (Math.sqrt(4.91 + g2 * g2) + eps);
        assertSteps(new double[] {p1, p2},
                run(p -> new Adagrad(p, 0.1).lrDecay(0.5).weightDecay(0.1).initialAccumulatorValue(0.5), 2, -1));
    }

    @Test
    void rmspropCenteredWithMomentumAndWeightDecay() {
        double a = 0.9;
        double eps = 1e-8;
        // step 1: g = 2.1, v = 0.1·4.41 = 0.441, g_ave = 0.21, ṽ = 0.441 − 0.0441 = 0.3969 (√ = 0.63)
        double b1 = 2.1 / (0.63 + eps);
        double p1 = 1 - 0.01 * b1;
        // step 2
        double g2 = -1 + 0.1 * p1;
        double v2 = a * 0.441 + (1 - a) * g2 * g2;
        double gAve2 = a * 0.21 + (1 - a) * g2;
        double b2 = 0.5 * b1 + g2 / (Math.sqrt(v2 - gAve2 * gAve2) + eps);
        double p2 = p1 - 0.01 * b2;
        assertSteps(new double[] {p1, p2},
                run(p -> new RMSprop(p, 0.01).alpha(a).centered(true).momentum(0.5).weightDecay(0.1), 2, -1));
    }

    @Test
    void adamBiasCorrectionMakesTheFirstStepLr() {
        // m̂₁ = g, v̂₁ = g², so θ₁ = θ₀ − γ·g/(|g| + ε) ≈ θ₀ − γ·sign(g) whatever the betas.
        assertSteps(new double[] {1 - 0.1 * 5 / (5 + 1e-8)}, run(p -> new Adam(p, 0.1).betas(0.5, 0.7), 5));
    }

    @Test
    void adamAmsgradKeepsTheLargestRawSecondMoment() {
        // β = (0.9, 0.5), g = 2 then 0.1: v₁ = 2, v₂ = 1.005 < v_max = 2.
        double m2 = 0.9 * 0.2 + 0.1 * 0.1;                  // m₁ = 0.2
        double p1 = 1 - 0.1 * 2 / (2 + 1e-8);
        double vHat2 = 2 / (1 - 0.25);                       // v_max / (1 − β₂²)
        double p2 = p1 - 0.1 * (m2 / (1 - 0.81)) / (Math.sqrt(vHat2) + 1e-8);
        assertSteps(new double[] {p1, p2}, run(p -> new Adam(p, 0.1).betas(0.9, 0.5).amsgrad(true), 2, 0.1));
        double[] plain = run(p -> new Adam(p, 0.1).betas(0.9, 0.5), 2, 0.1);
        assertNotEquals(p2, plain[1], "without amsgrad the second step differs");
    }

    @Test
    void adamWeightDecayIsL2AndAdamWIsDecoupled() {
        // Adam: g = 2 + 0.5·1 = 2.5, first step θ = 1 − 0.1·2.5/(2.5 + ε).
        assertSteps(new double[] {1 - 0.1 * 2.5 / (2.5 + 1e-8)}, run(p -> new Adam(p, 0.1).weightDecay(0.5), 2));
        // AdamW: θ ← θ(1 − γλ) = 0.95, then θ − 0.1·2/(2 + ε).
        assertSteps(new double[] {0.95 - 0.1 * 2 / (2 + 1e-8)}, run(p -> new AdamW(p, 0.1).weightDecay(0.5), 2));
        // AdamW's default decay is 1e-2.
        assertSteps(new double[] {(1 - 0.1 * 1e-2) - 0.1 * 2 / (2 + 1e-8)}, run(p -> new AdamW(p, 0.1), 2));
        assertSteps(new double[] {1 + 0.1 * 2 / (2 + 1e-8)}, run(p -> new Adam(p, 0.1).maximize(true), 2));
    }

    @Test
    void parametersWithoutGradientAreSkippedAndZeroGradClears() {
        Tensor a = Parameter.of(Tensor.of(new double[] {1, 2}, 2));
        Tensor b = Parameter.of(Tensor.of(new double[] {3}, 1));
        SGD sgd = new SGD(List.of(a, b), 0.5);
        a.setGrad(Tensor.of(new double[] {1, 1}, 2));
        sgd.step();
        assertArrayEquals(new double[] {0.5, 1.5}, a.toDoubleArray());
        assertArrayEquals(new double[] {3}, b.toDoubleArray());
        sgd.zeroGrad();
        assertEquals(null, a.grad());
    }

    @Test
    void stepDetectsThatASavedParameterChanged() {
        Tensor w = Parameter.of(Tensor.of(new double[] {2}, 1));
        Tensor y = w.mul(w).sum();          // saves w for its backward
        w.setGrad(Tensor.of(new double[] {1}, 1));
        new SGD(List.of(w), 0.1).step();
        RuntimeException e = assertThrows(RuntimeException.class, y::backward);
        assertTrue(e.getMessage().contains("modified by an in-place operation"), e.getMessage());
    }

    @Test
    void rejectsBadParametersAndHyperparameters() {
        Tensor p = Parameter.of(Tensor.of(new double[] {1}, 1));
        // As torch.optim: a computed tensor is refused, a leaf that does not require grad (frozen) is taken.
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p.mul(2.0))));
        new SGD(List.of(Tensor.of(new double[] {1}, 1)));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p, p)));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(p), -1));
        assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(p)).betas(1.0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(List.of(p)).eps(-1));
    }
}

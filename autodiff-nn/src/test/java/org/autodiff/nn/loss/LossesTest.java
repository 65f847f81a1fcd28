package org.autodiff.nn.loss;

import static org.autodiff.nn.Assertions.assertClose;
import static org.autodiff.nn.Assertions.assertGolden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.autodiff.core.Autograd;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.Json;
import org.junit.jupiter.api.Test;

class LossesTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> goldenCase(String op) {
        Map<String, Object> golden = (Map<String, Object>) Json.readResource("/golden/ops.json");
        return ((List<Map<String, Object>>) golden.get("cases")).stream().filter(c -> op.equals(c.get("op"))).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Tensor goldenTensor(Map<String, Object> c, String field, int i) {
        List<Object> shape = ((List<List<Object>>) c.get("shapes")).get(i);
        int[] dims = shape.stream().mapToInt(d -> ((Double) d).intValue()).toArray();
        return Tensor.of(Json.flatten(((List<Object>) c.get(field)).get(i)), dims);
    }

    /** Output, VJP (reverse) and JVP (forward) of a golden case of a loss of its inputs. */
    private static void checkGolden(String op, Function<Tensor[], Tensor> loss) {
        Map<String, Object> c = goldenCase(op);
        int n = ((List<?>) c.get("inputs")).size();
        Tensor[] inputs = new Tensor[n];
        Tensor[] duals = new Tensor[n];
        for (int i = 0; i < n; i++) {
            inputs[i] = goldenTensor(c, "inputs", i).requiresGrad(true);
            duals[i] = goldenTensor(c, "inputs", i).withTangent(goldenTensor(c, "tangents", i));
        }
        Tensor out = loss.apply(inputs);
        assertGolden(Json.flatten(c.get("output")), out, op + " output");
        Tensor[] vjp = Autograd.grad(new Tensor[] {out}, inputs,
                new Tensor[] {Tensor.scalar((Double) c.get("cotangent"))}, false, false, false);
        for (int i = 0; i < n; i++) {
            assertGolden(Json.flatten(((List<Object>) c.get("vjp")).get(i)), vjp[i], op + " vjp " + i);
        }
        assertGolden(Json.flatten(c.get("jvp")), loss.apply(duals).tangent(), op + " jvp");
    }

    @Test
    void crossEntropyMatchesPyTorchGolden() {
        checkGolden("cross_entropy", in -> Losses.crossEntropy(in[0], new int[] {0, 2, 1, 2}));
    }

    @Test
    void mseMatchesPyTorchGolden() {
        checkGolden("mse", in -> Losses.mseLoss(in[0], in[1]));
    }

    @Test
    void labelSmoothingMixesTheUniformDistributionIn() {
        double[] z = {1, 2, 3, 0.5, -1, 2};
        Tensor logits = Tensor.of(z, 2, 3);
        int[] targets = {0, 2};
        double eps = 0.3;
        double expectedSum = 0;
        for (int i = 0; i < 2; i++) {
            double lse = Math.log(Math.exp(z[3 * i]) + Math.exp(z[3 * i + 1]) + Math.exp(z[3 * i + 2]));
            double nll = lse - z[3 * i + targets[i]];
            double uniform = lse - (z[3 * i] + z[3 * i + 1] + z[3 * i + 2]) / 3;
            expectedSum += (1 - eps) * nll + eps * uniform;
        }
        assertClose(expectedSum / 2, Losses.crossEntropy(logits, targets, eps, Reduction.MEAN).item(), 1e-14, 0, "mean");
        assertClose(expectedSum, Losses.crossEntropy(logits, targets, eps, Reduction.SUM).item(), 1e-14, 0, "sum");
        assertEquals(Shape.of(2), Losses.crossEntropy(logits, targets, eps, Reduction.NONE).shape());
    }

    @Test
    void crossEntropyIsNllOfLogSoftmaxAndStaysFiniteForHugeLogits() {
        Tensor logits = Tensor.of(new double[] {1000, 0, -1000, 3, 1e4, 2}, 2, 3);
        int[] targets = {1, 1};
        Tensor ce = Losses.crossEntropy(logits, targets, 0, Reduction.NONE);
        assertArrayEquals(Losses.nllLoss(logits.logSoftmax(1), targets, Reduction.NONE).toDoubleArray(),
                ce.toDoubleArray());
        assertArrayEquals(new double[] {1000, 0}, ce.toDoubleArray(), 1e-12);
        Tensor leaf = logits.detach().requiresGrad(true);
        Losses.crossEntropy(leaf, targets).backward();
        // ∂/∂z of the mean = (softmax(z) − onehot) / N.
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0, 0, 0}, leaf.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void classIndexLossesRejectBadTargets() {
        Tensor logits = Tensor.zeros(DType.FLOAT64, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.crossEntropy(logits, new int[] {0, 3}));
        assertTrue(e.getMessage().contains("target 3 at position 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.nllLoss(logits, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.zeros(DType.FLOAT64, 3), new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> Losses.mseLoss(logits, Tensor.zeros(DType.FLOAT64, 3)));
    }

    @Test
    void bceWithLogitsIsStableAtExtremesAndExactNearZero() {
        Tensor x = Tensor.of(new double[] {-1000, -1000, 1000, 1000, -30, 0.7}, 6);
        Tensor y = Tensor.of(new double[] {0, 1, 0, 1, 0, 0.25}, 6);
        double[] loss = Losses.binaryCrossEntropyWithLogits(x, y, Reduction.NONE).toDoubleArray();
        double naive = -(0.25 * Math.log(1 / (1 + Math.exp(-0.7))) + 0.75 * Math.log(1 - 1 / (1 + Math.exp(-0.7))));
        double[] expected = {0, 1000, 1000, 0, Math.exp(-30), naive};
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], loss[i], 1e-13, 1e-300, "loss[" + i + "]");
        }
    }

    @Test
    void bceWithLogitsGradientIsSigmoidMinusTargetEvenAtZero() {
        Tensor x = Tensor.of(new double[] {0, 0, -800, 800, 1.5}, 5).requiresGrad(true);
        Tensor y = Tensor.of(new double[] {0, 0.8, 1, 0, 0.3}, 5);
        Losses.binaryCrossEntropyWithLogits(x, y, Reduction.SUM).backward();
        double s = 1 / (1 + Math.exp(-1.5));
        assertArrayEquals(new double[] {0.5, -0.3, -1, 1, s - 0.3}, x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        Tensor input = Tensor.of(new double[] {0.5, -3, 2, 1}, 4);
        Tensor target = Tensor.zeros(DType.FLOAT64, 4);
        double delta = 2;
        // |d| < δ: ½d²; otherwise δ(|d| − ½δ); at |d| = δ both give 2.
        assertArrayEquals(new double[] {0.125, 4, 2, 0.5},
                Losses.huberLoss(input, target, delta, Reduction.NONE).toDoubleArray(), 1e-15);
        assertClose((0.125 + 4 + 2 + 0.5) / 4, Losses.huberLoss(input, target, delta).item(), 1e-15, 0, "mean");
        Tensor leaf = input.detach().requiresGrad(true);
        Losses.huberLoss(leaf, target, delta, Reduction.SUM).backward();
        assertArrayEquals(new double[] {0.5, -2, 2, 1}, leaf.grad().toDoubleArray(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Losses.huberLoss(input, target, 0));
    }

    @Test
    void reductionsAgree() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new double[] {0, 0, 1, 1}, 2, 2);
        assertArrayEquals(new double[] {1, 4, 4, 9}, Losses.mseLoss(a, b, Reduction.NONE).toDoubleArray());
        assertEquals(18, Losses.mseLoss(a, b, Reduction.SUM).item());
        assertEquals(4.5, Losses.mseLoss(a, b).item());
    }
}

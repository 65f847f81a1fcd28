package org.autodiff.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.autodiff.core.Autograd;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The conventions no difference quotient can check: subgradients at kinks, how ties share a
 * gradient, IEEE non-finite values, stability at large inputs, and empty tensors. Each follows PyTorch.
 */
class ConventionsTest {
    private static Tensor vec(double... v) {
        return Tensor.of(v);
    }

    /** The gradient of sum(f(x)) at x, by reverse mode. */
    private static double[] gradOfSum(UnaryOperator<Tensor> f, Tensor x) {
        Tensor leaf = Tensor.wrap(x.toDoubleArray(), x.shape()).requiresGrad(true);
        return Autograd.grad(f.apply(leaf).sum(), leaf)[0].toDoubleArray();
    }

    /** The tangent of f(x) for an all-ones tangent of x, by forward mode. */
    private static double[] tangentOf(UnaryOperator<Tensor> f, Tensor x) {
        return f.apply(x.withTangent(Tensor.onesLike(x))).tangent().toDoubleArray();
    }

    @Test
    void reluAndAbsHaveDerivativeZeroAtZeroInBothModes() {
        Tensor x = vec(-1, 0, 2);
        assertArrayEquals(new double[] {0, 0, 1}, gradOfSum(Tensor::relu, x));
        assertArrayEquals(new double[] {0, 0, 1}, tangentOf(Tensor::relu, x));
        assertArrayEquals(new double[] {-1, 0, 1}, gradOfSum(Tensor::abs, x));
        assertArrayEquals(new double[] {-1, 0, 1}, tangentOf(Tensor::abs, x));
    }

    @Test
    void reluPassesTheGradientAtANaNInputAsPyTorchsThresholdBackward() {
        // torch 1.13: relu(x).sum() at x = [nan, -1, 0, 2] has gradient and tangent [1, 0, 0, 1],
        // as threshold_backward zeroes the gradient only where the output is <= 0.
        Tensor x = vec(Double.NaN, -1, 0, 2);
        assertArrayEquals(new double[] {1, 0, 0, 1}, gradOfSum(Tensor::relu, x));
        assertArrayEquals(new double[] {1, 0, 0, 1}, tangentOf(Tensor::relu, x));
        Tensor f = Tensor.of(new float[] {Float.NaN, -1, 0, 2});
        assertArrayEquals(new double[] {1, 0, 0, 1}, gradOfSum(Tensor::relu, f));
    }

    @Test
    void relusGradientIsDifferentiableAgain() {
        // d/dx relu(x)^2 = 2 relu(x), whose derivative 2·[x > 0] comes from reluBackward's own rule
        // (torch 1.13: [0, 1, 4] and [0, 2, 2] at x = [-1, 0.5, 2]).
        Tensor x = vec(-1, 0.5, 2).requiresGrad(true);
        Tensor g = Autograd.grad(new Tensor[] {x.relu().square().sum()}, new Tensor[] {x}, null, false, true, false)[0];
        assertArrayEquals(new double[] {0, 1, 4}, g.toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {0, 2, 2}, Autograd.grad(g.sum(), x)[0].toDoubleArray(), 1e-15);
        // Forward over reverse: the tangent of the gradient for an all-ones tangent of x.
        Tensor dual = vec(-1, 0.5, 2).withTangent(Tensor.onesLike(vec(-1, 0.5, 2))).requiresGrad(true);
        Tensor gd = Autograd.grad(new Tensor[] {dual.relu().square().sum()}, new Tensor[] {dual}, null, false, true, false)[0];
        assertArrayEquals(new double[] {0, 2, 2}, gd.tangent().toDoubleArray(), 1e-15);
    }

    @Test
    void signHasAZeroGradientInBothModesAsPyTorchsSignBackward() {
        Tensor x = vec(-2, 0, 3).requiresGrad(true);
        x.sign().sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0}, tangentOf(Tensor::sign, vec(-2, 0, 3)));
        // Zeros, not ḡ·0: a non-finite gradient arriving at sign does not reach x.
        Tensor y = vec(1, -1).requiresGrad(true);
        y.sign().backward(vec(Double.NaN, Double.POSITIVE_INFINITY));
        assertArrayEquals(new double[] {0, 0}, y.grad().toDoubleArray());
    }

    @Test
    void leakyReluHasTheSlopeAtZero() {
        assertArrayEquals(new double[] {0.1, 0.1, 1}, gradOfSum(x -> x.leakyRelu(0.1), vec(-1, 0, 2)), 1e-15);
    }

    @Test
    void clampPassesTheGradientAtTheBoundsAndStopsItOutside() {
        Tensor x = vec(-2, -1, 0, 1, 2);
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, gradOfSum(t -> t.clamp(-1, 1), x));
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, tangentOf(t -> t.clamp(-1, 1), x));
    }

    @Test
    void maxAndMinOverAllSplitTiesEvenly() {
        Tensor x = vec(1, 3, 3, 2, 1);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0, 0}, gradOfSum(Tensor::max, x));
        assertArrayEquals(new double[] {0.5, 0, 0, 0, 0.5}, gradOfSum(Tensor::min, x));
        // Forward mode: the mean of the tied elements' tangents.
        Tensor dual = x.withTangent(vec(0, 2, 4, 0, 0));
        assertEquals(3.0, dual.max().tangent().item(), 1e-15);
    }

    @Test
    void maxAndMinAlongADimSendTheGradientToTheReturnedFirstIndex() {
        Tensor x = Tensor.of(new double[][] {{1, 3, 3}, {2, 2, 0}});
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, gradOfSum(t -> t.max(1, false), x));
        assertArrayEquals(new double[] {1, 0}, x.argmax(1, false).toDoubleArray());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1}, gradOfSum(t -> t.min(1, true), x));
        // Forward mode reads the tangent at the same index.
        Tensor dual = x.withTangent(Tensor.of(new double[][] {{10, 20, 30}, {40, 50, 60}}));
        assertArrayEquals(new double[] {20, 40}, dual.max(1, false).tangent().toDoubleArray());
    }

    @Test
    void maxPool2dSendsTheGradientToTheFirstMaximumOfEachWindow() {
        Tensor x = Tensor.of(new double[] {5, 5, 5, 5, 7, 5, 7, 2}, 1, 2, 2, 2);
        // Channel 0: all four tie at 5 → the first; channel 1: 7 at positions 0 and 2 → the first.
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0}, gradOfSum(t -> t.maxPool2d(2, 2, 0), x));
    }

    @Test
    void nonFiniteValuesPropagateAsInIeeeArithmetic() {
        Tensor y = vec(-1, 0, 1).log();
        assertTrue(Double.isNaN(y.get(0)));
        assertEquals(Double.NEGATIVE_INFINITY, y.get(1));
        assertEquals(0.0, y.get(2));
        assertTrue(Double.isNaN(vec(-1).sqrt().item()));
        assertEquals(Double.POSITIVE_INFINITY, vec(1000).exp().item());
        // A NaN reaches every output it feeds, and the gradient of the inputs it came from.
        Tensor withNaN = vec(1, Double.NaN, 2);
        assertTrue(Double.isNaN(withNaN.sum().item()));
        assertTrue(Double.isNaN(withNaN.reshape(1, 3).matmul(vec(1, 1, 1)).item()));
        double[] g = gradOfSum(Tensor::log, vec(-1, 0, 2));
        // d log x / dx = 1/x, evaluated as PyTorch does even where log itself is NaN.
        assertArrayEquals(new double[] {-1, Double.POSITIVE_INFINITY, 0.5}, g);
        assertTrue(Double.isNaN(gradOfSum(Tensor::sqrt, vec(-1))[0]));
    }

    @Test
    void softmaxFamilyIsStableAtInputsOfMagnitudeAThousand() {
        Tensor big = vec(1000, 1001, 1002);
        Tensor small = vec(0, 1, 2);
        assertArrayEquals(small.softmax(0).toDoubleArray(), big.softmax(0).toDoubleArray(), 1e-13);
        assertArrayEquals(small.logSoftmax(0).toDoubleArray(), big.logSoftmax(0).toDoubleArray(), 1e-12);
        double expected = 1002 + Math.log(1 + Math.exp(-1) + Math.exp(-2));
        assertEquals(expected, big.logSumExp(0, false).item(), 1e-12);
        assertEquals(-1000 + Math.log(1 + Math.exp(-1)), vec(-1000, -1001).logSumExp(0, false).item(), 1e-12);
        Tensor spread = vec(-1000, 0, 1000);
        assertArrayEquals(new double[] {0, 0, 1}, spread.softmax(0).toDoubleArray(), 1e-300);
        assertArrayEquals(new double[] {-2000, -1000, 0}, spread.logSoftmax(0).toDoubleArray(), 1e-12);
        for (double g : gradOfSum(t -> t.logSoftmax(0).mul(vec(1, 2, 3)), spread)) {
            assertTrue(Double.isFinite(g));
        }
        for (double g : gradOfSum(t -> t.softmax(0).mul(vec(1, 2, 3)), big)) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void normHasSubgradientZeroAtTheOrigin() {
        assertArrayEquals(new double[] {0, 0}, gradOfSum(Tensor::norm, vec(0, 0)));
        assertArrayEquals(new double[] {0.6, 0.8}, gradOfSum(Tensor::norm, vec(3, 4)), 1e-15);
    }

    @Test
    void pNormsHaveSubgradientZeroAtTheOriginAndTheInfinityNormSplitsTies() {
        for (double p : new double[] {0, 0.5, 1, 1.5, 2, 3, Double.POSITIVE_INFINITY}) {
            assertArrayEquals(new double[] {0, 0}, gradOfSum(x -> x.norm(p), vec(0, 0)), "p = " + p);
            assertArrayEquals(new double[] {0}, tangentOf(x -> x.norm(p), vec(0, 0)), "p = " + p);
        }
        // |x| = 2 is reached twice: each gets half the gradient, with x's sign; the 1 gets none.
        Tensor tie = vec(2, -1, -2);
        assertArrayEquals(new double[] {0.5, 0, -0.5}, gradOfSum(x -> x.norm(Double.POSITIVE_INFINITY), tie), 0);
        assertArrayEquals(new double[] {0}, tangentOf(x -> x.norm(Double.POSITIVE_INFINITY).reshape(1), tie));
        // A p < 1 norm with a zero element: that element gets 0, not sign(0)·∞.
        double[] g = gradOfSum(x -> x.norm(0.5), vec(0, 4));
        assertEquals(0, g[0]);
        assertEquals(1, g[1], 1e-15);
    }

    @Test
    void stdOfAConstantSliceHasGradientZeroAndEluHasGradientAlphaAtZero() {
        Tensor x = Tensor.of(new double[] {0.75, 0.75, 0.75, 1, 2, 4}, 2, 3);
        double[] g = gradOfSum(t -> t.std(new int[] {1}, 1, false), x);
        assertArrayEquals(new double[] {0, 0, 0}, java.util.Arrays.copyOf(g, 3));
        assertArrayEquals(new double[] {0, 0}, tangentOf(t -> t.std(new int[] {1}, 1, false).slice(0, 0, 1, 1)
                .expand(2), x));
        assertArrayEquals(new double[] {0.7, 0.7, 1}, gradOfSum(t -> t.elu(0.7), vec(-0.0, 0, 1)), 1e-15);
        assertArrayEquals(new double[] {0.7, 1}, tangentOf(t -> t.elu(0.7), vec(0, 1)), 1e-15);
        // No overflow from the branch not taken: elu of a huge x has gradient 1, not NaN.
        assertArrayEquals(new double[] {1}, gradOfSum(t -> t.elu(), vec(1000)));
    }

    @Test
    void activationAndNormArgumentsAreChecked() {
        Tensor x = vec(1, 2);
        String m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> x.gelu("exact"))
                .getMessage();
        assertTrue(m.contains("gelu") && m.contains("\"exact\""), m);
        m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> x.norm(-1)).getMessage();
        assertTrue(m.contains("norm") && m.contains("-1"), m);
        m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> x.softplus(0, 20)).getMessage();
        assertTrue(m.contains("softplus") && m.contains("beta"), m);
        m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new long[] {1}).std()).getMessage();
        assertTrue(m.contains("std") && m.contains("int64"), m);
    }

    @Test
    void powHasPyTorchsFiniteDerivativesAtZeroAndKeepsTheMixedSecondDerivative() {
        Tensor a = Tensor.scalar(0.0).requiresGrad(true), b = Tensor.scalar(0.0).requiresGrad(true);
        Tensor[] g = Autograd.grad(a.pow(b), a, b);
        assertEquals(0.0, g[0].item());
        assertEquals(0.0, g[1].item());
        // ∂²(aᵇ)/∂b∂a = aᵇ⁻¹(1 + b ln a) = 1/a at b = 0.
        Tensor a2 = Tensor.scalar(4.0).requiresGrad(true), b2 = Tensor.scalar(0.0).requiresGrad(true);
        Tensor dA = Autograd.grad(new Tensor[] {a2.pow(b2)}, new Tensor[] {a2}, null, true, true, false)[0];
        assertEquals(0.25, Autograd.grad(dA, b2)[0].item(), 1e-15);
    }

    @Test
    void softmaxOfAnEmptyTensorIsEmptyAndLogSumExpOverAnEmptyDimIsMinusInfinity() {
        for (int[] shape : new int[][] {{2, 0}, {0, 3}}) {
            for (int dim : new int[] {0, 1, -1}) {
                Tensor x = Tensor.zeros(shape).requiresGrad(true);
                for (Tensor y : new Tensor[] {x.softmax(dim), x.logSoftmax(dim)}) {
                    assertArrayEquals(shape, y.shape().dims(), () -> "softmax over dim " + dim + " of " + x.shape());
                    y.backward(Tensor.zerosLike(y));
                    assertArrayEquals(shape, x.grad().shape().dims());
                }
            }
        }
        Tensor lse = Tensor.zeros(2, 0).logSumExp(1, false);
        assertArrayEquals(new int[] {2}, lse.shape().dims());
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, lse.toDoubleArray());
        assertArrayEquals(new int[] {1, 3}, Tensor.zeros(0, 3).logSumExp(0, true).shape().dims());
    }
}

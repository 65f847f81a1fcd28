package org.autodiff.core.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples of the reverse-mode engine, each checked against a derivation by hand. */
class ScalarTest {

    /**
     * A 2-2-1 network with sigmoid units and cost C = ½(a − y)². Back-propagation by hand
     * (Nielsen, ch. 2): the output error δ² = (a² − y)·σ'(z²), the hidden error
     * δ¹ⱼ = w²ⱼ·δ²·σ'(z¹ⱼ), and then ∂C/∂w = δ·(input activation), ∂C/∂b = δ.
     */
    @Test
    void backpropagationErrorsOfTwoLayerSigmoidNetworkMatchTheEngine() {
        double[] x = {0.5, -1.5};
        double[][] w1 = {{0.1, -0.3}, {0.8, 0.2}};
        double[] b1 = {0.05, -0.4};
        double[] w2 = {-0.7, 1.1};
        double b2 = 0.3;
        double y = 1.0;

        // by hand, in plain doubles
        double[] a1 = new double[2];
        for (int j = 0; j < 2; j++) {
            a1[j] = sigmoid(w1[j][0] * x[0] + w1[j][1] * x[1] + b1[j]);
        }
        double a2 = sigmoid(w2[0] * a1[0] + w2[1] * a1[1] + b2);
        double delta2 = (a2 - y) * a2 * (1 - a2);
        double[] delta1 = new double[2];
        for (int j = 0; j < 2; j++) {
            delta1[j] = w2[j] * delta2 * a1[j] * (1 - a1[j]);
        }

        // by the engine
        List<Scalar> in = Scalar.leaves(x);
        Scalar[][] w1s = {Scalar.leaves(w1[0]).toArray(Scalar[]::new), Scalar.leaves(w1[1]).toArray(Scalar[]::new)};
        List<Scalar> b1s = Scalar.leaves(b1);
        List<Scalar> w2s = Scalar.leaves(w2);
        Scalar b2s = Scalar.of(b2);
        Scalar[] hidden = new Scalar[2];
        for (int j = 0; j < 2; j++) {
            hidden[j] = w1s[j][0].mul(in.get(0)).add(w1s[j][1].mul(in.get(1))).add(b1s.get(j)).sigmoid();
        }
        Scalar out = w2s.get(0).mul(hidden[0]).add(w2s.get(1).mul(hidden[1])).add(b2s).sigmoid();
        Scalar cost = out.sub(y).pow(2).mul(0.5);
        cost.backward();

        assertEquals(delta2, b2s.grad(), 1e-15, "∂C/∂b² = δ²");
        for (int j = 0; j < 2; j++) {
            assertEquals(delta2 * a1[j], w2s.get(j).grad(), 1e-15, "∂C/∂w²ⱼ = δ²·a¹ⱼ");
            assertEquals(delta1[j], b1s.get(j).grad(), 1e-15, "∂C/∂b¹ⱼ = δ¹ⱼ");
            for (int k = 0; k < 2; k++) {
                assertEquals(delta1[j] * x[k], w1s[j][k].grad(), 1e-15, "∂C/∂w¹ⱼₖ = δ¹ⱼ·xₖ");
            }
        }
    }

    /** w = a·b + c, φ = w·c, L = φ², the forward-vs-reverse example; at (2, 3, −1) all exact. */
    static <T extends Num<T>> T chainExample(List<T> v) {
        T a = v.get(0);
        T b = v.get(1);
        T c = v.get(2);
        T w = a.mul(b).add(c);
        T phi = w.mul(c);
        return phi.pow(2);
    }

    @Test
    void forwardAndReverseModeGiveTheHandDerivedGradient() {
        // w = 5, φ = −5; ∂L/∂φ = 2φ = −10, ∂φ/∂w = c = −1, ∂φ/∂c (direct) = w = 5,
        // ∂w/∂a = b = 3, ∂w/∂b = a = 2, ∂w/∂c = 1. So ∂L/∂a = −10·−1·3 = 30,
        // ∂L/∂b = −10·−1·2 = 20, ∂L/∂c = −10·(−1·1 + 5) = −40.
        double[] expected = {30, 20, -40};
        double[] point = {2, 3, -1};
        assertEquals(25, Derivatives.value(ScalarTest::chainExample, point));
        assertArrayEquals(expected, Derivatives.reverse(ScalarTest::chainExample, point));
        assertArrayEquals(expected, Derivatives.forward(ScalarTest::chainExample, point));
    }

    @Test
    void gradientDescentOnSumOfSquaresConvergesToTheOrigin() {
        Scalar x = Scalar.of(3);
        Scalar y = Scalar.of(-4);
        double learningRate = 0.1;
        double previousLoss = Double.POSITIVE_INFINITY;
        for (int step = 0; step < 100; step++) {
            x.zeroGrad();
            y.zeroGrad();
            Scalar loss = x.pow(2).add(y.pow(2));
            assertTrue(loss.value() < previousLoss, "loss decreases at every step");
            previousLoss = loss.value();
            loss.backward();
            x.setValue(x.value() - learningRate * x.grad());
            y.setValue(y.value() - learningRate * y.grad());
        }
        // each step multiplies (x, y) by 1 − 2·0.1 = 0.8: 5·0.8¹⁰⁰ ≈ 1e-9
        assertEquals(0, x.value(), 1e-8);
        assertEquals(0, y.value(), 1e-8);
    }

    @Test
    void chainOfAMillionNodesRunsBackwardOnTheDefaultStack() {
        Scalar x = Scalar.of(0.5);
        Scalar node = x;
        double factor = 1 + 1e-6;
        for (int i = 0; i < 1_000_000; i++) {
            node = node.mul(factor);
        }
        node.backward();
        assertEquals(Math.pow(factor, 1_000_000), x.grad(), 1e-9 * Math.E);
    }

    @Test
    void sharedNodeReceivesTheSumOverAllPaths() {
        Scalar x = Scalar.of(0.3);
        Scalar shared = x.exp();
        Scalar top = shared.mul(2).add(shared.sin());   // 2a + sin a, a = e^x
        top.backward();
        double a = Math.exp(0.3);
        assertEquals(2 + Math.cos(a), shared.grad(), 1e-15);
        assertEquals((2 + Math.cos(a)) * a, x.grad(), 1e-15);

        Scalar z = Scalar.of(-1.5);
        z.mul(z).backward();                            // both inputs of one node
        assertEquals(-3.0, z.grad());
    }

    @Test
    void secondBackwardThroughAFreedGraphThrows() {
        Scalar x = Scalar.of(2);
        Scalar y = Scalar.of(3);
        Scalar z = x.mul(y).sin();
        z.backward();

        IllegalStateException again = assertThrows(IllegalStateException.class, z::backward);
        assertTrue(again.getMessage().contains("freed"), again.getMessage());
        assertTrue(again.getMessage().contains("retainGraph=true"), again.getMessage());
        // a new root on top of a freed node cannot walk through it either
        IllegalStateException below = assertThrows(IllegalStateException.class, () -> z.mul(2).backward());
        assertTrue(below.getMessage().contains("freed"), below.getMessage());
    }

    @Test
    void retainedGraphCanBeWalkedAgainAndLeavesAccumulate() {
        Scalar x = Scalar.of(2);
        Scalar y = Scalar.of(3);
        Scalar w = Scalar.of(-0.5);
        Scalar product = x.mul(y);
        Scalar z = product.mul(w);
        z.backward(true);
        z.backward();
        // Leaves sum both passes; the interior node holds one pass's adjoint, so it was not
        // pushed into x twice over.
        assertEquals(2 * 3 * -0.5, x.grad());
        assertEquals(-0.5, product.grad());
        x.zeroGrad();
        assertEquals(0.0, x.grad());
        assertEquals(2 * 2 * -0.5, y.grad());
    }

    @Test
    void reluAndAbsHaveDerivativeZeroAtTheKink() {
        for (double zero : new double[] {0.0, -0.0}) {
            Scalar x = Scalar.of(zero);
            x.relu().backward();
            assertEquals(0.0, x.grad(), "relu'(" + zero + ")");
            Scalar u = Scalar.of(zero);
            u.abs().backward();
            assertEquals(0.0, u.grad(), "abs'(" + zero + ")");
            assertEquals(0.0, Derivatives.forward(ScalarTest::reluPlusAbs, zero)[0], "forward mode at " + zero);
        }
        assertEquals(2.0, Derivatives.reverse(ScalarTest::reluPlusAbs, 1.5)[0]);
        assertEquals(-1.0, Derivatives.reverse(ScalarTest::reluPlusAbs, -1.5)[0]);
    }

    static <T extends Num<T>> T reluPlusAbs(List<T> x) {
        return x.get(0).relu().add(x.get(0).abs());
    }

    @Test
    void nonFiniteValuesPropagateAsIeee() {
        Scalar x = Scalar.of(-1);
        Scalar y = x.log().mul(2);
        assertTrue(Double.isNaN(y.value()), "log(-1) is NaN");
        y.backward();
        assertEquals(-2.0, x.grad(), "d/dx 2·log x = 2/x is still defined at −1, as in PyTorch");

        Scalar n = Scalar.of(Double.NaN);
        n.sin().add(1).backward();
        assertTrue(Double.isNaN(n.grad()), "a NaN input gives a NaN gradient");

        Scalar zero = Scalar.of(0);
        zero.sqrt().backward();
        assertEquals(Double.POSITIVE_INFINITY, zero.grad(), "sqrt'(0) = +∞");
    }

    @Test
    void powFollowsPyTorchAtZero() {
        Scalar base = Scalar.of(0);
        Scalar exponent = Scalar.of(2);
        Scalar out = base.pow(exponent);
        out.backward();
        assertEquals(0.0, out.value());
        assertEquals(0.0, base.grad(), "2·0¹");
        assertEquals(0.0, exponent.grad(), "0²·ln 0 is taken as 0, not 0·(−∞)");

        Scalar x = Scalar.of(0);
        x.pow(0.0).backward();
        assertEquals(0.0, x.grad(), "d/dx x⁰ = 0 even at 0");

        Scalar b = Scalar.of(2);
        Scalar e = Scalar.of(3);
        b.pow(e).backward();
        assertEquals(3 * 4.0, b.grad(), 1e-15);
        assertEquals(8 * Math.log(2), e.grad(), 1e-15);
    }

    @Test
    void softplusAndSigmoidStayFiniteForLargeArguments() {
        Scalar big = Scalar.of(800);
        Scalar plus = big.softplus();
        plus.backward();
        assertEquals(800.0, plus.value(), "returns x above the threshold 20");
        assertEquals(1.0, big.grad());

        Scalar small = Scalar.of(-800);
        Scalar logistic = small.sigmoid();
        logistic.backward();
        assertEquals(0.0, logistic.value());
        assertEquals(0.0, small.grad());
        assertEquals(Math.log1p(Math.exp(-3)), Scalar.of(-3).softplus().value(), 1e-16);
    }

    @Test
    void nullOperandThrowsNamingTheOpAndTheArgument() {
        Scalar x = Scalar.of(1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> x.mul(null));
        assertTrue(e.getMessage().contains("mul") && e.getMessage().contains("other"), e.getMessage());
        NullPointerException p = assertThrows(NullPointerException.class, () -> x.pow((Scalar) null));
        assertTrue(p.getMessage().contains("exponent"), p.getMessage());
        assertThrows(NullPointerException.class, () -> Dual.variable(1).div(null));
        assertThrows(NullPointerException.class, () -> Real.of(1).sub(null));
    }

    @Test
    void onlyALeafValueCanBeSet() {
        Scalar interior = Scalar.of(1).add(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> interior.setValue(3));
        assertTrue(e.getMessage().contains("leaf"), e.getMessage());
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}

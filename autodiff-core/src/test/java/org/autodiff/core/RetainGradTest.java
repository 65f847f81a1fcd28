package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code retainGrad()} keeps a non-leaf's gradient as PyTorch's {@code retain_grad} does. */
class RetainGradTest {

    @Test
    void aRetainedNonLeafGetsItsGradientAndOthersStayNull() {
        Tensor x = Tensor.of(new double[] {1, -2, 3}).requiresGrad(true);
        Tensor y = x.mul(2).retainGrad();      // y = 2x
        Tensor h = y.tanh();                   // not retained
        Tensor loss = y.square().sum().add(h.sum());
        assertTrue(y.retainsGrad());
        assertFalse(h.retainsGrad());
        loss.backward();
        double[] yv = y.toDoubleArray(), expected = new double[3];
        for (int i = 0; i < 3; i++) {
            double t = Math.tanh(yv[i]);
            expected[i] = 2 * yv[i] + (1 - t * t);   // ∂loss/∂y
        }
        assertArrayEquals(expected, y.grad().toDoubleArray(), 1e-15);
        assertNull(h.grad(), "without retainGrad a non-leaf keeps no gradient");
        for (int i = 0; i < 3; i++) {
            expected[i] *= 2;
        }
        assertArrayEquals(expected, x.grad().toDoubleArray(), 1e-13);
    }

    @Test
    void retainedGradientsAccumulateAcrossBackwardPassesLikeALeafs() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(3).retainGrad();
        Tensor loss = y.sum();
        loss.backward(null, true, false);
        loss.backward();
        assertArrayEquals(new double[] {2, 2}, y.grad().toDoubleArray());
        y.zeroGrad();
        assertNull(y.grad());
    }

    @Test
    void theRetainedGradientIsTheOneAfterTheTensorsHooks() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(1).registerHook(g -> g.mul(10)).retainGrad();
        y.sum().backward();
        assertArrayEquals(new double[] {10, 10}, y.grad().toDoubleArray());
        assertArrayEquals(new double[] {10, 10}, x.grad().toDoubleArray());
    }

    @Test
    void withCreateGraphTheRetainedGradientIsDifferentiable() {
        Tensor x = Tensor.of(new double[] {1.5}).requiresGrad(true);
        Tensor y = x.square().retainGrad();            // y = x²
        y.square().sum().backward(null, false, true);  // ∂(y²)/∂y = 2y = 2x²
        assertTrue(y.grad().requiresGrad());
        Tensor[] d = Autograd.grad(y.grad().sum(), x);   // d(2x²)/dx = 4x
        assertArrayEquals(new double[] {6}, d[0].toDoubleArray(), 1e-15);
    }

    @Test
    void gradLeavesRetainedGradientsAloneAsItLeavesLeavesAlone() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(2).retainGrad();
        Autograd.grad(y.sum(), x);
        assertNull(y.grad());
        assertNull(x.grad());
    }

    @Test
    void onALeafItIsANoOpAndWithoutGradientsAnError() {
        Tensor x = Tensor.of(new double[] {1}).requiresGrad(true);
        assertSame(x, x.retainGrad());
        assertTrue(x.retainsGrad());
        RuntimeException e = assertThrows(IllegalStateException.class, () -> Tensor.of(new double[] {1}).retainGrad());
        assertTrue(e.getMessage().contains("retainGrad") && e.getMessage().contains("does not require grad"), e.getMessage());
    }
}

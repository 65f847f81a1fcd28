package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reverse-mode engine on tensors: accumulation, hooks, detach, noGrad, deep graphs and dtypes. */
class TensorAutogradTest {
    private static Tensor leaf(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void gradAccumulatesOverTwoBackwardCallsWithRetainGraph() {
        Tensor x = leaf(1, 2);
        Tensor y = x.mul(x).sum();
        y.backward(null, true, false);
        assertArrayEquals(new double[] {2, 4}, x.grad().toDoubleArray());
        y.backward(null, true, false);
        assertArrayEquals(new double[] {4, 8}, x.grad().toDoubleArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void aSharedNodeReceivesTheSumOverAllPaths() {
        Tensor x = leaf(3);
        Tensor s = x.exp();
        Tensor y = s.mul(s).add(s).sum();  // e^{2x} + e^x
        y.backward();
        assertEquals(2 * Math.exp(6) + Math.exp(3), x.grad().item(), 1e-9);
    }

    @Test
    void hooksSeeAndMayReplaceTheGradient() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(3);
        List<double[]> seen = new ArrayList<>();
        h.registerHook(g -> {
            seen.add(g.toDoubleArray());
            return g.mul(10);
        });
        h.sum().backward();
        assertArrayEquals(new double[] {1, 1}, seen.get(0));
        assertArrayEquals(new double[] {30, 30}, x.grad().toDoubleArray());
        // A hook returning null keeps the gradient; one on a leaf sees its gradient too.
        Tensor z = leaf(5);
        z.registerHook(g -> null);
        z.mul(2).sum().backward();
        assertEquals(2.0, z.grad().item());
    }

    @Test
    void detachStopsTheGradient() {
        Tensor x = leaf(2);
        Tensor y = x.mul(x.detach()).sum();  // d/dx of x·c with c = x held constant
        y.backward();
        assertEquals(2.0, x.grad().item());
        assertFalse(x.detach().requiresGrad());
        assertArrayEquals(x.toDoubleArray(), x.detach().toDoubleArray());
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = leaf(1, 2);
        Tensor y;
        try (var scope = GradMode.noGrad()) {
            y = x.mul(2).exp();
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFnName());
        assertTrue(y.isLeaf());
    }

    @Test
    void gradReturnsGradientsWithoutTouchingTheLeaves() {
        Tensor x = leaf(1, 2);
        Tensor g = Autograd.grad(x.square().sum(), x)[0];
        assertArrayEquals(new double[] {2, 4}, g.toDoubleArray());
        assertNull(x.grad());
    }

    /**
     * A chain of 10⁶ ops backpropagates on the default thread stack: the graph walker is
     * iterative. Each link is a scalar-tensor op, so this also bounds the per-node memory.
     */
    @Test
    void aMillionNodeChainBackpropagatesWithoutStackOverflow() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 1_000_000; i++) {
            y = y.add(1e-6);
        }
        y.backward();
        assertEquals(1.0, x.grad().item());
        assertEquals(1.5, y.item(), 1e-9);
    }

    @Test
    void float32TensorsKeepTheirDtypeThroughOpsAndGradients() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor y = x.mul(2.0).exp().sum();
        assertEquals(DType.FLOAT32, y.dtype());
        y.backward();
        assertEquals(DType.FLOAT32, x.grad().dtype());
        assertEquals(2 * Math.exp(4), x.grad().get(1), 1e-4);
        Tensor dual = Tensor.of(new float[] {1, 2}).withTangent(Tensor.of(new double[] {1, 1}));
        assertEquals(DType.FLOAT32, dual.tangent().dtype());
        assertEquals(DType.FLOAT32, dual.sin().tangent().dtype());
    }

    @Test
    void float32WithFloat64PromotesAndEachGradientComesBackInItsInputsDtype() {
        Tensor a = Tensor.of(new float[] {1, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        Tensor y = a.mul(b);
        assertEquals(DType.FLOAT64, y.dtype());
        assertEquals(DType.FLOAT64, a.matmul(b).dtype());
        assertEquals(DType.FLOAT64, Tensor.cat(0, a, b).dtype());
        y.sum().backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertEquals(DType.FLOAT64, b.grad().dtype());
        assertArrayEquals(new double[] {3, 4}, a.grad().toDoubleArray());
        assertArrayEquals(new double[] {1, 2}, b.grad().toDoubleArray());
        Tensor c = b.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, c.dtype());
        assertSame(b, b.to(DType.FLOAT64));
    }

    @Test
    void aZeroDimTensorDoesNotPromoteATensorWithDimensionsAsTorchResultType() {
        Tensor a = Tensor.ones(DType.FLOAT32, 2).requiresGrad(true);
        Tensor s = Tensor.scalar(0.5).requiresGrad(true);          // 0-d float64
        assertEquals(DType.FLOAT32, a.mul(s).dtype());
        assertEquals(DType.FLOAT32, s.add(a).dtype(), "either operand order");
        assertEquals(DType.FLOAT32, a.pow(s).dtype());
        assertEquals(DType.BOOL, a.gt(s).dtype());
        assertEquals(DType.FLOAT32, Tensor.where(a.gt(0), a, s).dtype());
        assertEquals(DType.FLOAT32, Tensor.where(Tensor.full(DType.BOOL, 1), s, a).dtype(), "the condition takes no part");
        // Among 0-d tensors alone, or among dimensioned ones, float64 still wins.
        assertEquals(DType.FLOAT64, Tensor.scalar(2, DType.FLOAT32).mul(s).dtype());
        assertEquals(DType.FLOAT64, a.mul(Tensor.ones(DType.FLOAT64, 1)).dtype());

        // Backward through the mixed op: each gradient in its own input's dtype.
        a.mul(s).sum().backward();
        assertEquals(DType.FLOAT32, a.grad().dtype());
        assertEquals(DType.FLOAT64, s.grad().dtype());
        assertArrayEquals(new double[] {0.5, 0.5}, a.grad().toDoubleArray());
        assertEquals(2.0, s.grad().item());
        // And forward mode: the tangent takes the output's dtype.
        Tensor dual = s.detach().withTangent(Tensor.scalar(1));
        assertEquals(DType.FLOAT32, Tensor.ones(DType.FLOAT32, 2).mul(dual).tangent().dtype());
    }

    @Test
    void gradOfGradIsAvailableWithCreateGraph() {
        Tensor x = leaf(2);
        Tensor dy = Autograd.grad(new Tensor[] {x.pow(3).sum()}, new Tensor[] {x}, null, false, true, false)[0];
        assertEquals(12.0, dy.item(), 1e-12);
        assertEquals(12.0, Autograd.grad(dy.sum(), x)[0].item(), 1e-12);
    }
}

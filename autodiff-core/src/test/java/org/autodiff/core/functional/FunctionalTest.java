package org.autodiff.core.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.UnaryOperator;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class FunctionalTest {
    private static final double TOL = 1e-12;

    /** A function with a dense, non-symmetric Jacobian. */
    private static final UnaryOperator<Tensor> MIXED = x -> x.softmax(0).mul(x.sin()).add(x.matmul(x).mul(0.1));

    private static Tensor point() {
        return Tensor.randn(new Generator(7), DType.FLOAT64, 4);
    }

    @Test
    void gradOfCubeSumIsThreeXSquared() {
        Tensor x = Tensor.of(new double[] {1, -2, 3});
        Tensor g = Functional.grad(t -> t.pow(3).sum(), x);
        assertArrayEquals(new double[] {3, 12, 27}, g.toDoubleArray(), TOL);
        assertNull(x.grad(), "the caller's tensor is left alone");
    }

    @Test
    void hessianOfCubeSumIsDiagonalSixX() {
        Tensor x = Tensor.of(new double[] {1, -2, 3});
        Tensor h = Functional.hessian(t -> t.pow(3).sum(), x);
        assertArrayEquals(new int[] {3, 3}, h.shape().dims());
        assertArrayEquals(new double[] {6, 0, 0, 0, -12, 0, 0, 0, 18}, h.toDoubleArray(), TOL);
    }

    @Test
    void hessianMatchesReverseOverReverse() {
        // Forward-over-reverse (Functional.hessian) against reverse-over-reverse (the Jacobian of the gradient).
        UnaryOperator<Tensor> f = x -> x.tanh().mul(x.exp()).sum().add(x.matmul(x).sqrt());
        Tensor x = point();
        Tensor forwardOverReverse = Functional.hessian(f, x);
        Tensor reverseOverReverse = Functional.jacobian(t -> org.autodiff.core.Autograd.grad(
                new Tensor[] {f.apply(t)}, new Tensor[] {t}, null, true, true, false)[0], x);
        assertArrayEquals(reverseOverReverse.toDoubleArray(), forwardOverReverse.toDoubleArray(), 1e-10);
        // and it is symmetric
        int n = x.numel();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(forwardOverReverse.get(i, j), forwardOverReverse.get(j, i), 1e-10);
            }
        }
    }

    @Test
    void reverseAndForwardJacobiansAgree() {
        Tensor x = point();
        Tensor rev = Functional.jacobian(MIXED, x);
        Tensor fwd = Functional.jacobianForward(MIXED, x);
        assertArrayEquals(new int[] {4, 4}, rev.shape().dims());
        assertArrayEquals(rev.toDoubleArray(), fwd.toDoubleArray(), 1e-12);
    }

    @Test
    void vjpAndJvpAreRowsAndColumnsOfTheJacobian() {
        Tensor x = point();
        Tensor jac = Functional.jacobian(MIXED, x);
        Tensor u = Tensor.randn(new Generator(1), DType.FLOAT64, 4);
        Tensor v = Tensor.randn(new Generator(2), DType.FLOAT64, 4);
        assertArrayEquals(u.matmul(jac).toDoubleArray(), Functional.vjp(MIXED, x, u).grad().toDoubleArray(), 1e-12);
        assertArrayEquals(jac.matmul(v).toDoubleArray(), Functional.jvp(MIXED, x, v).tangent().toDoubleArray(), 1e-12);
        assertArrayEquals(MIXED.apply(x).toDoubleArray(), Functional.jvp(MIXED, x, v).output().toDoubleArray(), 0);
    }

    @Test
    void hvpEqualsHessianTimesVector() {
        UnaryOperator<Tensor> f = x -> x.sigmoid().pow(2).sum().mul(x.sum().cos());
        Tensor x = point();
        Tensor v = Tensor.randn(new Generator(3), DType.FLOAT64, 4);
        assertArrayEquals(Functional.hessian(f, x).matmul(v).toDoubleArray(),
                Functional.hvp(f, x, v).toDoubleArray(), 1e-12);
    }

    @Test
    void gradOfNonScalarFunctionIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Functional.grad(t -> t.exp(), point()));
        assertEquals(true, e.getMessage().contains("[4]"), e.getMessage());
    }

    @Test
    void everyTransformGivesZerosWhenTheOutputDoesNotDependOnTheInput() {
        // As torch.autograd.functional with strict=False: zeros in x's shape and dtype, never an error.
        Tensor x = Tensor.of(new float[] {1, 2, 3});
        UnaryOperator<Tensor> constant = t -> Tensor.ones(DType.FLOAT32, 2, 2).mul(t.detach().sum());
        UnaryOperator<Tensor> scalarConstant = t -> constant.apply(t).sum();
        Tensor u = Tensor.ones(DType.FLOAT32, 2, 2);
        assertZeros(new int[] {3}, Functional.grad(scalarConstant, x));
        assertZeros(new int[] {3}, Functional.gradAll(ts -> Tensor.scalar(1, DType.FLOAT32), x)[0]);
        assertZeros(new int[] {3}, Functional.vjp(constant, x, u).grad());
        assertZeros(new int[] {2, 2}, Functional.jvp(constant, x, Tensor.onesLike(x)).tangent());
        assertZeros(new int[] {2, 2, 3}, Functional.jacobian(constant, x));
        assertZeros(new int[] {2, 2, 3}, Functional.jacobianForward(constant, x));
        assertZeros(new int[] {3}, Functional.hvp(scalarConstant, x, Tensor.onesLike(x)));
        assertZeros(new int[] {3, 3}, Functional.hessian(scalarConstant, x));
        // A linear function has a graph but a zero Hessian.
        assertZeros(new int[] {3, 3}, Functional.hessian(t -> t.sum(), x));
    }

    private static void assertZeros(int[] shape, Tensor t) {
        assertArrayEquals(shape, t.shape().dims(), () -> "shape " + t.shape());
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(new double[t.numel()], t.toDoubleArray(), 0);
    }

    @Test
    void transformsWorkInsideNoGradAsPyTorchsEnableGrad() {
        Tensor x = Tensor.of(new double[] {1, -2, 3});
        try (var scope = org.autodiff.core.GradMode.noGrad()) {
            assertArrayEquals(new double[] {3, 12, 27}, Functional.grad(t -> t.pow(3).sum(), x).toDoubleArray(), TOL);
            assertArrayEquals(new double[] {6, 0, 0, 0, -12, 0, 0, 0, 18},
                    Functional.hessian(t -> t.pow(3).sum(), x).toDoubleArray(), TOL);
            assertArrayEquals(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2},
                    Functional.jacobian(t -> t.mul(2), x).toDoubleArray(), TOL);
        }
    }

    @Test
    void theReverseJacobianIsInTheInputsDtypeLikeTheForwardOne() {
        Tensor x = Tensor.of(new float[] {1, 2});
        UnaryOperator<Tensor> f = t -> t.to(DType.FLOAT64).mul(3);
        assertEquals(DType.FLOAT32, Functional.jacobian(f, x).dtype());
        assertEquals(DType.FLOAT32, Functional.jacobianForward(f, x).dtype());
        assertArrayEquals(Functional.jacobianForward(f, x).toDoubleArray(), Functional.jacobian(f, x).toDoubleArray(), 0);
    }

    /** A user-defined op: forward and backward given by hand, as torch.autograd.Function. */
    static final class Cube extends Primitive {
        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(input(0).square()).mul(3)};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(input(0).square()).mul(3);
        }
    }

    @Test
    void customOpComposesWithEveryTransform() {
        UnaryOperator<Tensor> f = x -> new Cube().apply(x.sin()).sum();
        UnaryOperator<Tensor> reference = x -> x.sin().pow(3).sum();
        Tensor x = point();
        assertArrayEquals(Functional.grad(reference, x).toDoubleArray(), Functional.grad(f, x).toDoubleArray(), 1e-12);
        assertArrayEquals(Functional.hessian(reference, x).toDoubleArray(), Functional.hessian(f, x).toDoubleArray(), 1e-12);
        assertArrayEquals(Functional.jacobianForward(t -> new Cube().apply(t), x).toDoubleArray(),
                Functional.jacobian(t -> new Cube().apply(t), x).toDoubleArray(), 1e-12);
    }
}

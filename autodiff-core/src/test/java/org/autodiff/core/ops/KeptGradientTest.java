package org.autodiff.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A leaf keeps a built-in op's fresh gradient as it is, without a copy. The ops of this package
 * count as built-in, so an op defined here can hand the engine a tensor this test still holds
 * and see whether the leaf's gradient is that very tensor: the promise the built-in ops keep
 * (never return a tensor they hold) is what lets the engine skip the copy.
 */
class KeptGradientTest {
    /** y = 2x, whose VJP returns the tensor it was given (a fresh one, as far as the engine can tell). */
    private static final class Handing extends Primitive {
        private final Tensor handed;

        Handing(Tensor handed) {
            this.handed = handed;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.binary(org.autodiff.core.backend.BinaryKernel.MUL, x[0], Tensor.full(x[0].dtype(), 2), "handing");
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {handed};
        }
    }

    @Test
    void theLeafKeepsTheVjpsResultItself() {
        Tensor handed = Tensor.of(new double[] {5, 6});
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        new Handing(handed).apply(x).sum().backward();
        assertSame(handed, x.grad());
    }

    @Test
    void butCopiesItWhenAHookHasSeenIt() {
        Tensor handed = Tensor.of(new double[] {5, 6});
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        x.registerHook(g -> null);
        new Handing(handed).apply(x).sum().backward();
        assertNotSame(handed, x.grad());
        assertArrayEquals(new double[] {5, 6}, x.grad().toDoubleArray());
    }

    @Test
    void aMatrixProductsWeightGradientIsKeptAndAccumulatesAfterwards() {
        Tensor x = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor w = Tensor.of(new double[][] {{1, 0}, {0, 1}}).requiresGrad(true);
        x.matmul(w).sum().backward();
        Tensor first = w.grad();
        assertArrayEquals(new double[] {4, 4, 6, 6}, first.toDoubleArray());
        x.matmul(w).sum().backward();
        assertArrayEquals(new double[] {8, 8, 12, 12}, w.grad().toDoubleArray());
        // The first gradient was not changed in place by the second backward.
        assertArrayEquals(new double[] {4, 4, 6, 6}, first.toDoubleArray());
    }
}

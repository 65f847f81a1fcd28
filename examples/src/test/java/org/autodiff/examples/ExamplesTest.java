package org.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.check.GradCheck;
import org.autodiff.check.GradCheckFailure;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    @Test
    void theMlpLearnsTheDigits() {
        double accuracy = DigitsMlp.train(10, 1);
        assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
    }

    @Test
    void theCustomOpPassesGradCheck() {
        Tensor x = Tensor.of(new double[] {-1.5, 0.5, 2});
        assertArrayEquals(new double[] {-3.375, 0.125, 8}, new Cube().apply(x).toDoubleArray(), 1e-12);
        CustomOpCheck.main(new String[0]);
    }

    /** Cube with the reverse rule off by a factor: GradCheck must notice, or the check above proves nothing. */
    static final class WrongCube extends Primitive {
        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(input(0).square()).mul(2)};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(input(0).square()).mul(3);
        }
    }

    @Test
    void gradCheckCatchesAWrongRule() {
        // A Primitive instance is applied once: each evaluation of the function makes a new one.
        assertThrows(GradCheckFailure.class,
                () -> GradCheck.check(in -> new WrongCube().apply(in[0]).sum(), Tensor.of(new double[] {1, 2})));
    }
}

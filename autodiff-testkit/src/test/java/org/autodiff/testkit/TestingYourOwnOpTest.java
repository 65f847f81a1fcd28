package org.autodiff.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.autodiff.core.DType;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** The README's "Testing your own op" example, run as written there. */
class TestingYourOwnOpTest {

    /** The README's custom op: x³ with its value and both rules in one class. */
    static class Cube extends Primitive {
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
    void everyLawAtOnePoint() {
        Laws.checkAll("cube", Cube::new, Tensor.randn(DType.FLOAT64, 3));
    }

    @Property(tries = 100)
    void cubeObeysTheLaws(@ForAll("cubes") OpCase c) {
        Laws.numericMatchesReverse(c);
        Laws.reverseMatchesForward(c);
        Laws.secondOrderMatchesNumeric(c);
    }

    @Provide
    Arbitrary<OpCase> cubes() {
        return OpCase.unary("cube", TensorArbitraries.shapes().flatMap(Domain.REAL::tensors), x -> new Cube().apply(x));
    }

    @Test
    void theLibrarysOwnOps() {
        Laws.checkAll(OpRegistry.get("softmax"));
    }
}

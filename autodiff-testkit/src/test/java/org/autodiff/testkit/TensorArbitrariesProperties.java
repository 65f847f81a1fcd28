package org.autodiff.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/** The arbitraries keep their promises: shapes in range, tuples that broadcast, domains that keep their margins. */
class TensorArbitrariesProperties {

    @Provide
    Arbitrary<Shape> anyShapes() {
        return TensorArbitraries.shapes(0, 4, 0, 3);
    }

    @Provide
    Arbitrary<Shape[]> tuples() {
        return net.jqwik.api.Arbitraries.integers().between(1, 4).flatMap(TensorArbitraries::broadcastTuples);
    }

    @Provide
    Arbitrary<Tensor> nonzero() {
        return TensorArbitraries.shapes().flatMap(Domain.NONZERO::tensors);
    }

    @Provide
    Arbitrary<Tensor> distinct() {
        return TensorArbitraries.shapes().flatMap(Domain.DISTINCT::tensors);
    }

    @Provide
    Arbitrary<Tensor> awayFromClampBounds() {
        return TensorArbitraries.shapes().flatMap(Domain.awayFrom(-2, 2, -0.5, 0.8)::tensors);
    }

    @Property(tries = 100)
    void shapesStayInTheirRanges(@ForAll("anyShapes") Shape s) {
        assertTrue(s.rank() <= 4, s::toString);
        for (int d : s.dims()) {
            assertTrue(d >= 0 && d <= 3, s::toString);
        }
    }

    @Property(tries = 100)
    void emptyShapesHoldNoElements(@ForAll("emptyShapes") Shape s) {
        assertEquals(0, s.numel(), s::toString);
    }

    @Provide
    Arbitrary<Shape> emptyShapes() {
        return TensorArbitraries.emptyShapes();
    }

    @Property(tries = 150)
    void broadcastTuplesBroadcastAsTheEngineDoes(@ForAll("tuples") Shape[] shapes) {
        Shape common = TensorArbitraries.broadcast(shapes);
        Tensor sum = Tensor.zeros(new int[0]);
        for (Shape s : shapes) {
            sum = sum.add(Tensor.zeros(s.dims()));
        }
        assertEquals(common, sum.shape(), Arrays.toString(shapes));
    }

    @Property(tries = 100)
    void nonzeroValuesKeepTheirMargin(@ForAll("nonzero") Tensor x) {
        for (double v : x.toDoubleArray()) {
            assertTrue(Math.abs(v) >= TensorArbitraries.KINK_MARGIN && Math.abs(v) <= TensorArbitraries.RANGE, x::toString);
        }
    }

    @Property(tries = 100)
    void clampDomainKeepsAwayFromBothBounds(@ForAll("awayFromClampBounds") Tensor x) {
        for (double v : x.toDoubleArray()) {
            assertTrue(Math.abs(v + 0.5) >= TensorArbitraries.KINK_MARGIN && Math.abs(v - 0.8) >= TensorArbitraries.KINK_MARGIN,
                    x::toString);
        }
    }

    @Property(tries = 100)
    void distinctValuesHaveNoTies(@ForAll("distinct") Tensor x) {
        double[] v = x.toDoubleArray();
        Arrays.sort(v);
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i] - v[i - 1] >= TensorArbitraries.KINK_MARGIN - 1e-9, x::toString);
        }
    }
}

package org.autodiff.core.ops;

import org.autodiff.testkit.OpCase;
import static org.autodiff.testkit.TensorArbitraries.broadcastPairs;
import static org.autodiff.testkit.TensorArbitraries.shapes;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.autodiff.check.GradCheck;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * The derivative laws for the mask ops (maskedFill with a constant or a differentiable 0-d value,
 * triu and tril with any diagonal), over random shapes, broadcast masks and diagonals beyond the
 * matrix on either side.
 */
class MaskingProperties {

    private static Arbitrary<Tensor> mask(Shape shape) {
        return Arbitraries.of(false, true).array(boolean[].class).ofSize(shape.numel()).map(v -> Tensor.wrap(v, shape));
    }

    /** maskedFill over a broadcast (mask, input) pair: constant value, or a 0-d value as second input. */
    private static Arbitrary<OpCase> maskedFill(boolean valueIsInput) {
        return broadcastPairs().flatMap(p -> Combinators.combine(mask(p[0]), tensors(p[1]), tensors(Shape.SCALAR))
                .as((m, x, v) -> valueIsInput
                        ? OpCase.of("maskedFill(" + m + ", v)", in -> in[0].maskedFill(m, in[1]), new Tensor[] {x, v})
                        : OpCase.of("maskedFill(" + m + ", 0.5)", in -> in[0].maskedFill(m, 0.5), new Tensor[] {x})));
    }

    private static Arbitrary<OpCase> triangle(boolean upper) {
        return shapes(2, 4, 4).flatMap(s -> Combinators.combine(tensors(s), Arbitraries.integers().between(-5, 5))
                .as((x, k) -> OpCase.of((upper ? "triu(" : "tril(") + k + ")",
                        in -> upper ? in[0].triu(k) : in[0].tril(k), new Tensor[] {x})));
    }

    @Provide
    Arbitrary<OpCase> ops() {
        return Arbitraries.oneOf(List.of(maskedFill(false), maskedFill(true), triangle(true), triangle(false)));
    }

    @Property(tries = 300)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        OpLaws.firstOrderMatchesCentralDifferences(c);
    }

    @Property(tries = 300)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        OpLaws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Property(tries = 150)
    void secondDerivativesMatchCentralDifferences(@ForAll("ops") OpCase c) {
        OpLaws.secondOrderMatchesCentralDifferences(c);
    }
}

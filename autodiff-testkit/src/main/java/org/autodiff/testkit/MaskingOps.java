package org.autodiff.testkit;

import static org.autodiff.testkit.TensorArbitraries.broadcastPairs;
import static org.autodiff.testkit.TensorArbitraries.shapes;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * The registry's mask ops (maskedFill with a constant or a differentiable 0-d value, triu and
 * tril with any diagonal), over random shapes, broadcast masks and diagonals beyond the matrix on
 * either side.
 */
final class MaskingOps {
    private static final Tensor A = Samples.t(Shape.of(2, 3), 0.5, -1.25, 2, 0.75, 1.5, -0.3);

    private MaskingOps() {
    }

    static List<OpInfo> entries() {
        return List.of(
                OpInfo.builder("maskedFill").covers("maskedFill(Tensor,double)", "maskedFill(Tensor,Tensor)")
                        .cases(Arbitraries.oneOf(maskedFill(false), maskedFill(true)))
                        .sample(OpCase.of("maskedFill with an all-true mask", in -> in[0].maskedFill(
                                Tensor.ones(2, 3).gt(0.0), in[1]), A, Tensor.scalar(0.25)))
                        .errors(ErrorInput.of("a mask of shape [4] for [2, 3]", IllegalArgumentException.class,
                                () -> A.maskedFill(Tensor.ones(4).gt(0.0), 0.5), "maskedFill", "[4]"))
                        .build(),
                OpInfo.builder("triu").covers("triu(int)").firstOrderOnly().cases(triangle(true))
                        .errors(ErrorInput.of("triu of a vector", IllegalArgumentException.class,
                                () -> Tensor.ones(3).triu(0), "triu")).build(),
                OpInfo.builder("tril").covers("tril(int)").firstOrderOnly().cases(triangle(false))
                        .errors(ErrorInput.of("tril of a vector", IllegalArgumentException.class,
                                () -> Tensor.ones(3).tril(0), "tril", "[3]")).build());
    }

    private static Arbitrary<Tensor> mask(Shape shape) {
        return Arbitraries.of(false, true).array(boolean[].class).ofSize(shape.numel()).map(v -> Tensor.wrap(v, shape));
    }

    /** maskedFill over a broadcast (mask, input) pair: constant value, or a 0-d value as second input. */
    private static Arbitrary<OpCase> maskedFill(boolean valueIsInput) {
        return broadcastPairs().flatMap(p -> Combinators.combine(mask(p[0]), tensors(p[1]), tensors(Shape.SCALAR))
                .as((m, x, v) -> valueIsInput
                        ? OpCase.of("maskedFill(" + m + ", v)", in -> in[0].maskedFill(m, in[1]), x, v)
                        : OpCase.of("maskedFill(" + m + ", 0.5)", in -> in[0].maskedFill(m, 0.5), x)));
    }

    private static Arbitrary<OpCase> triangle(boolean upper) {
        return shapes(2, 4, 4).flatMap(s -> Combinators.combine(tensors(s), Arbitraries.integers().between(-5, 5))
                .as((x, k) -> OpCase.of((upper ? "triu(" : "tril(") + k + ")",
                        in -> upper ? in[0].triu(k) : in[0].tril(k), x)));
    }
}

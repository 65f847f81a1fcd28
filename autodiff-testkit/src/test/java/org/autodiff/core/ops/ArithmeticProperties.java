package org.autodiff.core.ops;

import org.autodiff.testkit.OpCase;
import static org.autodiff.testkit.TensorArbitraries.awayFromZero;
import static org.autodiff.testkit.TensorArbitraries.broadcastPairs;
import static org.autodiff.testkit.TensorArbitraries.positive;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
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
 * The derivative laws for the broadcasting binary ops and {@code where}, over random pairs of
 * broadcast-compatible shapes (size-1 and missing leading dims on either side).
 */
class ArithmeticProperties {

    private static Arbitrary<OpCase> binary(String name, Function<Shape, Arbitrary<Tensor>> left,
                                            Function<Shape, Arbitrary<Tensor>> right, BiFunction<Tensor, Tensor, Tensor> op) {
        // Each pair in both orders, so either operand may be the one that broadcasts.
        Arbitrary<Shape[]> pairs = broadcastPairs().flatMap(p -> Arbitraries.of(p, new Shape[] {p[1], p[0]}));
        Arbitrary<Tensor[]> inputs = pairs.flatMap(p -> Combinators.combine(left.apply(p[0]), right.apply(p[1]))
                .as((a, b) -> new Tensor[] {a, b}));
        return OpCase.of(name, inputs, in -> op.apply(in[0], in[1]));
    }

    private static Arbitrary<OpCase> where() {
        return broadcastPairs().flatMap(p -> {
            Arbitrary<Tensor> condition = Arbitraries.of(false, true).array(boolean[].class).ofSize(p[0].numel())
                    .map(v -> Tensor.wrap(v, p[0]));
            return Combinators.combine(condition, tensors(p[0]), tensors(p[1])).as((c, a, b) ->
                    OpCase.of("where(" + c + ", a, b)", in -> Tensor.where(c, in[0], in[1]), new Tensor[] {a, b}));
        });
    }

    private static List<Arbitrary<OpCase>> secondOrderTable() {
        return List.of(
                binary("mul", s -> tensors(s), s -> tensors(s), Tensor::mul),
                binary("div", s -> tensors(s), s -> awayFromZero(s), Tensor::div),
                binary("pow", s -> positive(s), s -> tensors(s), Tensor::pow));
    }

    private static List<Arbitrary<OpCase>> firstOrderOnlyTable() {
        return List.of(
                binary("add", s -> tensors(s), s -> tensors(s), Tensor::add),
                binary("sub", s -> tensors(s), s -> tensors(s), Tensor::sub),
                where());
    }

    @Provide
    Arbitrary<OpCase> ops() {
        return Arbitraries.oneOf(concat(secondOrderTable(), firstOrderOnlyTable()));
    }

    @Provide
    Arbitrary<OpCase> secondOrderOps() {
        return Arbitraries.oneOf(secondOrderTable());
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @Property(tries = 600)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        OpLaws.firstOrderMatchesCentralDifferences(c);
    }

    @Property(tries = 600)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        OpLaws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Property(tries = 200)
    void secondDerivativesMatchCentralDifferences(@ForAll("secondOrderOps") OpCase c) {
        OpLaws.secondOrderMatchesCentralDifferences(c);
    }
}

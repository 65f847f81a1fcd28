package org.autodiff.testkit;

import static org.autodiff.testkit.TensorArbitraries.broadcastPairs;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * The registry's broadcasting binary ops and {@code where}, over random pairs of
 * broadcast-compatible shapes (size-1 and missing leading dims on either side).
 */
final class ArithmeticOps {
    private static final double[] REAL = {0.3, -1.2, 1.7, -0.4};
    private static final double[] POSITIVE = {0.3, 1.2, 1.7, 0.6};
    private static final double[] NONZERO = {0.3, -1.2, 1.7, -0.6};

    private ArithmeticOps() {
    }

    static List<OpInfo> entries() {
        return List.of(
                binary("add", "add(Tensor)", Domain.REAL, Domain.REAL, Tensor::add, REAL, REAL,
                        new double[] {1e6, -3e5}, new double[] {2e6, 7}, true),
                binary("sub", "sub(Tensor)", Domain.REAL, Domain.REAL, Tensor::sub, REAL, REAL,
                        new double[] {1e6, -3e5}, new double[] {2e6, 7}, true),
                binary("mul", "mul(Tensor)", Domain.REAL, Domain.REAL, Tensor::mul, REAL, REAL,
                        new double[] {1e3, -3e2}, new double[] {2e3, 7}, true),
                binary("div", "div(Tensor)", Domain.REAL, Domain.NONZERO, Tensor::div, REAL, NONZERO,
                        new double[] {1e3, -3e2}, new double[] {2e3, -7}, false),
                binary("pow", "pow(Tensor)", Domain.POSITIVE, Domain.REAL, Tensor::pow, POSITIVE, REAL,
                        new double[] {30, 0.01}, new double[] {3, -2}, false),
                where());
    }

    private static OpInfo binary(String name, String covers, Domain left, Domain right, BiFunction<Tensor, Tensor, Tensor> op,
                                 double[] leftValues, double[] rightValues, double[] largeLeft, double[] largeRight,
                                 boolean zeroIsSmooth) {
        // Each pair in both orders, so either operand may be the one that broadcasts.
        Arbitrary<Shape[]> pairs = broadcastPairs().flatMap(p -> Arbitraries.of(p, new Shape[] {p[1], p[0]}));
        Arbitrary<Tensor[]> inputs = pairs.flatMap(p -> Combinators.combine(left.tensors(p[0]), right.tensors(p[1]))
                .as((a, b) -> new Tensor[] {a, b}));
        OpInfo.Builder b = OpInfo.builder(name).covers(covers).domain(left).broadcasting()
                .cases(OpCase.of(name, inputs, in -> op.apply(in[0], in[1])))
                .samples(Samples.binary(name, in -> op.apply(in[0], in[1]), leftValues, rightValues, largeLeft, largeRight))
                .sample(OpCase.of(name + " of tied operands", in -> op.apply(in[0], in[1]),
                        Samples.cycle(Shape.of(2, 2), leftValues), Samples.cycle(Shape.of(2, 2), leftValues)))
                .errors(ErrorInput.of("shapes [2, 3] and [4] do not broadcast", IllegalArgumentException.class,
                        () -> op.apply(Tensor.ones(2, 3), Tensor.ones(4)), name, "[2, 3]", "[4]"));
        if (zeroIsSmooth) {
            b.sample(OpCase.of(name + " of zeros", in -> op.apply(in[0], in[1]), Tensor.zeros(DType.FLOAT64, 2, 3),
                    Tensor.zeros(DType.FLOAT64, 3)));
        }
        return b.build();
    }

    private static OpInfo where() {
        Arbitrary<OpCase> cases = broadcastPairs().flatMap(p -> {
            Arbitrary<Tensor> condition = Arbitraries.of(false, true).array(boolean[].class).ofSize(p[0].numel())
                    .map(v -> Tensor.wrap(v, p[0]));
            return Combinators.combine(condition, tensors(p[0]), tensors(p[1])).as((c, a, b) ->
                    OpCase.of("where(" + c + ", a, b)", in -> Tensor.where(c, in[0], in[1]), a, b));
        });
        Tensor condition = Tensor.of(new boolean[] {true, false, false, true, true, false}, 2, 3);
        return OpInfo.builder("where").covers("where(Tensor,Tensor,Tensor)").domain(Domain.REAL).broadcasting()
                .cases(cases)
                .sample(OpCase.of("where broadcasting [2, 3] with [3]", in -> Tensor.where(condition, in[0], in[1]),
                                Samples.cycle(Shape.of(2, 3), REAL), Samples.cycle(Shape.of(3), NONZERO)),
                        OpCase.of("where with a 0-d operand", in -> Tensor.where(condition, in[0], in[1]),
                                Tensor.scalar(0.25), Samples.cycle(Shape.of(1, 3), REAL)))
                .errors(ErrorInput.of("condition [3] with operands [2, 1] and [2]", IllegalArgumentException.class,
                        () -> Tensor.where(Tensor.ones(3).gt(0.0), Tensor.ones(2, 1), Tensor.ones(2)), "where", "[3]"))
                .build();
    }
}

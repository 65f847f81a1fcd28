package org.autodiff.core.ops;

import org.autodiff.testkit.OpCase;
import static org.autodiff.testkit.TensorArbitraries.awayFromZero;
import static org.autodiff.testkit.TensorArbitraries.distinct;
import static org.autodiff.testkit.TensorArbitraries.shapes;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.Arrays;
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

/** The derivative laws for reductions and the softmax family, over random shapes and dims. */
class ReductionProperties {

    /** An op of all elements. */
    private static Arbitrary<OpCase> all(String name, int minNumel, Function<Shape, Arbitrary<Tensor>> domain,
                                         Function<Tensor, Tensor> op) {
        return OpCase.unary(name, shapes().filter(s -> s.numel() >= minNumel).flatMap(domain::apply), op);
    }

    /** An op along one dim (given as a negative dim half of the time) with keepDim either way. */
    private static Arbitrary<OpCase> alongDim(String name, Function<Shape, Arbitrary<Tensor>> domain, DimOp op) {
        return shapes(1, 4, 3).flatMap(s -> Combinators.combine(domain.apply(s),
                Arbitraries.integers().between(-s.rank(), s.rank() - 1), Arbitraries.of(true, false))
                .as((x, dim, keep) -> OpCase.of(name + "(dim " + dim + ", keepDim " + keep + ")",
                        in -> op.apply(in[0], dim, keep), new Tensor[] {x})));
    }

    /** An op over a random non-empty set of dims covering at least {@code minCount} elements. */
    private static Arbitrary<OpCase> overDims(String name, int minCount,
                                              BiFunction<int[], Boolean, Function<Tensor, Tensor>> op) {
        return overDims(name, minCount, s -> tensors(s), op);
    }

    /** {@link #overDims(String, int, BiFunction)} over a domain of its own. */
    private static Arbitrary<OpCase> overDims(String name, int minCount, Function<Shape, Arbitrary<Tensor>> domain,
                                              BiFunction<int[], Boolean, Function<Tensor, Tensor>> op) {
        return shapes(1, 4, 3).filter(s -> s.numel() >= minCount).flatMap(s -> Combinators.combine(domain.apply(s),
                Arbitraries.integers().between(0, s.rank() - 1).set().ofMinSize(1)
                        .filter(set -> set.stream().mapToInt(s::size).reduce(1, (a, b) -> a * b) >= minCount),
                Arbitraries.of(true, false))
                .as((x, dimSet, keep) -> {
                    int[] dims = dimSet.stream().mapToInt(Integer::intValue).toArray();
                    Function<Tensor, Tensor> f = op.apply(dims, keep);
                    return OpCase.of(name + "(dims " + Arrays.toString(dims) + ", keepDim " + keep + ")",
                            in -> f.apply(in[0]), new Tensor[] {x});
                }));
    }

    private interface DimOp {
        Tensor apply(Tensor x, int dim, boolean keepDim);
    }

    private static List<Arbitrary<OpCase>> secondOrderTable() {
        return List.of(
                alongDim("softmax", s -> tensors(s), (x, d, k) -> x.softmax(d)),
                alongDim("logSoftmax", s -> tensors(s), (x, d, k) -> x.logSoftmax(d)),
                alongDim("logSumExp", s -> tensors(s), Tensor::logSumExp),
                all("var()", 2, s -> tensors(s), Tensor::var),
                all("norm", 1, s -> awayFromZero(s), Tensor::norm),
                // The p-norms away from their kinks: no zero element (sign, |x|^(p-1)), no tied maximum for p = ∞.
                overDims("norm(1)", 1, s -> awayFromZero(s), (dims, keep) -> x -> x.norm(1, dims, keep)),
                overDims("norm(2)", 1, s -> awayFromZero(s), (dims, keep) -> x -> x.norm(2, dims, keep)),
                overDims("norm(3)", 1, s -> awayFromZero(s), (dims, keep) -> x -> x.norm(3, dims, keep)),
                overDims("norm(1.5)", 1, s -> awayFromZero(s), (dims, keep) -> x -> x.norm(1.5, dims, keep)),
                overDims("norm(0.5)", 1, s -> awayFromZero(s), (dims, keep) -> x -> x.norm(0.5, dims, keep)),
                overDims("norm(inf)", 1, ReductionProperties::distinctMagnitudes,
                        (dims, keep) -> x -> x.norm(Double.POSITIVE_INFINITY, dims, keep)),
                all("norm(inf)", 1, ReductionProperties::distinctMagnitudes, x -> x.norm(Double.POSITIVE_INFINITY)),
                // std away from its kink, a constant slice (where PyTorch's subgradient is 0, fixed in ConventionsTest).
                all("std()", 2, s -> distinct(s), Tensor::std),
                overDims("std(correction 0)", 2, s -> distinct(s), (dims, keep) -> x -> x.std(dims, 0, keep)),
                overDims("std(correction 1)", 2, s -> distinct(s), (dims, keep) -> x -> x.std(dims, 1, keep)));
    }

    /** Values whose magnitudes differ pairwise and stay away from 0, of both signs: no ties and no kinks for the ∞-norm. */
    private static Arbitrary<Tensor> distinctMagnitudes(Shape s) {
        double[] signs = new double[s.numel()];
        for (int i = 0; i < signs.length; i++) {
            signs[i] = i % 2 == 0 ? 1 : -1;
        }
        return distinct(s).map(x -> x.sub(x.min()).add(0.1).mul(Tensor.wrap(signs, s)));
    }

    private static List<Arbitrary<OpCase>> firstOrderOnlyTable() {
        return List.of(
                all("sum()", 0, s -> tensors(s), Tensor::sum),
                all("mean()", 0, s -> tensors(s), Tensor::mean),
                all("max()", 0, s -> distinct(s), Tensor::max),
                all("min()", 0, s -> distinct(s), Tensor::min),
                alongDim("sum", s -> tensors(s), Tensor::sum),
                alongDim("mean", s -> tensors(s), Tensor::mean),
                alongDim("max", s -> distinct(s), Tensor::max),
                alongDim("min", s -> distinct(s), Tensor::min),
                overDims("sum", 0, (dims, keep) -> x -> x.sum(dims, keep)),
                overDims("mean", 0, (dims, keep) -> x -> x.mean(dims, keep)),
                overDims("var(correction 0)", 1, (dims, keep) -> x -> x.var(dims, 0, keep)),
                // One element has no unbiased variance (NaN, as in PyTorch).
                overDims("var(correction 1)", 2, (dims, keep) -> x -> x.var(dims, 1, keep)),
                // p = 0 counts non-zero elements: its derivative is 0 wherever it exists.
                overDims("norm(0)", 1, s -> awayFromZero(s), (dims, keep) -> x -> x.norm(0, dims, keep)));
    }

    @Provide
    Arbitrary<OpCase> ops() {
        return Arbitraries.oneOf(ArithmeticProperties.concat(secondOrderTable(), firstOrderOnlyTable()));
    }

    @Provide
    Arbitrary<OpCase> secondOrderOps() {
        return Arbitraries.oneOf(secondOrderTable());
    }

    @Property(tries = 1200)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        OpLaws.firstOrderMatchesCentralDifferences(c);
    }

    @Property(tries = 1200)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        OpLaws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Property(tries = 300)
    void secondDerivativesMatchCentralDifferences(@ForAll("secondOrderOps") OpCase c) {
        OpLaws.secondOrderMatchesCentralDifferences(c);
    }
}

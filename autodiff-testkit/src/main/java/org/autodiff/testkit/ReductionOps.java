package org.autodiff.testkit;

import static org.autodiff.testkit.TensorArbitraries.distinct;
import static org.autodiff.testkit.TensorArbitraries.shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/** The registry's reductions and the softmax family, over random shapes, dims and keepDim. */
final class ReductionOps {
    private static final Tensor A = Samples.t(Shape.of(2, 3), 0.5, -1.25, 2, 0.75, 1.5, -0.3);
    private static final Tensor TIES = Samples.t(Shape.of(2, 3), 1.5, -0.5, 1.5, 0.25, 0.25, 0.25);
    private static final Tensor LARGE = Samples.t(Shape.of(2, 3), 1000, 1000.5, -1000, 30, -30, 999);
    private static final Tensor EMPTY = Tensor.wrap(new double[0], Shape.of(0, 3));

    private ReductionOps() {
    }

    private interface DimOp {
        Tensor apply(Tensor x, int dim, boolean keepDim);
    }

    static List<OpInfo> entries() {
        List<OpInfo> e = new ArrayList<>();
        e.add(entry("sum", List.of("sum()", "sum(int,boolean)", "sum(int[],boolean)"), Domain.REAL, false,
                all("sum()", 0, Domain.REAL, Tensor::sum), alongDim("sum", Domain.REAL, Tensor::sum),
                overDims("sum", 0, Domain.REAL, (dims, keep) -> x -> x.sum(dims, keep)))
                .sample(OpCase.of("sum() of a zero-size tensor", in -> in[0].sum(), EMPTY),
                        OpCase.of("sum(dim 0) of a zero-size tensor", in -> in[0].sum(0, false), EMPTY),
                        OpCase.of("sum() of a 0-d tensor", in -> in[0].sum(), Tensor.scalar(1.5)),
                        OpCase.of("sum(dim 1) of large magnitudes", in -> in[0].sum(1, true), LARGE))
                .errors(dimError("sum", () -> A.sum(2, false)))
                .build());
        e.add(entry("mean", List.of("mean()", "mean(int,boolean)", "mean(int[],boolean)"), Domain.REAL, false,
                all("mean()", 0, Domain.REAL, Tensor::mean), alongDim("mean", Domain.REAL, Tensor::mean),
                overDims("mean", 0, Domain.REAL, (dims, keep) -> x -> x.mean(dims, keep)))
                .sample(OpCase.of("mean() of a 0-d tensor", in -> in[0].mean(), Tensor.scalar(1.5)),
                        OpCase.of("mean(dim 0) of large magnitudes", in -> in[0].mean(0, false), LARGE))
                .errors(dimError("mean", () -> A.mean(-3, false)))
                .build());
        e.add(entry("max", List.of("max()", "max(int,boolean)"), Domain.DISTINCT, false,
                all("max()", 1, Domain.DISTINCT, Tensor::max), alongDim("max", Domain.DISTINCT, Tensor::max))
                .sample(OpCase.of("max() with ties", in -> in[0].max(), TIES).atKink(),
                        OpCase.of("max(dim 1) with ties", in -> in[0].max(1, false), TIES).atKink(),
                        OpCase.of("max() of a 0-d tensor", in -> in[0].max(), Tensor.scalar(-0.5)))
                .errors(dimError("max", () -> A.max(2, false)),
                        ErrorInput.of("max() of a zero-size tensor", RuntimeException.class, () -> EMPTY.max(), "max"))
                .build());
        e.add(entry("min", List.of("min()", "min(int,boolean)"), Domain.DISTINCT, false,
                all("min()", 1, Domain.DISTINCT, Tensor::min), alongDim("min", Domain.DISTINCT, Tensor::min))
                .sample(OpCase.of("min() with ties", in -> in[0].min(), TIES.neg()).atKink(),
                        OpCase.of("min(dim 0) with ties", in -> in[0].min(0, true), TIES).atKink())
                .errors(ErrorInput.of("min() of a zero-size tensor", RuntimeException.class, () -> EMPTY.min(), "min"))
                .build());
        e.add(entry("var", List.of("var()", "var(int[],int,boolean)"), Domain.REAL, true,
                all("var()", 2, Domain.REAL, Tensor::var),
                overDims("var(correction 0)", 1, Domain.REAL, (dims, keep) -> x -> x.var(dims, 0, keep)),
                // One element has no unbiased variance (NaN, as in PyTorch).
                overDims("var(correction 1)", 2, Domain.REAL, (dims, keep) -> x -> x.var(dims, 1, keep)))
                .sample(OpCase.of("var() of ties", in -> in[0].var(), TIES))
                .errors(dimError("var", () -> A.var(new int[] {3}, 1, false)))
                .build());
        // std away from its kink, a constant slice (where PyTorch's subgradient is 0).
        e.add(entry("std", List.of("std()", "std(int[],int,boolean)"), Domain.DISTINCT, true,
                all("std()", 2, Domain.DISTINCT, Tensor::std),
                overDims("std(correction 0)", 2, Domain.DISTINCT, (dims, keep) -> x -> x.std(dims, 0, keep)),
                overDims("std(correction 1)", 2, Domain.DISTINCT, (dims, keep) -> x -> x.std(dims, 1, keep)))
                .sample(OpCase.of("std(dims [1]) with a constant row", in -> in[0].std(new int[] {1}, 1, false), TIES).atKink())
                .build());
        e.add(entry("logSumExp", List.of("logSumExp(int,boolean)"), Domain.REAL, true,
                alongDim("logSumExp", Domain.REAL, Tensor::logSumExp))
                .sample(OpCase.of("logSumExp(dim 1) of large magnitudes", in -> in[0].logSumExp(1, false), LARGE))
                .errors(dimError("logSumExp", () -> A.logSumExp(2, true)))
                .build());
        e.add(entry("softmax", List.of("softmax(int)"), Domain.REAL, true,
                alongDim("softmax", Domain.REAL, (x, d, k) -> x.softmax(d)))
                .sample(OpCase.of("softmax(dim 1) of large magnitudes", in -> in[0].softmax(1), LARGE),
                        OpCase.of("softmax(dim 0) of ties", in -> in[0].softmax(0), TIES))
                .errors(dimError("softmax", () -> A.softmax(5)))
                .build());
        e.add(entry("logSoftmax", List.of("logSoftmax(int)"), Domain.REAL, true,
                alongDim("logSoftmax", Domain.REAL, (x, d, k) -> x.logSoftmax(d)))
                .sample(OpCase.of("logSoftmax(dim 1) of large magnitudes", in -> in[0].logSoftmax(1), LARGE))
                .errors(dimError("logSoftmax", () -> A.logSoftmax(-3)))
                .build());
        e.add(entry("norm", List.of("norm()", "norm(double)", "norm(double,int,boolean)", "norm(double,int[],boolean)"),
                Domain.NONZERO, true,
                all("norm", 1, Domain.NONZERO, Tensor::norm),
                all("norm(3)", 1, Domain.NONZERO, x -> x.norm(3)),
                alongDim("norm(2)", Domain.NONZERO, (x, d, k) -> x.norm(2, d, k)),
                // The p-norms away from their kinks: no zero element (sign, |x|^(p-1)), no tied maximum for p = ∞.
                overDims("norm(1)", 1, Domain.NONZERO, (dims, keep) -> x -> x.norm(1, dims, keep)),
                overDims("norm(2)", 1, Domain.NONZERO, (dims, keep) -> x -> x.norm(2, dims, keep)),
                overDims("norm(3)", 1, Domain.NONZERO, (dims, keep) -> x -> x.norm(3, dims, keep)),
                overDims("norm(1.5)", 1, Domain.NONZERO, (dims, keep) -> x -> x.norm(1.5, dims, keep)),
                overDims("norm(0.5)", 1, Domain.NONZERO, (dims, keep) -> x -> x.norm(0.5, dims, keep)),
                overDims("norm(inf)", 1, DISTINCT_MAGNITUDES,
                        (dims, keep) -> x -> x.norm(Double.POSITIVE_INFINITY, dims, keep)),
                all("norm(inf)", 1, DISTINCT_MAGNITUDES, x -> x.norm(Double.POSITIVE_INFINITY)))
                .sample(OpCase.of("norm() of zeros", in -> in[0].norm(), Tensor.wrap(new double[4], Shape.of(4))).atKink(),
                        OpCase.of("norm() of large magnitudes", in -> in[0].norm(), LARGE))
                .errors(dimError("norm", () -> A.norm(2, 3, false)),
                        ErrorInput.of("p = -1", IllegalArgumentException.class, () -> A.norm(-1), "norm", "-1"))
                .build());
        // p = 0 counts non-zero elements: its derivative is 0 wherever it exists.
        e.add(entry("norm(0)", List.of("norm(double,int[],boolean)"), Domain.NONZERO, false,
                overDims("norm(0)", 1, Domain.NONZERO, (dims, keep) -> x -> x.norm(0, dims, keep))).build());
        e.add(OpInfo.builder("sumToSize").covers("sumToSize(Shape)").domain(Domain.REAL).firstOrderOnly()
                .cases(TensorArbitraries.broadcastPairs().flatMap(p -> TensorArbitraries.tensors(TensorArbitraries.broadcast(p))
                        .map(x -> OpCase.of("sumToSize(" + p[1] + ")", in -> in[0].sumToSize(p[1]), x))))
                .sample(OpCase.of("sumToSize([3]) of [2, 3]", in -> in[0].sumToSize(Shape.of(3)), A),
                        OpCase.of("sumToSize([]) of [2, 3]", in -> in[0].sumToSize(Shape.SCALAR), A))
                .errors(ErrorInput.of("a target that does not broadcast", IllegalArgumentException.class,
                        () -> A.sumToSize(Shape.of(4)), "sumToSize", "[4]", "[2, 3]"))
                .build());
        return e;
    }

    /** Values whose magnitudes differ pairwise and stay away from 0, of both signs: no ties and no kinks for the ∞-norm. */
    private static final Domain DISTINCT_MAGNITUDES = new Domain("distinct magnitudes away from 0", s -> {
        double[] signs = new double[s.numel()];
        for (int i = 0; i < signs.length; i++) {
            signs[i] = i % 2 == 0 ? 1 : -1;
        }
        return distinct(s).map(x -> x.sub(x.min()).add(0.1).mul(Tensor.wrap(signs, s)));
    });

    @SafeVarargs
    private static OpInfo.Builder entry(String name, List<String> covers, Domain domain, boolean secondOrder,
                                        Arbitrary<OpCase>... cases) {
        OpInfo.Builder b = OpInfo.builder(name).covers(covers.toArray(new String[0])).domain(domain)
                .cases(Arbitraries.oneOf(List.of(cases)));
        return secondOrder ? b : b.firstOrderOnly();
    }

    private static ErrorInput dimError(String op, Runnable call) {
        return ErrorInput.of(op + " over a dim out of range", IllegalArgumentException.class, call, op, "dim");
    }

    /** An op of all elements. */
    private static Arbitrary<OpCase> all(String name, int minNumel, Domain domain, Function<Tensor, Tensor> op) {
        return OpCase.unary(name, shapes().filter(s -> s.numel() >= minNumel).flatMap(domain::tensors), op);
    }

    /** An op along one dim (given as a negative dim half of the time) with keepDim either way. */
    private static Arbitrary<OpCase> alongDim(String name, Domain domain, DimOp op) {
        return shapes(1, 4, 3).flatMap(s -> Combinators.combine(domain.tensors(s),
                Arbitraries.integers().between(-s.rank(), s.rank() - 1), Arbitraries.of(true, false))
                .as((x, dim, keep) -> OpCase.of(name + "(dim " + dim + ", keepDim " + keep + ")",
                        in -> op.apply(in[0], dim, keep), x)));
    }

    /** An op over a random non-empty set of dims covering at least {@code minCount} elements. */
    private static Arbitrary<OpCase> overDims(String name, int minCount, Domain domain,
                                              BiFunction<int[], Boolean, Function<Tensor, Tensor>> op) {
        return shapes(1, 4, 3).filter(s -> s.numel() >= minCount).flatMap(s -> Combinators.combine(domain.tensors(s),
                Arbitraries.integers().between(0, s.rank() - 1).set().ofMinSize(1)
                        .filter(set -> set.stream().mapToInt(s::size).reduce(1, (a, b) -> a * b) >= minCount),
                Arbitraries.of(true, false))
                .as((x, dimSet, keep) -> {
                    int[] dims = dimSet.stream().mapToInt(Integer::intValue).toArray();
                    Function<Tensor, Tensor> f = op.apply(dims, keep);
                    return OpCase.of(name + "(dims " + Arrays.toString(dims) + ", keepDim " + keep + ")",
                            in -> f.apply(in[0]), x);
                }));
    }
}

package org.autodiff.testkit;

import static org.autodiff.testkit.TensorArbitraries.shapes;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.check.GradCheck;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/** The registry's shape changes and data movement, over random shapes and arguments. */
final class MovementOps {
    private static final Tensor A = Samples.t(Shape.of(2, 3), 0.5, -1.25, 2, 0.75, 1.5, -0.3);
    private static final Tensor EMPTY = Tensor.wrap(new double[0], Shape.of(0, 3));

    private MovementOps() {
    }

    private interface Op<T> {
        Tensor apply(Tensor x, T args);
    }

    static List<OpInfo> entries() {
        Arbitrary<Shape> nonScalar = shapes(1, 4, 3);
        return List.of(
                entry("transpose", withArgs("transpose", shapes(2, 4, 3), s -> ints(2, -s.rank(), s.rank() - 1),
                        (x, d) -> x.transpose(d[0], d[1])), "transpose(int,int)")
                        .sample(OpCase.of("transpose(0, 1) of a zero-size tensor", in -> in[0].transpose(0, 1), EMPTY))
                        .errors(dimError("transpose", () -> A.transpose(0, 2))).build(),
                entry("permute", withArgs("permute", shapes(), s -> Arbitraries.shuffle(IntStream.range(0, s.rank())
                        .boxed().toList()).map(l -> l.stream().mapToInt(Integer::intValue).toArray()), Tensor::permute),
                        "permute(int[])")
                        .sample(OpCase.of("permute() of a 0-d tensor", in -> in[0].permute(), Tensor.scalar(0.5)))
                        .errors(dimError("permute", () -> A.permute(0, 2))).build(),
                entry("reshape", withArgs("reshape", shapes(), s -> Arbitraries.of(reversed(s.dims()), new int[] {-1},
                        new int[] {1, -1, 1}), Tensor::reshape), "reshape(int[])")
                        .sample(OpCase.of("reshape(3, 0) of a zero-size tensor", in -> in[0].reshape(3, 0), EMPTY))
                        .errors(ErrorInput.of("reshape [2, 3] to [4, 2]", IllegalArgumentException.class,
                                () -> A.reshape(4, 2), "reshape", "[4, 2]")).build(),
                entry("flatten", withArgs("flatten", shapes(), s -> Arbitraries.just(0), (x, a) -> x.flatten()),
                        "flatten()").sample(OpCase.of("flatten() of a 0-d tensor", in -> in[0].flatten(), Tensor.scalar(2)))
                        .build(),
                entry("squeeze", Arbitraries.oneOf(
                        withArgs("squeeze()", shapes(), s -> Arbitraries.just(0), (x, a) -> x.squeeze()),
                        withArgs("squeeze", nonScalar, MovementOps::dim, Tensor::squeeze)), "squeeze()", "squeeze(int)")
                        .errors(dimError("squeeze", () -> A.squeeze(2))).build(),
                entry("unsqueeze", withArgs("unsqueeze", shapes(0, 3, 3),
                        s -> Arbitraries.integers().between(-s.rank() - 1, s.rank()), Tensor::unsqueeze), "unsqueeze(int)")
                        .errors(dimError("unsqueeze", () -> A.unsqueeze(4))).build(),
                entry("expand", Arbitraries.oneOf(
                        withArgs("expand", shapes(0, 3, 3), s -> Arbitraries.integers().between(1, 3)
                                .map(lead -> expanded(s, lead)), Tensor::expand),
                        withArgs("expand(Shape)", shapes(0, 3, 3), s -> Arbitraries.integers().between(1, 3)
                                .map(lead -> Shape.of(expanded(s, lead))), Tensor::expand)),
                        "expand(int[])", "expand(Shape)")
                        .errors(ErrorInput.of("expand [2, 3] to [2, 4]", IllegalArgumentException.class,
                                () -> A.expand(2, 4), "expand")).build(),
                entry("slice", withArgs("slice", nonScalar, s -> dim(s).flatMap(d -> Combinators.combine(
                        Arbitraries.integers().between(-4, 4), Arbitraries.integers().between(-4, 4),
                        Arbitraries.integers().between(1, 3)).as((a, b, c) -> new int[] {d, a, b, c})),
                        (x, a) -> x.slice(a[0], a[1], a[2], a[3])), "slice(int,int,int,int)")
                        .errors(dimError("slice", () -> A.slice(2, 0, 1, 1))).build(),
                entry("indexSelect", Arbitraries.oneOf(
                        withArgs("indexSelect", nonScalar, s -> dim(s).flatMap(d -> Arbitraries.integers()
                                .between(0, s.size(d < 0 ? d + s.rank() : d) - 1).array(int[].class).ofMinSize(1)
                                .ofMaxSize(4).map(idx -> prepend(d, idx))),
                                (x, a) -> x.indexSelect(a[0], Arrays.copyOfRange(a, 1, a.length))),
                        withArgs("indexSelect(Tensor)", nonScalar, s -> dim(s).flatMap(d -> Arbitraries.integers()
                                .between(0, s.size(d < 0 ? d + s.rank() : d) - 1).array(int[].class).ofMinSize(1)
                                .ofMaxSize(4).map(idx -> prepend(d, idx))),
                                (x, a) -> x.indexSelect(a[0], Tensor.of(Arrays.copyOfRange(a, 1, a.length), a.length - 1)))),
                        "indexSelect(int,int[])", "indexSelect(int,Tensor)")
                        .sample(OpCase.of("indexSelect with a repeated index", in -> in[0].indexSelect(1, 2, 0, 2), A))
                        .errors(dimError("indexSelect", () -> A.indexSelect(2, 0))).build(),
                entry("gather", withArgs("gather", nonScalar, s -> dim(s).flatMap(d -> gatherIndex(s, d)
                        .map(idx -> new Object[] {d, idx})), (x, a) -> x.gather((Integer) a[0], (Tensor) a[1])),
                        "gather(int,Tensor)")
                        .errors(ErrorInput.of("an index past the end of the dim", IndexOutOfBoundsException.class,
                                () -> A.gather(1, Tensor.of(new long[] {5, 0}, 2, 1)), "gather", "5")).build(),
                entry("pad", withArgs("pad", nonScalar, s -> ints(Math.min(2, s.rank()) * 2, 0, 2), (x, p) -> x.pad(p, 0.5)),
                        "pad(int[],double)")
                        .errors(ErrorInput.of("an odd padding length", IllegalArgumentException.class,
                                () -> A.pad(new int[] {1}, 0), "pad", "[1]")).build(),
                entry("copy", withArgs("copy", shapes(), s -> Arbitraries.just(0), (x, a) -> x.copy()), "copy()")
                        .sample(OpCase.of("copy() of a zero-size tensor", in -> in[0].copy(), EMPTY)).build(),
                // contiguous() of a contiguous tensor is the tensor itself; a transpose makes it copy.
                entry("contiguous", withArgs("contiguous", shapes(2, 4, 3), s -> Arbitraries.just(0),
                        (x, a) -> x.transpose(0, 1).contiguous()), "contiguous()").build(),
                entry("cat", cat(), "cat(int,Tensor[])")
                        .sample(OpCase.of("cat of a zero-size tensor", in -> Tensor.cat(0, in[0], in[1]), EMPTY, A))
                        .errors(dimError("cat", () -> Tensor.cat(2, A, A))).build(),
                entry("stack", stack(), "stack(int,Tensor[])")
                        .errors(dimError("stack", () -> Tensor.stack(4, A, A)),
                                ErrorInput.of("tensors of different shapes", IllegalArgumentException.class,
                                        () -> Tensor.stack(0, A, Tensor.ones(3)), "stack", "[3]", "[2, 3]")).build(),
                // Through float32 values, tangents and gradients round to float32: a wide difference step
                // keeps the quotient accurate, and the exact laws hold to float32 precision.
                entry("to", withArgs("to(float32).to(float64)", shapes(), s -> Arbitraries.just(0),
                        (x, a) -> x.to(DType.FLOAT32).to(DType.FLOAT64))
                        .map(c -> c.with(GradCheck.Options.DEFAULT.withStep(1e-2), 1e-6)), "to(DType)").build());
    }

    private static OpInfo.Builder entry(String name, Arbitrary<OpCase> cases, String... covers) {
        // Movement is linear: the second derivative is zero and grad-of-grad only checks that it is.
        return OpInfo.builder(name).covers(covers).domain(Domain.REAL).cases(cases).firstOrderOnly();
    }

    private static ErrorInput dimError(String op, Runnable call) {
        return ErrorInput.of(op + " over a dim out of range", IllegalArgumentException.class, call, op, "dim");
    }

    /** A case whose op depends on generated arguments of the shape, shown in its name. */
    private static <A> Arbitrary<OpCase> withArgs(String name, Arbitrary<Shape> shapes, Function<Shape, Arbitrary<A>> args,
                                                  Op<A> op) {
        return shapes.flatMap(s -> Combinators.combine(tensors(s), args.apply(s)).as((x, a) ->
                OpCase.of(name + "(" + describe(a) + ")", in -> op.apply(in[0], a), x)));
    }

    private static String describe(Object a) {
        return a instanceof int[] ints ? Arrays.toString(ints) : String.valueOf(a);
    }

    private static Arbitrary<Integer> dim(Shape s) {
        return Arbitraries.integers().between(-s.rank(), s.rank() - 1);
    }

    private static Arbitrary<int[]> ints(int count, int min, int max) {
        return Arbitraries.integers().between(min, max).array(int[].class).ofSize(count);
    }

    private static int[] reversed(int[] dims) {
        int[] r = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            r[i] = dims[dims.length - 1 - i];
        }
        return r;
    }

    private static int[] prepend(int first, int[] rest) {
        int[] a = new int[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }

    /** A target shape for expand: size-1 dims become 3 and {@code lead} − 1 new leading dims of size 2 appear. */
    private static int[] expanded(Shape s, int lead) {
        int[] dims = new int[s.rank() + lead - 1];
        Arrays.fill(dims, 2);
        for (int d = 0; d < s.rank(); d++) {
            dims[lead - 1 + d] = s.size(d) == 1 ? 3 : s.size(d);
        }
        return dims;
    }

    /** A valid gather index for x of shape s along d: sizes up to s's elsewhere, any size along d. */
    private static Arbitrary<Tensor> gatherIndex(Shape s, int d) {
        int dd = d < 0 ? d + s.rank() : d;
        return Arbitraries.integers().between(1, 3).array(int[].class).ofSize(s.rank()).flatMap(raw -> {
            int[] dims = new int[s.rank()];
            for (int k = 0; k < s.rank(); k++) {
                dims[k] = k == dd ? raw[k] : Math.min(raw[k], s.size(k));
            }
            Shape is = Shape.of(dims);
            return Arbitraries.integers().between(0, s.size(dd) - 1).array(int[].class).ofSize(is.numel())
                    .map(v -> Tensor.of(v, is.dims()));
        });
    }

    private static Arbitrary<OpCase> cat() {
        return shapes(1, 3, 3).flatMap(s -> dim(s).flatMap(d -> Arbitraries.integers().between(1, 3).flatMap(extra -> {
            Shape other = s.with(d < 0 ? d + s.rank() : d, extra);
            return Combinators.combine(tensors(s), tensors(other)).as((a, b) -> OpCase.of("cat(dim " + d + ")",
                    in -> Tensor.cat(d, in[0], in[1]), a, b));
        })));
    }

    private static Arbitrary<OpCase> stack() {
        return shapes(0, 3, 3).flatMap(s -> Arbitraries.integers().between(-s.rank() - 1, s.rank()).flatMap(d ->
                Combinators.combine(tensors(s), tensors(s), tensors(s)).as((a, b, c) -> OpCase.of("stack(dim " + d + ")",
                        in -> Tensor.stack(d, in[0], in[1], in[2]), a, b, c))));
    }
}

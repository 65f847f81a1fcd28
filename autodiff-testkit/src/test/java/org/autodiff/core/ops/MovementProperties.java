package org.autodiff.core.ops;

import org.autodiff.testkit.OpCase;
import static org.autodiff.testkit.TensorArbitraries.shapes;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.autodiff.check.GradCheck;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/** The derivative laws for shape changes and data movement, over random shapes and arguments. */
class MovementProperties {

    /** A case whose op depends on generated arguments of the shape, shown in its name. */
    private static <A> Arbitrary<OpCase> withArgs(String name, Arbitrary<Shape> shapes,
                                                  Function<Shape, Arbitrary<A>> args, Op<A> op) {
        return shapes.flatMap(s -> Combinators.combine(tensors(s), args.apply(s)).as((x, a) ->
                OpCase.of(name + "(" + describe(a) + ")", in -> op.apply(in[0], a), new Tensor[] {x})));
    }

    private interface Op<A> {
        Tensor apply(Tensor x, A args);
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

    private static List<Arbitrary<OpCase>> table() {
        Arbitrary<Shape> nonScalar = shapes(1, 4, 3);
        return List.of(
                withArgs("transpose", shapes(2, 4, 3), s -> ints(2, -s.rank(), s.rank() - 1),
                        (x, d) -> x.transpose(d[0], d[1])),
                withArgs("permute", shapes(), s -> Arbitraries.shuffle(IntStream.range(0, s.rank()).boxed().toList())
                        .map(l -> l.stream().mapToInt(Integer::intValue).toArray()), Tensor::permute),
                withArgs("reshape", shapes(), s -> Arbitraries.of(reversed(s.dims()), new int[] {-1},
                        new int[] {1, -1, 1}), Tensor::reshape),
                withArgs("squeeze()", shapes(), s -> Arbitraries.just(0), (x, a) -> x.squeeze()),
                withArgs("squeeze", nonScalar, MovementProperties::dim, Tensor::squeeze),
                withArgs("unsqueeze", shapes(0, 3, 3), s -> Arbitraries.integers().between(-s.rank() - 1, s.rank()),
                        Tensor::unsqueeze),
                withArgs("expand", shapes(0, 3, 3), s -> Arbitraries.integers().between(1, 3).map(lead -> expanded(s, lead)),
                        Tensor::expand),
                withArgs("slice", nonScalar, s -> dim(s).flatMap(d -> Combinators.combine(
                        Arbitraries.integers().between(-4, 4), Arbitraries.integers().between(-4, 4),
                        Arbitraries.integers().between(1, 3)).as((a, b, c) -> new int[] {d, a, b, c})),
                        (x, a) -> x.slice(a[0], a[1], a[2], a[3])),
                withArgs("indexSelect", nonScalar, s -> dim(s).flatMap(d -> ints(0, 0, 0).map(unused -> d)
                        .flatMap(dd -> Arbitraries.integers().between(0, s.size(dd) - 1).array(int[].class)
                                .ofMinSize(1).ofMaxSize(4).map(idx -> prepend(dd, idx)))),
                        (x, a) -> x.indexSelect(a[0], Arrays.copyOfRange(a, 1, a.length))),
                withArgs("gather", nonScalar, s -> dim(s).flatMap(d -> gatherIndex(s, d).map(idx -> new Object[] {d, idx})),
                        (x, a) -> x.gather((Integer) a[0], (Tensor) a[1])),
                withArgs("pad", nonScalar, s -> ints(Math.min(2, s.rank()) * 2, 0, 2), (x, p) -> x.pad(p, 0.5)),
                withArgs("flatten", shapes(), s -> Arbitraries.just(0), (x, a) -> x.flatten()),
                withArgs("copy", shapes(), s -> Arbitraries.just(0), (x, a) -> x.copy()),
                cat(), stack(),
                // Through float32 values, tangents and gradients round to float32: a wide difference step
                // keeps the quotient accurate, and the adjoint law holds to float32 precision.
                withArgs("to(float32).to(float64)", shapes(), s -> Arbitraries.just(0),
                        (x, a) -> x.to(DType.FLOAT32).to(DType.FLOAT64))
                        .map(c -> c.with(GradCheck.Options.DEFAULT.withStep(1e-2), 1e-6)));
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
                    in -> Tensor.cat(d, in[0], in[1]), new Tensor[] {a, b}));
        })));
    }

    private static Arbitrary<OpCase> stack() {
        return shapes(0, 3, 3).flatMap(s -> Arbitraries.integers().between(-s.rank() - 1, s.rank()).flatMap(d ->
                Combinators.combine(tensors(s), tensors(s), tensors(s)).as((a, b, c) -> OpCase.of("stack(dim " + d + ")",
                        in -> Tensor.stack(d, in[0], in[1], in[2]), new Tensor[] {a, b, c}))));
    }

    @Provide
    Arbitrary<OpCase> ops() {
        return Arbitraries.oneOf(table());
    }

    @Property(tries = 1200)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        OpLaws.firstOrderMatchesCentralDifferences(c);
    }

    @Property(tries = 1200)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        OpLaws.jvpAndVjpAreAdjoint(c, seed);
    }
}

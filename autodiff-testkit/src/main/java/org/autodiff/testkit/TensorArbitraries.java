package org.autodiff.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * jqwik arbitraries for property tests of tensor ops: shapes (0-d and zero-size ones included
 * where asked for), float64 tensors, broadcast-compatible shape tuples and tensors in named
 * domains ({@link Domain}) that keep clear of the points where an op is undefined or has a kink.
 *
 * <p>To property-test your own op against central differences in both modes:
 *
 * <pre>{@code
 * @Property(tries = 100)
 * void myOpMatchesCentralDifferences(@ForAll("inputs") Tensor x) {
 *     Laws.numericMatchesReverse("myOp", in -> new MyOp().apply(in[0]), x);
 * }
 *
 * @Provide
 * Arbitrary<Tensor> inputs() {
 *     return TensorArbitraries.shapes().flatMap(TensorArbitraries::positive);  // e.g. for a log-like op
 * }
 * }</pre>
 *
 * <p>Sizes are small (1 to 3 per dim, so size-1 dims, which broadcast, are frequent) because a
 * gradient check costs a few function evaluations per element. Margins around kinks
 * ({@link #KINK_MARGIN}) are far wider than the gradient check's difference step, so no
 * difference quotient straddles a kink.
 */
public final class TensorArbitraries {
    /** The smallest distance a safe-domain value keeps from a kink or pole. */
    public static final double KINK_MARGIN = 0.05;
    /** The default range of values: [−RANGE, RANGE]. */
    public static final double RANGE = 2.0;
    /** Decimal places of generated values: enough that ties only come from edge cases. */
    private static final int SCALE = 6;

    private TensorArbitraries() {
    }

    // ---------------------------------------------------------------- shapes

    /**
     * Shapes of rank 0 to 4 with sizes 1 to 3: the shapes every op accepts.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Shape> shapes() {
        return shapes(0, 4, 3);
    }

    /**
     * Shapes of rank {@code minRank..maxRank} with sizes {@code 1..maxSize}.
     *
     * @param minRank the smallest rank (0 for a 0-d tensor)
     * @param maxRank the largest rank
     * @param maxSize the largest size of a dim
     * @return the arbitrary
     */
    public static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxSize) {
        return shapes(minRank, maxRank, 1, maxSize);
    }

    /**
     * Shapes of rank {@code minRank..maxRank} with sizes {@code minSize..maxSize}; a
     * {@code minSize} of 0 gives zero-size tensors (no elements) too.
     *
     * @param minRank the smallest rank (0 for a 0-d tensor)
     * @param maxRank the largest rank
     * @param minSize the smallest size of a dim (0 allowed)
     * @param maxSize the largest size of a dim
     * @return the arbitrary
     */
    public static Arbitrary<Shape> shapes(int minRank, int maxRank, int minSize, int maxSize) {
        if (minRank < 0 || maxRank < minRank || minSize < 0 || maxSize < minSize) {
            throw new IllegalArgumentException("TensorArbitraries.shapes: need 0 <= minRank <= maxRank and 0 <= minSize"
                    + " <= maxSize, got ranks " + minRank + ".." + maxRank + ", sizes " + minSize + ".." + maxSize);
        }
        return Arbitraries.integers().between(minSize, maxSize).array(int[].class).ofMinSize(minRank)
                .ofMaxSize(maxRank).map(Shape::of);
    }

    /**
     * Shapes of rank 0 to 4 with sizes 0 to 3, at least one of them zero-size: the edge case an
     * op must handle without touching an element (a sum of nothing is 0, a max of nothing
     * raises).
     *
     * @return the arbitrary
     */
    public static Arbitrary<Shape> emptyShapes() {
        return shapes(1, 4, 0, 3).filter(s -> s.numel() == 0);
    }

    /**
     * Pairs of shapes that broadcast together, as PyTorch's rules allow: the second may have
     * fewer (missing leading) dims, and either may have size 1 where the other has more.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Shape[]> broadcastPairs() {
        return shapes(0, 4, 3).flatMap(full -> {
            int rank = full.rank();
            Arbitrary<Integer> dropped = Arbitraries.integers().between(0, rank);
            Arbitrary<boolean[]> onesA = booleans(rank);
            Arbitrary<boolean[]> onesB = booleans(rank);
            return Combinators.combine(dropped, onesA, onesB).as((drop, a, b) -> {
                int[] da = full.dims(), db = full.dims();
                for (int d = 0; d < rank; d++) {
                    // Never both 1-forced at the same dim: a 1 against a larger size is the case worth testing.
                    if (a[d]) {
                        da[d] = 1;
                    } else if (b[d]) {
                        db[d] = 1;
                    }
                }
                return new Shape[] {Shape.of(da), Shape.of(Arrays.copyOfRange(db, drop, rank))};
            });
        });
    }

    /**
     * Tuples of {@code n} shapes that broadcast together: each drops some leading dims of a
     * common shape and has size 1 in some of the others.
     *
     * @param n how many shapes (at least 1)
     * @return the arbitrary
     */
    public static Arbitrary<Shape[]> broadcastTuples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("TensorArbitraries.broadcastTuples: n must be at least 1, got " + n);
        }
        return shapes(0, 4, 3).flatMap(full -> {
            int rank = full.rank();
            Arbitrary<List<Integer>> drops = Arbitraries.integers().between(0, rank).list().ofSize(n);
            Arbitrary<List<boolean[]>> ones = booleans(rank).list().ofSize(n);
            return Combinators.combine(drops, ones).as((drop, one) -> {
                Shape[] shapes = new Shape[n];
                for (int i = 0; i < n; i++) {
                    int[] dims = full.dims();
                    for (int d = 0; d < rank; d++) {
                        if (one.get(i)[d]) {
                            dims[d] = 1;
                        }
                    }
                    shapes[i] = Shape.of(Arrays.copyOfRange(dims, drop.get(i), rank));
                }
                return shapes;
            });
        });
    }

    /**
     * The shape that {@code shapes} broadcast to, by PyTorch's rules.
     *
     * @param shapes broadcast-compatible shapes
     * @return their common shape
     * @throws IllegalArgumentException naming the shapes when they do not broadcast
     */
    public static Shape broadcast(Shape... shapes) {
        int rank = 0;
        for (Shape s : shapes) {
            rank = Math.max(rank, s.rank());
        }
        int[] dims = new int[rank];
        Arrays.fill(dims, 1);
        for (Shape s : shapes) {
            for (int d = 0; d < s.rank(); d++) {
                int k = rank - s.rank() + d, size = s.size(d);
                if (size != 1) {
                    if (dims[k] != 1 && dims[k] != size) {
                        throw new IllegalArgumentException("TensorArbitraries.broadcast: shapes "
                                + Arrays.toString(shapes) + " do not broadcast (dim " + k + ")");
                    }
                    dims[k] = size;
                }
            }
        }
        return Shape.of(dims);
    }

    private static Arbitrary<boolean[]> booleans(int n) {
        return Arbitraries.of(true, false, false).list().ofSize(n).map(l -> {
            boolean[] b = new boolean[n];
            for (int i = 0; i < n; i++) {
                b[i] = l.get(i);
            }
            return b;
        });
    }

    // ---------------------------------------------------------------- tensors

    /**
     * float64 tensors of the given shape with values in [min, max].
     *
     * @param shape the shape
     * @param min the smallest value
     * @param max the largest value
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> tensors(Shape shape, double min, double max) {
        return values(shape, Arbitraries.doubles().between(min, max).ofScale(SCALE));
    }

    /**
     * float64 tensors of the given shape with values in [−{@link #RANGE}, {@link #RANGE}].
     *
     * @param shape the shape
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> tensors(Shape shape) {
        return tensors(shape, -RANGE, RANGE);
    }

    /**
     * float64 tensors of any {@link #shapes()} with values in [−{@link #RANGE}, {@link #RANGE}].
     *
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> tensors() {
        return shapes().flatMap(TensorArbitraries::tensors);
    }

    /**
     * Values in [{@link #KINK_MARGIN}, RANGE]: the domain of log, sqrt, a real power's base.
     *
     * @param shape the shape
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> positive(Shape shape) {
        return tensors(shape, KINK_MARGIN, RANGE);
    }

    /**
     * Values in [−RANGE, RANGE] at least {@link #KINK_MARGIN} from 0: divisors, and relu, abs,
     * sign kinks.
     *
     * @param shape the shape
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> awayFromZero(Shape shape) {
        return awayFrom(shape, -RANGE, RANGE, 0.0);
    }

    /**
     * Values in [min, max] at least {@link #KINK_MARGIN} from every one of {@code kinks} (e.g.
     * clamp's bounds).
     *
     * @param shape the shape
     * @param min the smallest value
     * @param max the largest value
     * @param kinks the points to keep away from
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> awayFrom(Shape shape, double min, double max, double... kinks) {
        double[] k = kinks.clone();
        return values(shape, Arbitraries.doubles().between(min, max).ofScale(SCALE).filter(v -> {
            for (double kink : k) {
                if (Math.abs(v - kink) < KINK_MARGIN) {
                    return false;
                }
            }
            return true;
        }));
    }

    /**
     * Values that differ pairwise by at least {@link #KINK_MARGIN}, in [−RANGE, RANGE] when
     * there are few enough: no ties, so max, min and maxPool2d are differentiable at them. Built
     * as a shuffled grid with jitter rather than by filtering, which would reject almost every
     * sample of a larger tensor.
     *
     * @param shape the shape
     * @return the arbitrary
     */
    public static Arbitrary<Tensor> distinct(Shape shape) {
        int n = shape.numel();
        double spacing = Math.max(2 * KINK_MARGIN, 2 * RANGE / Math.max(1, n));
        List<Integer> grid = IntStream.range(0, n).boxed().toList();
        Arbitrary<double[]> jitter = Arbitraries.doubles().between(0, Math.floor((spacing - KINK_MARGIN) * 1e6) / 1e6)
                .ofScale(SCALE).array(double[].class).ofSize(n);
        return Combinators.combine(Arbitraries.shuffle(grid), jitter).as((order, j) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = -n * spacing / 2 + order.get(i) * spacing + j[i];
            }
            return Tensor.wrap(v, shape);
        });
    }

    /**
     * Tuples of tensors, one per shape, each from its own domain.
     *
     * @param shapes the shapes
     * @param domains one domain per shape
     * @return the arbitrary
     */
    public static Arbitrary<Tensor[]> tuples(Shape[] shapes, Domain... domains) {
        if (shapes.length != domains.length) {
            throw new IllegalArgumentException("TensorArbitraries.tuples: " + shapes.length + " shapes but "
                    + domains.length + " domains");
        }
        List<Arbitrary<Tensor>> parts = new ArrayList<>();
        for (int i = 0; i < shapes.length; i++) {
            parts.add(domains[i].tensors(shapes[i]));
        }
        return Combinators.combine(parts).as(l -> l.toArray(new Tensor[0]));
    }

    private static Arbitrary<Tensor> values(Shape shape, Arbitrary<Double> element) {
        return element.array(double[].class).ofSize(shape.numel()).map(v -> Tensor.wrap(v, shape));
    }
}

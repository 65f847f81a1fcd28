package org.autodiff.check;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * jqwik arbitraries for property tests of tensor ops: shapes, float64 tensors, broadcast-
 * compatible shape pairs and "safe domain" tensors that keep clear of the points where an op is
 * undefined or has a kink. Published in autodiff-core's test jar (depend on
 * {@code org.autodiff:autodiff-core} with {@code <type>test-jar</type>}, scope test).
 *
 * <p>To property-test your own op against central differences in both modes:
 *
 * <pre>{@code
 * @Property(tries = 100)
 * void myOpMatchesCentralDifferences(@ForAll("inputs") Tensor x) {
 *     GradCheck.check(in -> new MyOp().apply(in[0]), x);
 * }
 *
 * @Provide
 * Arbitrary<Tensor> inputs() {
 *     return TensorArbitraries.shapes().flatMap(s -> TensorArbitraries.positive(s));  // e.g. for a log-like op
 * }
 * }</pre>
 *
 * <p>Sizes are small (1 to 3 per dim, so size-1 dims, which broadcast, are frequent) because a
 * gradient check costs a few function evaluations per element. Margins around kinks
 * ({@link #KINK_MARGIN}) are far wider than {@link GradCheck}'s difference step, so no
 * difference quotient straddles a kink.
 */
public final class TensorArbitraries {
    /** The smallest distance a safe-domain value keeps from a kink or pole. */
    public static final double KINK_MARGIN = 0.05;
    /** The default range of values. */
    public static final double RANGE = 2.0;
    /** Decimal places of generated values: enough that ties only come from edge cases. */
    private static final int SCALE = 6;

    private TensorArbitraries() {
    }

    // ---------------------------------------------------------------- shapes

    /** Shapes of rank 0 to 4 with sizes 1 to 3. */
    public static Arbitrary<Shape> shapes() {
        return shapes(0, 4, 3);
    }

    /** Shapes of rank minRank..maxRank with sizes 1..maxSize. */
    public static Arbitrary<Shape> shapes(int minRank, int maxRank, int maxSize) {
        return Arbitraries.integers().between(1, maxSize).array(int[].class).ofMinSize(minRank).ofMaxSize(maxRank)
                .map(Shape::of);
    }

    /**
     * Pairs of shapes that broadcast together, as PyTorch's rules allow: the second may have
     * fewer (missing leading) dims, and either may have size 1 where the other has more.
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
                    // Never both 1-forced at the same dim from different sizes: 1 is compatible with anything.
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

    /** float64 tensors of the given shape with values in [min, max]. */
    public static Arbitrary<Tensor> tensors(Shape shape, double min, double max) {
        return values(shape, Arbitraries.doubles().between(min, max).ofScale(SCALE));
    }

    /** float64 tensors of the given shape with values in [−{@link #RANGE}, {@link #RANGE}]. */
    public static Arbitrary<Tensor> tensors(Shape shape) {
        return tensors(shape, -RANGE, RANGE);
    }

    /** float64 tensors of any {@link #shapes()} with values in [−{@link #RANGE}, {@link #RANGE}]. */
    public static Arbitrary<Tensor> tensors() {
        return shapes().flatMap(TensorArbitraries::tensors);
    }

    /** Values in [{@link #KINK_MARGIN}, RANGE]: the domain of log, sqrt, a real power's base. */
    public static Arbitrary<Tensor> positive(Shape shape) {
        return tensors(shape, KINK_MARGIN, RANGE);
    }

    /** Values in [−RANGE, RANGE] at least {@link #KINK_MARGIN} from 0: divisors, and relu, abs, sign kinks. */
    public static Arbitrary<Tensor> awayFromZero(Shape shape) {
        return awayFrom(shape, -RANGE, RANGE, 0.0);
    }

    /** Values in [min, max] at least {@link #KINK_MARGIN} from every one of {@code kinks} (e.g. clamp's bounds). */
    public static Arbitrary<Tensor> awayFrom(Shape shape, double min, double max, double... kinks) {
        return values(shape, Arbitraries.doubles().between(min, max).ofScale(SCALE).filter(v -> {
            for (double k : kinks) {
                if (Math.abs(v - k) < KINK_MARGIN) {
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
     */
    public static Arbitrary<Tensor> distinct(Shape shape) {
        int n = shape.numel();
        double spacing = Math.max(2 * KINK_MARGIN, 2 * RANGE / Math.max(1, n));
        List<Integer> grid = IntStream.range(0, n).boxed().toList();
        Arbitrary<double[]> jitter = Arbitraries.doubles().between(0, Math.floor((spacing - KINK_MARGIN) * 1e6) / 1e6).ofScale(SCALE)
                .array(double[].class).ofSize(n);
        return Combinators.combine(Arbitraries.shuffle(grid), jitter).as((order, j) -> {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = -n * spacing / 2 + order.get(i) * spacing + j[i];
            }
            return Tensor.wrap(v, shape);
        });
    }

    private static Arbitrary<Tensor> values(Shape shape, Arbitrary<Double> element) {
        return element.array(double[].class).ofSize(shape.numel()).map(v -> Tensor.wrap(v, shape));
    }
}

package org.autodiff.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A named set of input values where an op is smooth, so that central differences measure its
 * derivative: e.g. {@link #POSITIVE} for log and sqrt, {@link #NONZERO} for a divisor or relu's
 * kink, {@link #DISTINCT} for max without ties. The name appears in registry listings and in
 * failure messages.
 *
 * @param name what the domain is, e.g. "positive"
 * @param generator float64 tensors of a given shape inside the domain
 */
public record Domain(String name, Function<Shape, Arbitrary<Tensor>> generator) {
    /** Values in [−2, 2]: smooth ops. */
    public static final Domain REAL = new Domain("real [-2, 2]", TensorArbitraries::tensors);
    /** Values in [0.05, 2]: log, sqrt, the base of a real power. */
    public static final Domain POSITIVE = new Domain("positive [0.05, 2]", TensorArbitraries::positive);
    /** Values in [−2, 2] at least 0.05 from 0: divisors, and the kink of relu, abs, sign. */
    public static final Domain NONZERO = new Domain("nonzero, |x| >= 0.05", TensorArbitraries::awayFromZero);
    /** Values pairwise at least 0.05 apart: max, min, pooling without ties. */
    public static final Domain DISTINCT = new Domain("distinct (no ties)", TensorArbitraries::distinct);

    /**
     * Checks the components.
     *
     * @param name what the domain is
     * @param generator tensors of a shape inside the domain
     */
    public Domain {
        Objects.requireNonNull(name, "Domain: name");
        Objects.requireNonNull(generator, "Domain: generator");
    }

    /**
     * Values in [min, max]: a bounded domain, e.g. (−0.9, 2] for log1p.
     *
     * @param min the smallest value
     * @param max the largest value
     * @return the domain
     */
    public static Domain bounded(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("Domain.bounded: min " + min + " > max " + max);
        }
        return new Domain("[" + min + ", " + max + "]", s -> TensorArbitraries.tensors(s, min, max));
    }

    /**
     * Values in [min, max] at least {@link TensorArbitraries#KINK_MARGIN} from each kink or pole.
     *
     * @param min the smallest value
     * @param max the largest value
     * @param kinks the points to keep away from (clamp's bounds, a threshold)
     * @return the domain
     */
    public static Domain awayFrom(double min, double max, double... kinks) {
        double[] k = kinks.clone();
        return new Domain("[" + min + ", " + max + "] away from " + Arrays.toString(k),
                s -> TensorArbitraries.awayFrom(s, min, max, k));
    }

    /**
     * Tensors of the given shape inside this domain.
     *
     * @param shape the shape
     * @return the arbitrary
     */
    public Arbitrary<Tensor> tensors(Shape shape) {
        return generator.apply(shape);
    }

    @Override
    public String toString() {
        return name;
    }
}

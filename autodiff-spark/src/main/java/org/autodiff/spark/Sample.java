package org.autodiff.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One labelled example as it travels through Spark: primitives only, since no autodiff type is
 * {@link Serializable}. For a classifier the target is the class index (0, 1, 2, ...), for a
 * regressor the value to predict. It is {@link Serializable} only so that Spark can ship it
 * between a driver and executors that run the same build: the serialized form is no format to keep.
 *
 * @param features the example's features, as many for every example of a data set
 * @param target the class index or the regression target
 * @serial exclude
 */
public record Sample(double[] features, double target) implements Serializable {
    /** The serialised form's version. */
    private static final long serialVersionUID = 1L;

    /**
     * Checks that there are features.
     *
     * @param features the example's features
     * @param target the class index or the regression target
     */
    public Sample {
        Objects.requireNonNull(features, "features");
    }
}

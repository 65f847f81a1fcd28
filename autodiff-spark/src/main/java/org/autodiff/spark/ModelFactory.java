package org.autodiff.spark;

import java.io.Serializable;
import org.autodiff.nn.Module;

/**
 * Builds the model to train. The driver calls it once for the model it trains; every executor
 * JVM calls it to build its own replicas, whose values then come from the driver at each step,
 * so only the architecture matters there. It is sent to the executors, so it must capture only
 * serialisable things (sizes, seeds), never an autodiff object:
 *
 * <pre>{@code
 * ModelFactory factory = () -> MLP.builder(64).hidden(32).output(10).dtype(DType.FLOAT64)
 *         .generator(new Generator(1)).build();
 * }</pre>
 */
@FunctionalInterface
public interface ModelFactory extends Serializable {
    /**
     * A new model; two calls must give models with the same parameters, in the same order and
     * shapes.
     *
     * @return the model
     */
    Module create();
}

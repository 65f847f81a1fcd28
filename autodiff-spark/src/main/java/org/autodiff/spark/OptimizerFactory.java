package org.autodiff.spark;

import java.io.Serializable;
import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.nn.optim.Optimizer;

/**
 * Builds the optimizer over a model's parameters, e.g. {@code params -> new Adam(params, 1e-3)}.
 * In synchronous training only the driver calls it; with local SGD every task does, so it is
 * sent to the executors and must capture only serialisable things.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    /**
     * The optimizer over {@code params}.
     *
     * @param params the model's parameters, in {@code Module.parameters()} order
     * @return the optimizer
     */
    Optimizer create(List<Tensor> params);
}

package org.autodiff.spark.ml;

import java.util.Arrays;
import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.train.TrainingRecipe;
import org.autodiff.spark.OptimizerFactory;

/**
 * An optimizer by name, as the estimators' {@code optimizer} param gives it, with the names and
 * settings of {@code autodiff train --optimizer} (momentum 0.9 for momentum and nesterov, each
 * optimizer's own defaults otherwise, so AdamW's weight decay of 0.01). It is serializable only so
 * that Spark can send it to executors that run the same build: the serialized form is no format to keep.
 *
 * @param name sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw
 * @param lr the learning rate
 * @serial exclude
 */
public record OptimizerChoice(String name, double lr) implements OptimizerFactory {
    /** The serialised form's version. */
    private static final long serialVersionUID = 1L;
    static final String[] NAMES = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};

    /**
     * Checks the name.
     *
     * @param name sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw
     * @param lr the learning rate
     * @throws IllegalArgumentException for an unknown name
     */
    public OptimizerChoice {
        if (!Arrays.asList(NAMES).contains(name)) {
            throw new IllegalArgumentException("optimizer must be one of " + Arrays.toString(NAMES) + ", got '" + name + "'");
        }
    }

    /**
     * The optimizer {@code name} with the learning rate {@code autodiff train} gives it by default.
     *
     * @param name the optimizer's name
     * @return the choice
     */
    public static OptimizerChoice withDefaultLr(String name) {
        double lr = switch (name) {
            case "sgd" -> 0.1;
            case "momentum", "nesterov", "adagrad" -> 0.05;
            case "rmsprop" -> 0.001;
            default -> 0.002;
        };
        return new OptimizerChoice(name, lr);
    }

    @Override
    public Optimizer create(List<Tensor> params) {
        return TrainingRecipe.optimizer(name, params, lr, null);
    }
}

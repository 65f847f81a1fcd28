package org.autodiff.spark.ml;

import java.util.Arrays;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.autodiff.spark.DataParallelTrainer;
import org.autodiff.spark.ShardLoss;
import scala.Function1;

/**
 * The param objects of one estimator (see {@link NetworkParams}), created for their owner and
 * given its defaults: an MLP with one hidden layer of 32 ReLU units, Adam with learning rate
 * 0.002, batches of 32, 10 epochs, seed 1.
 */
public final class NetworkParamSet {
    final IntArrayParam layers;
    final Param<String> activation;
    final Param<String> optimizer;
    final DoubleParam learningRate;
    final IntParam batchSize;
    final IntParam epochs;
    final LongParam seed;

    NetworkParamSet(Params owner) {
        Function1<int[], Object> positive = widths -> Arrays.stream(widths).allMatch(w -> w > 0);
        layers = new IntArrayParam(owner, "layers", "the hidden layers' widths, e.g. [64, 32]", positive);
        activation = new Param<>(owner, "activation", "the hidden layers' activation: "
                + String.join(", ", NetworkSpec.ACTIVATIONS), ParamValidators.inArray(NetworkSpec.ACTIVATIONS));
        optimizer = new Param<>(owner, "optimizer", "the optimizer: " + String.join(", ", OptimizerChoice.NAMES),
                ParamValidators.inArray(OptimizerChoice.NAMES));
        learningRate = new DoubleParam(owner, "learningRate", "the learning rate (> 0)", ParamValidators.gt(0));
        batchSize = new IntParam(owner, "batchSize", "examples per step in the whole cluster (>= 1)", ParamValidators.gtEq(1));
        epochs = new IntParam(owner, "epochs", "passes over the data (>= 1)", ParamValidators.gtEq(1));
        seed = new LongParam(owner, "seed", "seed of the initial weights and of the batch order");
        owner.setDefault(layers, new int[] {32});
        owner.setDefault(activation, "relu");
        owner.setDefault(optimizer, "adam");
        owner.setDefault(learningRate, 0.002);
        owner.setDefault(batchSize, 32);
        owner.setDefault(epochs, 10);
        owner.setDefault(seed, 1L);
    }

    /** The trainer that {@code params} describe, for a network of {@code spec} and {@code loss}. */
    static DataParallelTrainer trainer(NetworkParams<?> params, NetworkSpec spec, ShardLoss loss) {
        return new DataParallelTrainer(spec, new OptimizerChoice(params.getOptimizer(), params.getLearningRate()), loss)
                .batchSize(params.getBatchSize()).epochs(params.getEpochs()).seed(params.getSeed());
    }
}

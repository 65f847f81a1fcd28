package org.autodiff.spark.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The params that {@link AutodiffClassifier} and {@link AutodiffRegressor} share: the network
 * ({@code layers}, {@code activation}), the optimizer ({@code optimizer}, {@code learningRate})
 * and the training loop ({@code batchSize}, {@code epochs}, {@code seed}), with getters and
 * setters in spark.ml's style.
 *
 * @param <S> the estimator, which the setters return
 */
public interface NetworkParams<S extends NetworkParams<S>> extends Params {
    /**
     * The param objects of this estimator.
     *
     * @return them
     */
    NetworkParamSet networkParamSet();

    /** @return the hidden layers' widths */
    default IntArrayParam layers() {
        return networkParamSet().layers;
    }

    /** @return the hidden layers' activation */
    default Param<String> activation() {
        return networkParamSet().activation;
    }

    /** @return the optimizer's name */
    default Param<String> optimizer() {
        return networkParamSet().optimizer;
    }

    /** @return the learning rate */
    default DoubleParam learningRate() {
        return networkParamSet().learningRate;
    }

    /** @return the global batch size */
    default IntParam batchSize() {
        return networkParamSet().batchSize;
    }

    /** @return the number of epochs */
    default IntParam epochs() {
        return networkParamSet().epochs;
    }

    /** @return the seed */
    default LongParam seed() {
        return networkParamSet().seed;
    }

    /** @return the hidden layers' widths */
    default int[] getLayers() {
        return getOrDefault(layers());
    }

    /** @return the activation's name */
    default String getActivation() {
        return getOrDefault(activation());
    }

    /** @return the optimizer's name */
    default String getOptimizer() {
        return getOrDefault(optimizer());
    }

    /** @return the learning rate */
    default double getLearningRate() {
        return (Double) getOrDefault(learningRate());
    }

    /** @return the global batch size */
    default int getBatchSize() {
        return (Integer) getOrDefault(batchSize());
    }

    /** @return the number of epochs */
    default int getEpochs() {
        return (Integer) getOrDefault(epochs());
    }

    /** @return the seed */
    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    /**
     * @param widths the hidden layers' widths
     * @return this
     */
    default S setLayers(int... widths) {
        set(layers(), widths);
        return self();
    }

    /**
     * @param name relu, tanh, sigmoid or gelu
     * @return this
     */
    default S setActivation(String name) {
        set(activation(), name);
        return self();
    }

    /**
     * @param name sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw
     * @return this
     */
    default S setOptimizer(String name) {
        set(optimizer(), name);
        return self();
    }

    /**
     * @param lr the learning rate
     * @return this
     */
    default S setLearningRate(double lr) {
        set(learningRate(), lr);
        return self();
    }

    /**
     * @param size examples per step in the whole cluster
     * @return this
     */
    default S setBatchSize(int size) {
        set(batchSize(), size);
        return self();
    }

    /**
     * @param count passes over the data
     * @return this
     */
    default S setEpochs(int count) {
        set(epochs(), count);
        return self();
    }

    /**
     * @param value the seed of the initial weights and the batch order
     * @return this
     */
    default S setSeed(long value) {
        set(seed(), value);
        return self();
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }
}

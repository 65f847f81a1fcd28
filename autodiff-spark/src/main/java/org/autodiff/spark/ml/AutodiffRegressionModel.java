package org.autodiff.spark.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * The regressor that {@link AutodiffRegressor#fit} trains: its prediction is the network's
 * output. Saved and loaded like {@link AutodiffClassificationModel}.
 */
public final class AutodiffRegressionModel extends RegressionModel<Vector, AutodiffRegressionModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    /** This stage's unique id in a pipeline. */
    private final String uid;
    /** The trained network and its sizes. */
    private final TrainedNetwork network;

    AutodiffRegressionModel(String uid, TrainedNetwork network) {
        this(PendingUid.hold(uid), network);
    }

    private AutodiffRegressionModel(PendingUid uid, TrainedNetwork network) {
        this.uid = uid.release();
        this.network = network;
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.pending();
    }

    @Override
    public int numFeatures() {
        return network.spec().inputs();
    }

    @Override
    public double predict(Vector features) {
        return network.forward(features.toArray())[0];
    }

    @Override
    public AutodiffRegressionModel copy(ParamMap extra) {
        return copyValues(new AutodiffRegressionModel(uid, network), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new NetworkModelIO.Writer(this, network);
    }

    /**
     * Spark's reader of saved models.
     *
     * @return the reader
     */
    public static MLReader<AutodiffRegressionModel> read() {
        return new NetworkModelIO.Reader<>(AutodiffRegressionModel.class, AutodiffRegressionModel::new);
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path where it was saved
     * @return the model
     */
    public static AutodiffRegressionModel load(String path) {
        return read().load(path);
    }
}

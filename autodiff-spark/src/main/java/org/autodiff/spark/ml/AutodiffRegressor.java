package org.autodiff.spark.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.autodiff.spark.DataParallelTrainer;
import org.autodiff.spark.ShardLoss;

/**
 * A spark.ml regressor that trains an MLP with one output on the mean squared error, with
 * autodiff, data-parallel over the input's partitions ({@link DataParallelTrainer}). {@code fit}
 * gives an {@link AutodiffRegressionModel}, whose {@code transform} adds the prediction column.
 */
public final class AutodiffRegressor extends Regressor<Vector, AutodiffRegressor, AutodiffRegressionModel>
        implements NetworkParams<AutodiffRegressor>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    /** This stage's unique id in a pipeline. */
    private final String uid;
    /** The network's and the training's params (layers, optimizer, epochs, ...). */
    private final NetworkParamSet params;

    /** A regressor with a fresh uid. */
    public AutodiffRegressor() {
        this(Identifiable.randomUID("autodiffRegressor"));
    }

    /**
     * A regressor with the given uid (Spark's {@code copy} and reader use this).
     *
     * @param uid the uid
     */
    public AutodiffRegressor(String uid) {
        this(PendingUid.hold(uid));
    }

    private AutodiffRegressor(PendingUid uid) {
        this.uid = uid.release();
        this.params = new NetworkParamSet(this);
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.pending();
    }

    @Override
    public NetworkParamSet networkParamSet() {
        return params;
    }

    @Override
    public AutodiffRegressionModel train(Dataset<?> dataset) {
        NetworkSpec spec = new NetworkSpec(FeatureCount.of(dataset, getFeaturesCol()), getLayers(), 1, getActivation(),
                getSeed());
        var result = NetworkParamSet.trainer(this, spec, ShardLoss.squaredError())
                .fit(dataset.toDF(), getFeaturesCol(), getLabelCol());
        return new AutodiffRegressionModel(uid(), TrainedNetwork.of(spec, result.model()));
    }

    @Override
    public AutodiffRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * Spark's reader of saved (unfitted) regressors.
     *
     * @return the reader
     */
    public static MLReader<AutodiffRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a regressor saved with {@code write().save(path)}.
     *
     * @param path where it was saved
     * @return the regressor
     */
    public static AutodiffRegressor load(String path) {
        return read().load(path);
    }
}

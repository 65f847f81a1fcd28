package org.autodiff.spark.ml;

import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * The classifier that {@link AutodiffClassifier#fit} trains: its raw prediction is the network's
 * logits, its probability their softmax. Saved with {@code write().save(path)} as Spark's param
 * metadata and the network as a safetensors file; loaded with {@link #load(String)}, also from
 * inside a saved {@code PipelineModel}.
 */
public final class AutodiffClassificationModel
        extends ProbabilisticClassificationModel<Vector, AutodiffClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    /** This stage's unique id in a pipeline. */
    private final String uid;
    /** The trained network and its sizes. */
    private final TrainedNetwork network;

    AutodiffClassificationModel(String uid, TrainedNetwork network) {
        this(PendingUid.hold(uid), network);
    }

    private AutodiffClassificationModel(PendingUid uid, TrainedNetwork network) {
        this.uid = uid.release();
        this.network = network;
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.pending();
    }

    @Override
    public int numClasses() {
        return network.spec().outputs();
    }

    @Override
    public int numFeatures() {
        return network.spec().inputs();
    }

    @Override
    public Vector predictRaw(Vector features) {
        return Vectors.dense(network.forward(features.toArray()));
    }

    /** Softmax of the logits, in place, shifted by their maximum so that large logits do not overflow. */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (double x : v) {
            max = Math.max(max, x);
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return rawPrediction;
    }

    @Override
    public AutodiffClassificationModel copy(ParamMap extra) {
        return copyValues(new AutodiffClassificationModel(uid, network), extra).setParent(parent());
    }

    /**
     * Spark's own, restated: javac sees this method twice, with return types that differ only in
     * their type arguments (Scala's bridges), and needs one declaration to pick.
     *
     * @return Spark's summary model triple
     */
    @Override
    @SuppressWarnings("rawtypes")
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
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
    public static MLReader<AutodiffClassificationModel> read() {
        return new NetworkModelIO.Reader<>(AutodiffClassificationModel.class, AutodiffClassificationModel::new);
    }

    /**
     * Loads a model saved with {@code write().save(path)}.
     *
     * @param path where it was saved
     * @return the model
     */
    public static AutodiffClassificationModel load(String path) {
        return read().load(path);
    }
}

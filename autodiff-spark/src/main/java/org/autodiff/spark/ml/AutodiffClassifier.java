package org.autodiff.spark.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.autodiff.spark.DataParallelTrainer;
import org.autodiff.spark.ShardLoss;

/**
 * A spark.ml classifier that trains an MLP with autodiff, data-parallel over the input's
 * partitions ({@link DataParallelTrainer}: for a given partitioning the same result as training on
 * one machine). Labels are class indices 0, 1, 2, ...; features a vector column, e.g. from
 * {@code VectorAssembler}. {@code fit} gives an {@link AutodiffClassificationModel}, whose
 * {@code transform} adds the raw prediction (logits), probability (softmax) and prediction columns.
 *
 * <pre>{@code
 * AutodiffClassifier mlp = new AutodiffClassifier().setLayers(64, 32).setEpochs(20).setLearningRate(1e-3);
 * PipelineModel model = new Pipeline().setStages(new PipelineStage[] {assembler, mlp}).fit(train);
 * }</pre>
 */
public final class AutodiffClassifier extends ProbabilisticClassifier<Vector, AutodiffClassifier, AutodiffClassificationModel>
        implements NetworkParams<AutodiffClassifier>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    /** The most classes a label column may hold. */
    private static final int MAX_CLASSES = 100_000;

    /** This stage's unique id in a pipeline. */
    private final String uid;
    /** The network's and the training's params (layers, optimizer, epochs, ...). */
    private final NetworkParamSet params;

    /** A classifier with a fresh uid. */
    public AutodiffClassifier() {
        this(Identifiable.randomUID("autodiffClassifier"));
    }

    /**
     * A classifier with the given uid (Spark's {@code copy} and reader use this).
     *
     * @param uid the uid
     */
    public AutodiffClassifier(String uid) {
        this(PendingUid.hold(uid));
    }

    private AutodiffClassifier(PendingUid uid) {
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
    public AutodiffClassificationModel train(Dataset<?> dataset) {
        int classes = getNumClasses(dataset, MAX_CLASSES);
        NetworkSpec spec = new NetworkSpec(FeatureCount.of(dataset, getFeaturesCol()), getLayers(), classes,
                getActivation(), getSeed());
        var result = NetworkParamSet.trainer(this, spec, ShardLoss.crossEntropy())
                .fit(dataset.toDF(), getFeaturesCol(), getLabelCol());
        return new AutodiffClassificationModel(uid(), TrainedNetwork.of(spec, result.model()));
    }

    @Override
    public AutodiffClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * Spark's reader of saved (unfitted) classifiers.
     *
     * @return the reader
     */
    public static MLReader<AutodiffClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a classifier saved with {@code write().save(path)}.
     *
     * @param path where it was saved
     * @return the classifier
     */
    public static AutodiffClassifier load(String path) {
        return read().load(path);
    }
}

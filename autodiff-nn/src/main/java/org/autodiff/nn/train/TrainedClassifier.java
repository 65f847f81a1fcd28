package org.autodiff.nn.train;

import java.util.Objects;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.InputPipeline;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.optim.Optimizer;

/**
 * A classifier rebuilt from a checkpoint ({@link org.autodiff.nn.io.Checkpoint#restore()}): the
 * recipe it was trained by, the input pipeline fitted then, the model with the trained weights
 * (in evaluation mode), its optimizer with the saved state (to train on), and the data split
 * exactly as in training.
 *
 * <pre>{@code
 * TrainedClassifier c = Checkpoint.load(Path.of("checkpoints/model.safetensors")).restore();
 * c.evaluate().accuracy();                                  // the accuracy autodiff train printed
 * int[] labels = c.predict(Digits.load(DType.FLOAT64, false).features());   // raw pixels in, classes out
 * }</pre>
 *
 * @param recipe    how the model was trained
 * @param inputs    what raw examples go through before the model
 * @param model     the trained model, in evaluation mode
 * @param optimizer the optimizer over the model's parameters, with the saved state
 * @param rawSplit  the data set split as in training, before the input pipeline
 * @param classes   the number of classes
 */
public record TrainedClassifier(TrainingRecipe recipe, InputPipeline inputs, Module model, Optimizer optimizer,
        TrainTestSplit rawSplit, int classes) {

    /**
     * Checks that nothing is missing.
     *
     * @param recipe how the model was trained
     * @param inputs what raw examples go through before the model
     * @param model the trained model
     * @param optimizer the optimizer over the model's parameters
     * @param rawSplit the data set split as in training, before the input pipeline
     * @param classes the number of classes
     */
    public TrainedClassifier {
        Objects.requireNonNull(recipe, "recipe");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(rawSplit, "rawSplit");
    }

    /** @return the held-out examples, through the input pipeline */
    public TensorDataset testSet() {
        return inputs.apply(rawSplit.test());
    }

    /** @return the training examples, through the input pipeline */
    public TensorDataset trainSet() {
        return inputs.apply(rawSplit.train());
    }

    /** @return loss, accuracy and confusion matrix on the held-out examples, as {@code autodiff train} reports them */
    public Evaluation evaluate() {
        return Evaluation.of(model, testSet(), classes);
    }

    /**
     * @param rawFeatures raw examples, one per row, as the data set's loader gives them (e.g. digits' pixels 0..16)
     * @return the predicted class of each
     */
    public int[] predict(Tensor rawFeatures) {
        Objects.requireNonNull(rawFeatures, "rawFeatures");
        if (rawFeatures.dim() == 0) {
            throw new IllegalArgumentException("TrainedClassifier.predict: rawFeatures need a first dimension indexing the examples, got a 0-d tensor");
        }
        TensorDataset prepared = inputs.apply(new TensorDataset(rawFeatures, new int[rawFeatures.size(0)]));
        try (var noGrad = GradMode.noGrad()) {
            return Evaluation.predictions(model.call(prepared.features()));
        }
    }
}

package org.autodiff.nn.train;

import java.util.Objects;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Dataset;
import org.autodiff.nn.loss.Losses;

/**
 * A classifier's mean cross-entropy, accuracy and confusion matrix on a data set, computed in
 * eval mode without recording a graph.
 *
 * @param loss the mean cross-entropy per example
 * @param accuracy the fraction of examples whose predicted class is their label
 * @param confusion the counts by true class (row) and predicted class (column)
 */
public record Evaluation(double loss, double accuracy, int[][] confusion) {

    /**
     * Evaluates {@code model} (which maps a batch to class logits) on {@code data} over {@code classes}
     *     classes.
     *
     * @param model the classifier, mapping a batch to class logits
     * @param data the labelled examples, not empty
     * @param classes the number of classes
     * @return the loss, accuracy and confusion matrix on {@code data}
     */
    public static Evaluation of(Module model, Dataset data, int classes) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        if (data.size() == 0) {
            throw new IllegalArgumentException("evaluate: the data set is empty");
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (Batch batch : DataLoader.of(data, 256)) {
                Tensor logits = model.call(batch.x());
                lossSum += Losses.crossEntropy(logits, batch.y()).item() * batch.size();
                int[] predicted = predictions(logits);
                for (int i = 0; i < predicted.length; i++) {
                    confusion[batch.y()[i]][predicted[i]]++;
                }
            }
        } finally {
            model.train(wasTraining);
        }
        int correct = 0;
        for (int c = 0; c < classes; c++) {
            correct += confusion[c][c];
        }
        return new Evaluation(lossSum / data.size(), (double) correct / data.size(), confusion);
    }

    /**
     * The predicted class (argmax of the logits) of each row.
     *
     * @param logits the class logits, one row per example
     * @return the predicted class of each row
     */
    public static int[] predictions(Tensor logits) {
        Objects.requireNonNull(logits, "Evaluation.predictions: logits is null");
        double[] index = logits.argmax(1, false).toDoubleArray();
        int[] predicted = new int[index.length];
        for (int i = 0; i < index.length; i++) {
            predicted[i] = (int) index[i];
        }
        return predicted;
    }
}

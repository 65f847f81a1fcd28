package org.autodiff.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Dataset;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.lr.LRScheduler;

/**
 * The training loop, in PyTorch's order: for each batch
 * {@code zeroGrad(); loss = lossFn(model(x), target); loss.backward(); step()}, then the
 * scheduler (if any) once per epoch, then an evaluation on the test data. A {@link Listener}
 * sees every batch and epoch, e.g. to draw a progress bar.
 *
 * <p>By default ({@link #Trainer(Module, Optimizer, int)}) the model is a classifier trained
 * with cross-entropy against the batches' class labels, and accuracy is measured. With a
 * {@link Loss} of your own ({@link #Trainer(Module, Optimizer, Loss)}) any loss applies to the
 * batches' {@linkplain Batch#targets() targets}: float target tensors (regression, e.g.
 * {@code Losses::mseLoss} on a {@code TensorDataset(features, targets)}), or class labels as int64
 * indices; accuracy is then reported as NaN unless a number of classes is given too.
 */
public final class Trainer {
    /** The default loss: cross-entropy of logits against class labels. */
    private static final Loss DEFAULT = Losses::crossEntropy;

    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    /** The number of classes, or 0 when accuracy is not measured. */
    private final int classes;
    private LRScheduler scheduler;

    /** A loss of the model's output and a batch's targets, such as {@code Losses::mseLoss} or {@code Losses::crossEntropy}. */
    @FunctionalInterface
    public interface Loss {
        /**
         * The loss of one batch, a scalar; with a mean over the batch, the reported epoch losses
         * are means over examples.
         *
         * @param output the model's output for the batch
         * @param target the batch's {@linkplain Batch#targets() targets}
         * @return the loss
         */
        Tensor apply(Tensor output, Tensor target);
    }

    /** Receives progress; both methods default to doing nothing. */
    public interface Listener {
        /**
         * After each batch: the running mean loss and accuracy (NaN if not measured) of the epoch so far.
         *
         * @param epoch the epoch, counted from 1
         * @param batch the batch just trained, counted from 1 within the epoch
         * @param batches the number of batches in an epoch
         * @param runningLoss the mean loss per example over the epoch's batches so far
         * @param runningAccuracy the accuracy over the epoch's batches so far, or NaN if not measured
         */
        default void batchEnd(int epoch, int batch, int batches, double runningLoss, double runningAccuracy) {
        }

        /**
         * After each epoch's evaluation.
         *
         * @param metrics the epoch's training and test loss and accuracy
         */
        default void epochEnd(EpochMetrics metrics) {
        }
    }

    /**
     * Trains {@code model}, a map from a batch to logits over {@code classes} classes, with {@code optimizer} and cross-entropy.
     *
     * @param model the model, mapping a batch to logits
     * @param optimizer the optimizer of its parameters
     * @param classes the number of classes, at least 2
     */
    public Trainer(Module model, Optimizer optimizer, int classes) {
        this(model, optimizer, DEFAULT, requireClasses(classes));
    }

    /**
     * Trains {@code model} with {@code optimizer} to minimise {@code loss} of its output and each
     * batch's targets; accuracy is not measured (NaN in the metrics).
     *
     * @param model the model
     * @param optimizer the optimizer of its parameters
     * @param loss the loss, e.g. {@code Losses::mseLoss} for float targets
     */
    public Trainer(Module model, Optimizer optimizer, Loss loss) {
        this(model, optimizer, loss, 0);
    }

    /**
     * Trains a classifier over {@code classes} classes with a loss of your own (label smoothing,
     * class weights, ...), measuring accuracy against the batches' labels as the default does.
     *
     * @param model the model, mapping a batch to logits
     * @param optimizer the optimizer of its parameters
     * @param loss the loss of the logits and the labels (int64 class indices)
     * @param classes the number of classes, at least 2
     */
    public Trainer(Module model, Optimizer optimizer, Loss loss, int classes) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.loss = Objects.requireNonNull(loss, "loss");
        if (classes != 0) {
            requireClasses(classes);
        }
        this.classes = classes;
    }

    private static int requireClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("Trainer: a classifier needs at least 2 classes, got " + classes);
        }
        return classes;
    }

    /**
     * Steps {@code scheduler} after every epoch.
     *
     * @param scheduler the learning-rate scheduler, or null for none
     * @return this trainer
     */
    public Trainer scheduler(LRScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * Trains for {@code epochs} epochs over {@code train}, evaluating on {@code test} after each.
     *
     * @param train the batches to train on, one pass per epoch
     * @param test the data to evaluate on after each epoch
     * @param epochs the number of epochs
     * @param listener receives progress, or null for none
     * @return each epoch's metrics, in order
     */
    public List<EpochMetrics> fit(DataLoader train, Dataset test, int epochs, Listener listener) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        Listener l = listener == null ? new Listener() { } : listener;
        List<EpochMetrics> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            model.train();
            double lossSum = 0;
            int correct = 0, seen = 0, batchIndex = 0;
            for (Batch batch : train) {
                optimizer.zeroGrad();
                Tensor output = model.call(batch.x());
                Tensor batchLoss = lossOf(output, batch);
                batchLoss.backward();
                optimizer.step();
                if (classes > 0) {
                    int[] predicted = Evaluation.predictions(output.detach());
                    for (int i = 0; i < predicted.length; i++) {
                        correct += predicted[i] == batch.y()[i] ? 1 : 0;
                    }
                }
                lossSum += batchLoss.item() * batch.size();
                seen += batch.size();
                l.batchEnd(epoch, ++batchIndex, train.numBatches(), lossSum / seen, accuracy(correct, seen));
            }
            if (scheduler != null) {
                scheduler.step();
            }
            double testLoss, testAccuracy;
            if (classes > 0 && loss == DEFAULT) {
                Evaluation eval = Evaluation.of(model, test, classes);
                testLoss = eval.loss();
                testAccuracy = eval.accuracy();
            } else {
                double[] lossAndAccuracy = evaluate(test);
                testLoss = lossAndAccuracy[0];
                testAccuracy = lossAndAccuracy[1];
            }
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / seen, accuracy(correct, seen), testLoss, testAccuracy);
            history.add(metrics);
            l.epochEnd(metrics);
        }
        return history;
    }

    private Tensor lossOf(Tensor output, Batch batch) {
        if (classes > 0 && !batch.hasLabels()) {
            throw new IllegalArgumentException("Trainer: a classifier over " + classes + " classes needs batches of class labels, "
                    + "got a batch of targets of shape " + batch.target().shape() + "; for float targets pass a Loss such as "
                    + "Losses::mseLoss");
        }
        Tensor value = loss.apply(output, batch.targets());
        if (value == null || value.numel() != 1) {
            throw new IllegalStateException("Trainer: the loss must return a scalar, got "
                    + (value == null ? "null" : "a tensor of shape " + value.shape()) + " for output of shape " + output.shape());
        }
        return value;
    }

    private double accuracy(int correct, int seen) {
        return classes > 0 ? (double) correct / seen : Double.NaN;
    }

    /** The mean loss over {@code test} (each batch's loss weighted by its size) and the accuracy (NaN if not measured), in eval mode without a graph. */
    private double[] evaluate(Dataset test) {
        if (test.size() == 0) {
            throw new IllegalArgumentException("evaluate: the data set is empty");
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        int correct = 0;
        try (var noGrad = GradMode.noGrad()) {
            for (Batch batch : DataLoader.of(test, 256)) {
                Tensor output = model.call(batch.x());
                lossSum += lossOf(output, batch).item() * batch.size();
                if (classes > 0) {
                    int[] predicted = Evaluation.predictions(output);
                    for (int i = 0; i < predicted.length; i++) {
                        correct += predicted[i] == batch.y()[i] ? 1 : 0;
                    }
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new double[] {lossSum / test.size(), accuracy(correct, test.size())};
    }
}

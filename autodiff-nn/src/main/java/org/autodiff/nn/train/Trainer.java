package org.autodiff.nn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Dataset;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.lr.LRScheduler;

/**
 * The training loop for a classifier, in PyTorch's order: for each batch
 * {@code zeroGrad(); loss = crossEntropy(model(x), y); loss.backward(); step()}, then the
 * scheduler (if any) once per epoch, then an evaluation on the test data. A {@link Listener}
 * sees every batch and epoch, e.g. to draw a progress bar.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final int classes;
    private LRScheduler scheduler;

    /** Receives progress; both methods default to doing nothing. */
    public interface Listener {
        /** After each batch: the running mean loss and accuracy of the epoch so far. */
        default void batchEnd(int epoch, int batch, int batches, double runningLoss, double runningAccuracy) {
        }

        /** After each epoch's evaluation. */
        default void epochEnd(EpochMetrics metrics) {
        }
    }

    /** Trains {@code model}, a map from a batch to logits over {@code classes} classes, with {@code optimizer}. */
    public Trainer(Module model, Optimizer optimizer, int classes) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        if (classes < 2) {
            throw new IllegalArgumentException("Trainer: a classifier needs at least 2 classes, got " + classes);
        }
        this.classes = classes;
    }

    /** Steps {@code scheduler} after every epoch. */
    public Trainer scheduler(LRScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /** Trains for {@code epochs} epochs over {@code train}, evaluating on {@code test} after each. */
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
                Tensor logits = model.call(batch.x());
                Tensor loss = Losses.crossEntropy(logits, batch.y());
                loss.backward();
                optimizer.step();
                int[] predicted = Evaluation.predictions(logits.detach());
                for (int i = 0; i < predicted.length; i++) {
                    correct += predicted[i] == batch.y()[i] ? 1 : 0;
                }
                lossSum += loss.item() * batch.size();
                seen += batch.size();
                l.batchEnd(epoch, ++batchIndex, train.numBatches(), lossSum / seen, (double) correct / seen);
            }
            if (scheduler != null) {
                scheduler.step();
            }
            Evaluation eval = Evaluation.of(model, test, classes);
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / seen, (double) correct / seen, eval.loss(), eval.accuracy());
            history.add(metrics);
            l.epochEnd(metrics);
        }
        return history;
    }
}

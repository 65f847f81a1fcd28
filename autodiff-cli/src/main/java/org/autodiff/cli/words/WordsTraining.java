package org.autodiff.cli.words;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.NextCharacters;
import org.autodiff.nn.data.Words;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.loss.Reduction;
import org.autodiff.nn.optim.AdamW;
import org.autodiff.nn.optim.GradientClipping;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.ParamGroup;
import org.autodiff.nn.train.EpochMetrics;

/**
 * Trains a next-character model of the built-in words ({@link Words}) within a wall-time budget:
 * AdamW (weight decay on matrices only, as transformers are trained) with a linear warm-up and a
 * cosine decay to a tenth of the rate over the budget (or over the epoch limit, whichever ends
 * first), gradients clipped to norm 1. The schedule follows the elapsed fraction of the budget
 * rather than a step count, because how many steps fit in the budget is not known in advance; so
 * it is computed here and set with {@code setLr} rather than by a step-based scheduler. Training stops at the first
 * step boundary past the budget; the validation loss of every (possibly partial) epoch and the test
 * loss at the end are in nats per character. The bigram baseline is counted, not trained.
 */
public final class WordsTraining {
    /** Steps of the linear warm-up. */
    static final int WARMUP_STEPS = 100;
    /** The rate at the end of the cosine, as a fraction of the peak. */
    static final double FINAL_LR_FRACTION = 0.1;
    /** Seconds between progress lines. */
    static final double PROGRESS_SECONDS = 15;

    private WordsTraining() {
    }

    /**
     * What a run is given.
     *
     * @param model the architecture
     * @param batchSize windows per step
     * @param lr the peak learning rate
     * @param weightDecay AdamW's decoupled weight decay
     * @param minutes the training budget in minutes (training stops at the first step past it)
     * @param maxEpochs the most passes over the training words
     * @param seed the seed of the split, the initial values, the shuffles and dropout
     */
    public record Options(WordModel model, int batchSize, double lr, double weightDecay, double minutes, int maxEpochs,
            long seed) {
        /**
         * Checks the options.
         *
         * @throws IllegalArgumentException naming the bad value
         */
        public Options {
            Objects.requireNonNull(model, "model");
            if (batchSize < 1 || maxEpochs < 1) {
                throw new IllegalArgumentException("batch size and epochs must be at least 1, got " + batchSize + " and "
                        + maxEpochs);
            }
            if (!(lr > 0) || !Double.isFinite(lr) || !(weightDecay >= 0) || !(minutes > 0) || !Double.isFinite(minutes)) {
                throw new IllegalArgumentException("lr and minutes must be positive and weight decay non-negative, got lr " + lr
                        + ", minutes " + minutes + ", weight decay " + weightDecay);
            }
        }
    }

    /**
     * What a run produced.
     *
     * @param model the trained model
     * @param optimizer its optimizer (null for the bigram)
     * @param history training and validation loss (nats/char) and next-character accuracy per epoch
     * @param testLoss the test loss in nats per character
     * @param testAccuracy the test next-character accuracy
     * @param seconds the training time
     * @param steps the optimizer steps taken
     * @param parameters the model's parameter count
     */
    public record Result(Module model, Optimizer optimizer, List<EpochMetrics> history, double testLoss, double testAccuracy,
            double seconds, long steps, long parameters) {
    }

    /**
     * Loads and splits the words, trains, evaluates on the test words, and reports on {@code out}.
     *
     * @param options what to train
     * @param out where progress and results go
     * @return the results
     */
    public static Result run(Options options, PrintWriter out) {
        WordModel spec = options.model();
        Words.Split split = Words.split(Words.load(), options.seed());
        NextCharacters train = new NextCharacters(split.train(), spec.context());
        NextCharacters validation = new NextCharacters(split.validation(), spec.context());
        NextCharacters test = new NextCharacters(split.test(), spec.context());
        Generator generator = new Generator(options.seed());
        Module model = spec.build(generator);
        long parameters = spec.kind().equals("bigram") ? 0 : model.parameterCount();
        out.printf(Locale.ROOT, "training %s, %,d parameters, on %,d words (%,d windows, %,d characters to predict); "
                + "validation %,d words, test %,d words%n", spec.describe(), parameters, split.train().size(), train.size(),
                train.predictions(), split.validation().size(), split.test().size());
        out.flush();

        long start = System.nanoTime();
        List<EpochMetrics> history = new ArrayList<>();
        Optimizer optimizer = null;
        long steps = 0;
        if (model instanceof BigramModel bigram) {
            bigram.fit(train);
            double[] t = evaluate(model, train, options.batchSize());
            double[] v = evaluate(model, validation, options.batchSize());
            history.add(new EpochMetrics(1, t[0], t[1], v[0], v[1]));
            out.printf(Locale.ROOT, "counted %,d pairs: train loss %.4f, validation loss %.4f nats/char%n", train.predictions(),
                    t[0], v[0]);
        } else {
            // The transformer habit: weight decay on matrices (weights, embeddings), none on biases and norms.
            List<Tensor> matrices = new ArrayList<>(), vectors = new ArrayList<>();
            for (Tensor p : model.parameters()) {
                (p.dim() >= 2 ? matrices : vectors).add(p);
            }
            optimizer = new AdamW(List.of(ParamGroup.of(matrices), ParamGroup.of(vectors).set("weight_decay", 0.0)),
                    options.lr()).weightDecay(options.weightDecay());
            steps = train(model, optimizer, train, validation, options, generator, history, out);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] testResult = evaluate(model, test, options.batchSize());
        out.printf(Locale.ROOT, "test loss %.4f nats/char (next-character accuracy %.2f%%) after %d optimizer steps in %.1f s%n",
                testResult[0], 100 * testResult[1], steps, seconds);
        out.flush();
        return new Result(model, optimizer, history, testResult[0], testResult[1], seconds, steps, parameters);
    }

    private static long train(Module model, Optimizer optimizer, NextCharacters train, NextCharacters validation,
            Options options, Generator generator, List<EpochMetrics> history, PrintWriter out) {
        double budget = options.minutes() * 60;
        int stepsPerEpoch = train.bucketedBatches(options.batchSize(), new Generator(0)).size();
        long totalSteps = (long) stepsPerEpoch * options.maxEpochs();
        long start = System.nanoTime();
        double lastReport = 0;
        long step = 0;
        boolean outOfTime = false;
        for (int epoch = 1; epoch <= options.maxEpochs() && !outOfTime; epoch++) {
            model.train();
            List<int[]> epochBatches = train.bucketedBatches(options.batchSize(), generator);
            double lossSum = 0, correct = 0, predicted = 0;
            int batches = 0;
            for (int b = 0; b < stepsPerEpoch; b++) {
                Tensor[] batch = train.batch(epochBatches.get(b));
                double elapsed = (System.nanoTime() - start) / 1e9;
                optimizer.setLr(rate(options.lr(), step, Math.max(elapsed / budget, (double) step / totalSteps)));
                optimizer.zeroGrad();
                Tensor logits = model.call(batch[0]);
                Tensor flat = logits.reshape(-1, logits.size(-1));
                Tensor targets = batch[1].reshape(-1);
                Tensor loss = Losses.crossEntropy(flat, targets, null, Losses.DEFAULT_IGNORE_INDEX, 0, Reduction.MEAN);
                loss.backward();
                GradientClipping.clipGradNorm(model.parameters(), 1.0);
                optimizer.step();
                step++;
                batches++;
                double[] counts = hits(flat, targets);
                lossSum += loss.item() * counts[1];
                correct += counts[0];
                predicted += counts[1];
                elapsed = (System.nanoTime() - start) / 1e9;
                if (elapsed - lastReport >= PROGRESS_SECONDS) {
                    lastReport = elapsed;
                    out.printf(Locale.ROOT, "  epoch %d  step %d/%d  loss %.4f  lr %.2e  %.2f steps/s  %.0f s of %.0f s"
                            + "  (process cpu %.0f s)%n", epoch, b + 1, stepsPerEpoch, lossSum / predicted, optimizer.lr(),
                            step / elapsed, elapsed, budget, processCpuSeconds());
                    out.flush();
                }
                if (elapsed >= budget) {
                    outOfTime = true;
                    break;
                }
            }
            double[] v = evaluate(model, validation, options.batchSize());
            history.add(new EpochMetrics(epoch, lossSum / predicted, correct / predicted, v[0], v[1]));
            out.printf(Locale.ROOT, "epoch %d%s: train loss %.4f, validation loss %.4f nats/char (accuracy %.2f%%), %.0f s%n",
                    epoch, batches < stepsPerEpoch ? " (" + batches + " of " + stepsPerEpoch + " steps, time is up)" : "",
                    lossSum / predicted, v[0], 100 * v[1], (System.nanoTime() - start) / 1e9);
            out.flush();
            // Validation takes time too: no new epoch starts past the budget.
            outOfTime |= (System.nanoTime() - start) / 1e9 >= budget;
        }
        return step;
    }

    /**
     * The CPU time this process has used, which on a shared machine tells how fast the run would be
     * on an idle one (NaN where the JVM does not report it).
     */
    private static double processCpuSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Linear warm-up over {@link #WARMUP_STEPS}, then cosine from the peak to a tenth of it as progress goes 0 → 1. */
    static double rate(double peak, long step, double progress) {
        double warm = Math.min(1, (step + 1) / (double) WARMUP_STEPS);
        double cosine = FINAL_LR_FRACTION + (1 - FINAL_LR_FRACTION) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
        return peak * warm * cosine;
    }

    /** {correct argmax predictions, predictions} among the targets that are not ignored. */
    private static double[] hits(Tensor logits, Tensor targets) {
        long[] best = logits.detach().argmax(-1, false).toLongArray();
        long[] y = targets.toLongArray();
        double correct = 0, count = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != Losses.DEFAULT_IGNORE_INDEX) {
                count++;
                correct += best[i] == y[i] ? 1 : 0;
            }
        }
        return new double[] {correct, count};
    }

    /**
     * The mean cross-entropy in nats per character and the next-character accuracy over every
     * prediction of {@code data}, in evaluation mode without gradients.
     *
     * @param model the model
     * @param data the windows
     * @param batchSize windows per forward pass
     * @return {loss, accuracy}
     */
    public static double[] evaluate(Module model, NextCharacters data, int batchSize) {
        boolean training = model.isTraining();
        model.eval();
        double total = 0, correct = 0, count = 0;
        try (var off = GradMode.noGrad()) {
            for (int[] rows : data.sortedBatches(batchSize)) {
                Tensor[] batch = data.batch(rows);
                Tensor logits = model.call(batch[0]);
                Tensor flat = logits.reshape(-1, logits.size(-1)).to(DType.FLOAT64);
                Tensor targets = batch[1].reshape(-1);
                total += Losses.crossEntropy(flat, targets, null, Losses.DEFAULT_IGNORE_INDEX, 0, Reduction.SUM).item();
                double[] h = hits(flat, targets);
                correct += h[0];
                count += h[1];
            }
        } finally {
            model.train(training);
        }
        return new double[] {total / count, correct / count};
    }
}

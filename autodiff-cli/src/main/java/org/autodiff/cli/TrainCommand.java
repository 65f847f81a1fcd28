package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.InputPipeline;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.io.Checkpoint;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.train.EpochMetrics;
import org.autodiff.nn.train.Evaluation;
import org.autodiff.nn.train.Trainer;
import org.autodiff.nn.train.TrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autodiff train}: trains a classifier on a built-in data set, reports test accuracy, saves a checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a classifier on a built-in data set and save a checkpoint.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "digits", description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Experiment.DataSetName dataset;

    @Option(names = "--model", defaultValue = "mlp", description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private Experiment.ModelName model;

    @Option(names = "--hidden", split = ",", description = "MLP hidden layer widths, comma separated (default: 128); "
            + "for --model lstm its hidden size (default: " + WordsDefaults.LSTM_HIDDEN + ").")
    private int[] hidden;

    @Option(names = "--minutes", description = "words: the training budget in minutes; training stops at the first step past "
            + "it and the test set is still evaluated (default: " + WordsDefaults.MINUTES + ").")
    private Double minutes;

    @Option(names = "--context", description = "words: the context window in characters (default: " + WordsDefaults.CONTEXT + ").")
    private Integer context;

    @Option(names = "--d-model", description = "words: the transformer's width (default: " + WordsDefaults.D_MODEL
            + "), or the LSTM's embedding width (default: " + WordsDefaults.LSTM_EMBEDDING + ").")
    private Integer dModel;

    @Option(names = "--heads", description = "words, transformer: attention heads (default: " + WordsDefaults.HEADS + ").")
    private Integer heads;

    @Option(names = "--layers", description = "words: transformer or LSTM layers (default: " + WordsDefaults.LAYERS
            + " for the transformer, 1 for the LSTM).")
    private Integer layers;

    @Option(names = "--feedforward", description = "words, transformer: the feed-forward width (default: 4 × d-model).")
    private Integer feedforward;

    @Option(names = "--dropout", description = "words: the dropout probability (default: " + WordsDefaults.DROPOUT + ").")
    private Double dropout;

    @Option(names = "--optimizer", defaultValue = "adam", description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private OptimizerName optimizer;

    @Option(names = "--lr", description = "Learning rate (default: the optimizer's own, e.g. 0.002 for adam).")
    private Double lr;

    @Option(names = "--weight-decay", description = "L2 penalty, decoupled for adamw (default: the optimizer's own, "
            + "0.01 for adamw and 0 for the others).")
    private Double weightDecay;

    @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training data; for words the most "
            + "passes within --minutes (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", description = "Examples per step (default: 32; words: " + WordsDefaults.BATCH_SIZE + ").")
    private Integer batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the split, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", defaultValue = "checkpoints/model.safetensors", description = "Checkpoint file to write (default: ${DEFAULT-VALUE}).")
    private Path checkpoint;

    @Option(names = "--no-progress", description = "Print one line per epoch instead of progress bars "
            + "(the default when the output is not a terminal).")
    private boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (dataset == Experiment.DataSetName.words || model.isLanguageModel()) {
            if (dataset != Experiment.DataSetName.words || !model.isLanguageModel() && model != Experiment.ModelName.mlp) {
                throw new ParameterException(spec.commandLine(), dataset == Experiment.DataSetName.words
                        ? "the words data set needs a next-character model: use --model transformer, lstm or bigram"
                        : "the " + model + " model is for the words data set: use --dataset words");
            }
            OutputFile.check(spec.commandLine(), "--out", checkpoint, "model.safetensors");
            return new WordsRun(spec, model == Experiment.ModelName.mlp ? Experiment.ModelName.transformer : model,
                    new WordsRun.Sizes(context, dModel, heads, layers, feedforward, hidden, dropout), lr, weightDecay, minutes,
                    epochs, batchSize, seed, checkpoint).call();
        }
        int batchSize = this.batchSize != null ? this.batchSize : 32;
        int[] hidden = this.hidden != null ? this.hidden : new int[] {128};
        double rate = lr != null ? lr : optimizer.defaultLr;
        validate(rate, batchSize);
        OutputFile.check(spec.commandLine(), "--out", checkpoint, "model.safetensors");
        TrainingRecipe recipe;
        try {
            recipe = new TrainingRecipe(dataset.name(), model.name(), hidden, seed, optimizer.name(), rate, weightDecay,
                    epochs, batchSize);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TrainTestSplit raw = recipe.rawSplit();
        int classes = raw.train().numClasses();
        int features = raw.train().exampleShape().numel();
        long parameters = recipe.parameterCount(features, classes);
        if (parameters > Experiment.MAX_PARAMETERS) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "%s would have %,d parameters; the limit is %,d (try a smaller --hidden)",
                    recipe.describe(), parameters, Experiment.MAX_PARAMETERS));
        }
        // The inputs' scaling is fitted on the training part only, and recorded in the checkpoint.
        InputPipeline inputs = recipe.fitInputs(raw);
        TrainTestSplit data = new TrainTestSplit(inputs.apply(raw.train()), inputs.apply(raw.test()));
        Module net = recipe.buildModel(features, classes);
        Optimizer opt = recipe.buildOptimizer(net.parameters());
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "training %s with %s (lr %s): %d training and %d test examples, %d classes%n",
                recipe.describe(), optimizer, rate, data.train().size(), data.test().size(), classes);

        DataLoader loader = DataLoader.of(data.train(), batchSize).shuffle(seed);
        long start = System.nanoTime();
        List<EpochMetrics> history = new Trainer(net, opt, classes)
                .fit(loader, data.test(), epochs, noProgress || System.console() == null ? new EpochLines(out) : new ProgressBars(epochs));
        double seconds = (System.nanoTime() - start) / 1e9;

        Evaluation test = Evaluation.of(net, data.test(), classes);
        out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) after %d epochs in %.1f s%n",
                100 * test.accuracy(), test.loss(), epochs, seconds);
        Path parent = checkpoint.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // Everything Checkpoint.restore() needs to rebuild the model and its inputs, and the
        // accuracy it must reproduce (exactly: shortest round-trip decimal).
        Map<String, String> meta = new LinkedHashMap<>(recipe.toMetadata());
        meta.putAll(inputs.toMetadata());
        meta.put("testAccuracy", Double.toString(test.accuracy()));
        Checkpoint.save(checkpoint, net, opt, meta);
        out.println("saved checkpoint " + checkpoint);
        CurvesOutput.write(history, checkpoint, recipe.describe() + ", " + optimizer + " lr " + rate, out);
        return 0;
    }

    private void validate(double rate, int batchSize) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new ParameterException(spec.commandLine(), "--lr must be a positive number, got " + rate);
        }
        if (epochs < 1) {
            throw new ParameterException(spec.commandLine(), "--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        if (weightDecay != null && (weightDecay < 0 || !Double.isFinite(weightDecay))) {
            throw new ParameterException(spec.commandLine(), "--weight-decay must be a non-negative number, got " + weightDecay);
        }
    }

    /** One line per epoch, for logs and terminals that do not redraw. */
    private record EpochLines(java.io.PrintWriter out) implements Trainer.Listener {
        @Override
        public void epochEnd(EpochMetrics m) {
            out.printf(Locale.ROOT, "epoch %3d  train loss %.4f  train acc %.2f%%  test loss %.4f  test acc %.2f%%%n",
                    m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), m.testLoss(), 100 * m.testAccuracy());
            out.flush();
        }
    }

    /** A progress bar per epoch with the running loss and accuracy. */
    private static final class ProgressBars implements Trainer.Listener {
        private final int epochs;
        private ProgressBar bar;

        ProgressBars(int epochs) {
            this.epochs = epochs;
        }

        @Override
        public void batchEnd(int epoch, int batch, int batches, double runningLoss, double runningAccuracy) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                        .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100)
                        .continuousUpdate().build();
            }
            bar.stepTo(batch);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.1f%%", runningLoss, 100 * runningAccuracy));
        }

        @Override
        public void epochEnd(EpochMetrics m) {
            if (bar != null) {
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.1f%% test %.1f%%",
                        m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.testAccuracy()));
                bar.close();
                bar = null;
            }
        }
    }
}

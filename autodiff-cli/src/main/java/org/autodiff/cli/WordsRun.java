package org.autodiff.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.autodiff.cli.words.WordModel;
import org.autodiff.cli.words.WordSampler;
import org.autodiff.cli.words.WordsTraining;
import org.autodiff.core.Generator;
import org.autodiff.nn.data.Words;
import org.autodiff.nn.io.Checkpoint;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code autodiff train --dataset words}: trains a next-character model of English words within a
 * time budget, prints the validation loss per epoch and the test loss in nats per character and
 * 20 sampled words, and saves the checkpoint (with what {@code sample} needs) and the curves.
 */
final class WordsRun implements Callable<Integer> {
    private final CommandSpec spec;
    private final Experiment.ModelName model;
    private final Sizes sizes;
    private final Double lr;
    private final Double weightDecay;
    private final Double minutes;
    private final int epochs;
    private final Integer batchSize;
    private final long seed;
    private final Path checkpoint;

    /** The sizes given on the command line, null where the default applies. */
    record Sizes(Integer context, Integer dModel, Integer heads, Integer layers, Integer feedforward, int[] hidden,
            Double dropout) {
    }

    WordsRun(CommandSpec spec, Experiment.ModelName model, Sizes sizes, Double lr, Double weightDecay, Double minutes,
            int epochs, Integer batchSize, long seed, Path checkpoint) {
        this.spec = spec;
        this.model = model;
        this.sizes = sizes;
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.minutes = minutes;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.seed = seed;
        this.checkpoint = checkpoint;
    }

    @Override
    public Integer call() throws Exception {
        WordModel architecture;
        WordsTraining.Options options;
        try {
            if (sizes.hidden() != null && sizes.hidden().length != 1) {
                throw new IllegalArgumentException("--hidden takes one size for the lstm, got " + sizes.hidden().length);
            }
            boolean lstm = model == Experiment.ModelName.lstm;
            int d = or(sizes.dModel(), lstm ? WordsDefaults.LSTM_EMBEDDING : WordsDefaults.D_MODEL);
            architecture = new WordModel(model.name(), or(sizes.context(), WordsDefaults.CONTEXT), d,
                    or(sizes.heads(), WordsDefaults.HEADS), or(sizes.layers(), model == Experiment.ModelName.lstm ? 1
                            : WordsDefaults.LAYERS), or(sizes.feedforward(), 4 * d),
                    sizes.hidden() != null ? sizes.hidden()[0] : WordsDefaults.LSTM_HIDDEN,
                    sizes.dropout() != null ? sizes.dropout() : WordsDefaults.DROPOUT);
            double rate = lr != null ? lr : model == Experiment.ModelName.lstm ? WordsDefaults.LSTM_LR
                    : WordsDefaults.TRANSFORMER_LR;
            options = new WordsTraining.Options(architecture, or(batchSize, WordsDefaults.BATCH_SIZE), rate,
                    weightDecay != null ? weightDecay : WordsDefaults.WEIGHT_DECAY,
                    minutes != null ? minutes : WordsDefaults.MINUTES, epochs, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        WordsTraining.Result result = WordsTraining.run(options, out);

        List<String> samples = WordSampler.sample(result.model(), architecture.context(), WordsDefaults.SAMPLES,
                WordsDefaults.TEMPERATURE, new Generator(seed));
        Set<String> known = new HashSet<>(Words.load());
        long fresh = samples.stream().filter(w -> !known.contains(w)).count();
        out.printf(Locale.ROOT, "%d sampled words (temperature %s; %d not in the word list): %s%n", samples.size(),
                WordsDefaults.TEMPERATURE, fresh, String.join(" ", samples));

        Path parent = checkpoint.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Map<String, String> meta = architecture.toMetadata();
        meta.put("seed", Long.toString(seed));
        meta.put("optimizer", result.optimizer() == null ? "none" : "adamw");
        meta.put("lr", Double.toString(options.lr()));
        meta.put("minutes", Double.toString(options.minutes()));
        meta.put("steps", Long.toString(result.steps()));
        meta.put("trainingSeconds", String.format(Locale.ROOT, "%.1f", result.seconds()));
        meta.put("testLoss", String.format(Locale.ROOT, "%.4f", result.testLoss()));
        Checkpoint.save(checkpoint, result.model(), result.optimizer(), meta);
        out.println("saved checkpoint " + checkpoint);
        CurvesOutput.write(result.history(), checkpoint, architecture.describe() + " on words (seed " + seed + ")",
                "validation", out);
        return 0;
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}

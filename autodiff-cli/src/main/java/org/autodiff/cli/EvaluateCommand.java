package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.cli.words.WordModel;
import org.autodiff.cli.words.WordsTraining;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.NextCharacters;
import org.autodiff.nn.data.Words;
import org.autodiff.nn.io.Checkpoint;
import org.autodiff.nn.train.Evaluation;
import org.autodiff.nn.train.TrainedClassifier;
import org.autodiff.nn.train.TrainingRecipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code autodiff evaluate}: rebuilds a trained model from its checkpoint and reports accuracy and the confusion matrix. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Load a checkpoint written by train and evaluate it on its test set.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", defaultValue = "checkpoints/model.safetensors",
            description = "Checkpoint file (default: ${DEFAULT-VALUE}).")
    private Path checkpoint;

    @Override
    public Integer call() throws Exception {
        if (Files.isDirectory(checkpoint)) {
            throw new ParameterException(spec.commandLine(), "CHECKPOINT " + checkpoint
                    + " is a folder; give the checkpoint file, e.g. " + checkpoint.resolve("model.safetensors"));
        }
        if (!Files.exists(checkpoint)) {
            throw new NoSuchFileException(checkpoint.toString(), null, "no such checkpoint; run 'autodiff train' first");
        }
        Checkpoint saved = Checkpoint.load(checkpoint);
        if ("words".equals(saved.metadata().get("dataset"))) {
            return evaluateWords(saved);
        }
        TrainedClassifier restored;
        try {
            restored = saved.restore();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(checkpoint + ": " + e.getMessage(), e);
        }
        Evaluation eval = restored.evaluate();
        int classes = restored.classes();
        TrainingRecipe experiment = restored.recipe();
        TensorDataset test = restored.testSet();

        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s%n", checkpoint, experiment.describe());
        out.printf(Locale.ROOT, "test accuracy %.2f%% (%d examples), loss %.4f%n", 100 * eval.accuracy(), test.size(),
                eval.loss());
        out.println("confusion matrix (rows: true class, columns: predicted class)");
        out.print("      ");
        for (int c = 0; c < classes; c++) {
            out.printf(Locale.ROOT, "%5d", c);
        }
        out.println();
        for (int r = 0; r < classes; r++) {
            out.printf(Locale.ROOT, "%5d ", r);
            for (int c = 0; c < classes; c++) {
                out.printf(Locale.ROOT, "%5d", eval.confusion()[r][c]);
            }
            out.println();
        }
        return 0;
    }

    /** A words model: its test loss in nats per character on the test words of its seed's split. */
    private int evaluateWords(Checkpoint saved) {
        Module model = WordModelLoading.load(saved, checkpoint);
        WordModel architecture = WordModel.fromMetadata(saved.metadata());
        long seed = Long.parseLong(saved.metadata().getOrDefault("seed", "1"));
        Words.Split split = Words.split(Words.load(), seed);
        double[] test = WordsTraining.evaluate(model, new NextCharacters(split.test(), architecture.context()), 256);
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s%n", checkpoint, architecture.describe());
        out.printf(Locale.ROOT, "test loss %.4f nats/char (next-character accuracy %.2f%%) on %d words%n", test[0], 100 * test[1],
                split.test().size());
        return 0;
    }
}

package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autodiff.cli.words.WordModel;
import org.autodiff.cli.words.WordsTraining;
import org.autodiff.core.Tensor;
import org.autodiff.nn.data.NextCharacters;
import org.autodiff.nn.data.Words;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.io.Checkpoint;
import org.autodiff.nn.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
        if (!Files.exists(checkpoint)) {
            throw new NoSuchFileException(checkpoint.toString(), null, "no such checkpoint; run 'autodiff train' first");
        }
        Checkpoint saved = Checkpoint.load(checkpoint);
        if ("words".equals(saved.metadata().get("dataset"))) {
            return evaluateWords(saved);
        }
        Experiment experiment = Experiment.fromMetadata(saved.metadata());
        TrainTestSplit data = experiment.split();
        int classes = data.train().numClasses();
        int features = data.train().exampleShape().numel();
        // The metadata is untrusted: it could ask for a model far larger than the tensors in the
        // file. Counting first bounds what building allocates by what the file already holds; the
        // exact shapes are then checked by loadStateDict.
        long described = experiment.parameterCount(features, classes);
        long stored = saved.modelState().values().stream().mapToLong(Tensor::numel).sum();
        if (described != stored) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: its metadata describes %s with %,d parameters, but the file holds %,d; "
                            + "the file is damaged or was not written by 'autodiff train'",
                    checkpoint, experiment.describe(), described, stored));
        }
        Module net = experiment.buildModel(features, classes);
        try {
            net.loadStateDict(saved.modelState());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(checkpoint + ": the tensors do not fit the model its metadata describes ("
                    + experiment.describe() + "): " + e.getMessage(), e);
        }
        Evaluation eval = Evaluation.of(net, data.test(), classes);

        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %s%n", checkpoint, experiment.describe());
        out.printf(Locale.ROOT, "test accuracy %.2f%% (%d examples), loss %.4f%n", 100 * eval.accuracy(), data.test().size(),
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

package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autodiff.cli.words.WordModel;
import org.autodiff.cli.words.WordSampler;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.io.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code autodiff sample}: draws new words from a next-character model saved by {@code train --dataset words}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw new words from a model trained with 'train --dataset words'.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "Checkpoint written by 'train --dataset words'.")
    private Path checkpoint;

    @Option(names = "--n", defaultValue = "20", description = "How many words (default: ${DEFAULT-VALUE}).")
    private int n;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Below 1 picks likelier letters, above 1 rarer ones "
            + "(default: ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--seed", description = "Seed of the draws (default: a new one each run).")
    private Long seed;

    @Override
    public Integer call() throws Exception {
        if (n < 1 || n > 100_000) {
            throw new ParameterException(spec.commandLine(), "--n must be in [1, 100000], got " + n);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new ParameterException(spec.commandLine(), "--temperature must be a positive number, got " + temperature);
        }
        if (!Files.exists(checkpoint)) {
            throw new NoSuchFileException(checkpoint.toString(), null, "no such checkpoint; run 'autodiff train --dataset words' first");
        }
        Checkpoint saved = Checkpoint.load(checkpoint);
        WordModel architecture = WordModel.fromMetadata(saved.metadata());
        Module model = WordModelLoading.load(saved, checkpoint);
        List<String> words = WordSampler.sample(model, architecture.context(), n, temperature,
                new Generator(seed != null ? seed : System.nanoTime()));
        var out = spec.commandLine().getOut();
        words.forEach(out::println);
        return 0;
    }
}

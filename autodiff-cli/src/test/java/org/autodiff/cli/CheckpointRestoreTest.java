package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.autodiff.nn.data.InputPipeline;
import org.autodiff.nn.io.Checkpoint;
import org.autodiff.nn.train.TrainedClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint written by {@code train} says how to use it: the library rebuilds model and inputs from the file alone. */
class CheckpointRestoreTest {

    /** Trains with the command line, restores with the library call the README shows, and compares accuracies exactly. */
    private static TrainedClassifier trainAndRestore(Path ckpt, String... trainArgs) throws Exception {
        String[] args = new String[trainArgs.length + 4];
        args[0] = "train";
        System.arraycopy(trainArgs, 0, args, 1, trainArgs.length);
        args[trainArgs.length + 1] = "--no-progress";
        args[trainArgs.length + 2] = "--out";
        args[trainArgs.length + 3] = ckpt.toString();
        CliRun train = CliRun.of(args);
        assertEquals(0, train.code(), train.err());
        String printed = train.out().lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow().split(" ")[2];

        Checkpoint file = Checkpoint.load(ckpt);
        TrainedClassifier restored = file.restore();
        double accuracy = restored.evaluate().accuracy();
        assertEquals(Double.parseDouble(file.metadata().get("testAccuracy")), accuracy, 0.0, "the CLI's exact accuracy");
        assertEquals(printed, String.format(Locale.ROOT, "%.2f%%", 100 * accuracy), train.out());

        // Raw examples in, classes out: the input pipeline is part of what was restored.
        int[] predicted = restored.predict(restored.rawSplit().test().features());
        int[] labels = restored.rawSplit().test().labels();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        assertEquals(accuracy, (double) correct / labels.length, 0.0);
        return restored;
    }

    @Test
    void standardisedInputsAreRebuiltWithTheirFittedStatistics(@TempDir Path dir) throws Exception {
        TrainedClassifier c = trainAndRestore(dir.resolve("iris.safetensors"), "--dataset", "iris", "--hidden", "8",
                "--optimizer", "sgd", "--lr", "0.05", "--epochs", "5", "--seed", "3");
        Map<String, String> meta = Checkpoint.load(dir.resolve("iris.safetensors")).metadata();
        assertEquals(InputPipeline.Scaling.STANDARDIZE, c.inputs().scaling());
        assertEquals(4, meta.get("input.mean").split(",").length, meta.toString());
        assertEquals("stratified", meta.get("split"));
        assertEquals("0.2", meta.get("split.testFraction"));
        assertEquals("3", meta.get("split.seed"));
        assertEquals("sgd", meta.get("optimizer"));
        assertEquals("0.05", meta.get("lr"));
        assertEquals("SGD", c.optimizer().name(), "the optimizer is rebuilt with its state");
    }

    @Test
    void digitsPixelScalingAndTheCnnsImageShapeAreRebuilt(@TempDir Path dir) throws Exception {
        TrainedClassifier mlp = trainAndRestore(dir.resolve("mlp.safetensors"), "--hidden", "32", "--epochs", "2");
        assertEquals(InputPipeline.Scaling.DIVIDE, mlp.inputs().scaling());
        TrainedClassifier cnn = trainAndRestore(dir.resolve("cnn.safetensors"), "--model", "cnn", "--epochs", "1");
        assertEquals(4, cnn.testSet().features().dim(), "examples as [1, 8, 8] images");
        assertTrue(cnn.evaluate().accuracy() > 0.5, "a trained CNN: " + cnn.evaluate().accuracy());
    }
}

package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.autodiff.nn.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --dataset words}, {@code sample} and {@code evaluate} on words, with tiny and short configurations. */
class WordsCommandTest {

    private static String line(CliRun run, String prefix) {
        return run.out().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + run.out()));
    }

    @Test
    void bigramBaselineCountsToAboutTwoAndAHalfNatsPerCharacter(@TempDir Path dir) {
        Path ckpt = dir.resolve("bigram.safetensors");
        CliRun train = CliRun.of("train", "--dataset", "words", "--model", "bigram", "--out", ckpt.toString());
        assertEquals(0, train.code(), train.err());
        double test = Double.parseDouble(line(train, "test loss").split(" ")[2]);
        // The figure for a smoothed bigram on these words: about 2.48 nats per character.
        assertTrue(test > 2.40 && test < 2.55, train.out());
        assertTrue(Files.exists(dir.resolve("bigram.curves.png")));
        assertTrue(train.out().contains("20 sampled words"), train.out());

        CliRun eval = CliRun.of("evaluate", ckpt.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(line(train, "test loss").substring(0, "test loss 2.4771".length())), eval.out());
    }

    @Test
    void tinyTransformerTrainsWithinItsBudgetSavesAndSamples(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("words.safetensors");
        CliRun train = CliRun.of("train", "--dataset", "words", "--model", "transformer", "--d-model", "16", "--heads", "2",
                "--layers", "1", "--feedforward", "32", "--context", "8", "--minutes", "0.05", "--out", ckpt.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("time is up"), train.out());
        String validation = line(train, "epoch 1");
        assertTrue(validation.contains("validation loss"), validation);
        double test = Double.parseDouble(line(train, "test loss").split(" ")[2]);
        // A few steps on a loaded machine (the budget is wall time): a finite loss near the uniform guess's ln 27 = 3.30.
        assertTrue(test > 0 && test < 4, train.out());
        assertEquals(20, line(train, "20 sampled words").split(": ", 2)[1].split(" ", -1).length, train.out());

        Checkpoint saved = Checkpoint.load(ckpt);
        assertEquals("words", saved.metadata().get("dataset"));
        assertEquals("transformer", saved.metadata().get("model"));
        assertEquals("8", saved.metadata().get("context"));

        CliRun sample = CliRun.of("sample", ckpt.toString(), "--n", "7", "--temperature", "0.8", "--seed", "3");
        assertEquals(0, sample.code(), sample.err());
        assertEquals(7, sample.out().lines().count(), sample.out());
        assertTrue(sample.out().lines().allMatch(w -> w.matches("[a-z]*")), sample.out());
        assertEquals(sample.out(), CliRun.of("sample", ckpt.toString(), "--n", "7", "--seed", "3").out());
        assertNotEquals(sample.out(), CliRun.of("sample", ckpt.toString(), "--n", "7", "--seed", "4").out());

        CliRun eval = CliRun.of("evaluate", ckpt.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "test loss %.4f", test)), eval.out() + train.out());
    }

    @Test
    void wordsOptionsAreChecked(@TempDir Path dir) {
        String out = dir.resolve("x.safetensors").toString();
        String[][] cases = {
                {"train", "--dataset", "words", "--model", "cnn", "--out", out},
                {"train", "--dataset", "iris", "--model", "transformer", "--out", out},
                {"train", "--dataset", "words", "--d-model", "10", "--heads", "4", "--out", out},
                {"train", "--dataset", "words", "--minutes", "0", "--out", out},
                {"train", "--dataset", "words", "--model", "lstm", "--hidden", "8,8", "--out", out},
                {"sample", dir.resolve("missing.safetensors").toString()},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertNotEquals(0, r.code(), String.join(" ", args));
            assertEquals(1, r.err().lines().count(), String.join(" ", args) + ": " + r.err());
        }
    }
}

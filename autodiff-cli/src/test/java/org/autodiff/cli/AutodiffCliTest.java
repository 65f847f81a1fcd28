package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutodiffCliTest {

    @Test
    void trainThenEvaluateReportTheSameAccuracy(@TempDir Path dir) {
        Path ckpt = dir.resolve("iris.safetensors");
        CliRun train = CliRun.of("train", "--dataset", "iris", "--hidden", "16", "--lr", "0.01", "--epochs", "40", "--no-progress", "--out", ckpt.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(Files.exists(ckpt));
        String accuracy = train.out().lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow()
                .split(" ")[2];
        assertTrue(Double.parseDouble(accuracy.replace("%", "")) >= 90, train.out());

        CliRun eval = CliRun.of("evaluate", ckpt.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("test accuracy " + accuracy), eval.out());
        assertTrue(eval.out().contains("confusion matrix"), eval.out());
    }

    @Test
    void trainWithDefaultsReachesNinetySevenPercentOnDigits(@TempDir Path dir) {
        // The README's main command, with only the checkpoint moved into a temporary folder.
        CliRun train = CliRun.of("train", "--no-progress", "--out", dir.resolve("model.safetensors").toString());
        assertEquals(0, train.code(), train.err());
        String line = train.out().lines().filter(l -> l.startsWith("test accuracy")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(line.split(" ")[2].replace("%", "")) >= 97, train.out());
        assertTrue(Files.exists(dir.resolve("model.curves.png")));
    }

    @Test
    void gradientsTableShowsSigmoidVanishingFasterThanRelu() {
        CliRun r = CliRun.of("gradients", "--depth", "10");
        assertEquals(0, r.code(), r.err());
        String ratios = r.out().lines().filter(l -> l.startsWith("first/last")).findFirst().orElseThrow();
        String[] parts = ratios.replace(",", "").split(" ");
        double sigmoid = Double.parseDouble(parts[4]), relu = Double.parseDouble(parts[6]);
        assertTrue(sigmoid < relu / 100, ratios);
        assertEquals(10, r.out().lines().filter(l -> l.matches("\\s+\\d+\\s+.*")).count(), r.out());
    }

    @Test
    void userErrorsGetOneLineAndANonZeroCode(@TempDir Path dir) throws Exception {
        Path corrupt = dir.resolve("corrupt.safetensors");
        Files.write(corrupt, new byte[] {1, 2, 3});
        String[][] cases = {
                {"train", "--dataset", "mnist"},
                {"train", "--lr", "0"},
                {"train", "--epochs", "0"},
                {"train", "--model", "cnn", "--dataset", "iris"},
                {"evaluate", dir.resolve("missing.safetensors").toString()},
                {"evaluate", corrupt.toString()},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertFalse(r.code() == 0, String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
        assertArrayEquals(new int[] {2, 1}, new int[] {CliRun.of(cases[0]).code(), CliRun.of(cases[4]).code()});
    }
}

package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.autodiff.nn.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    /** Asserts the one-line error convention: a non-zero code, one "error: " line, no stack trace. */
    private static void assertOneLineError(int expectedCode, CliRun r, String... args) {
        String what = String.join(" ", args) + " -> " + r.err();
        assertEquals(expectedCode, r.code(), what);
        assertEquals(1, r.err().strip().lines().count(), what);
        assertTrue(r.err().startsWith("error: "), what);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), what);
    }

    private static CliRun assertRejected(int expectedCode, String... args) {
        CliRun r = CliRun.of(args);
        assertOneLineError(expectedCode, r, args);
        return r;
    }

    @Test
    void evaluateRefusesMetadataThatDoesNotFitTheStoredTensors(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("iris.safetensors");
        assertEquals(0, CliRun.of("train", "--dataset", "iris", "--hidden", "4", "--epochs", "1", "--no-progress",
                "--out", good.toString()).code());
        Checkpoint saved = Checkpoint.load(good);
        // Widths that would need gigabytes, and one that has the right count but the wrong shapes.
        for (String hidden : new String[] {"20000000", "30000,30000", "2,2"}) {
            Map<String, String> meta = new LinkedHashMap<>(saved.metadata());
            meta.put("hidden", hidden);
            Path crafted = dir.resolve("crafted-" + hidden.replace(',', '-') + ".safetensors");
            new Checkpoint(saved.modelState(), saved.optimizerState(), meta).save(crafted);
            CliRun r = assertRejected(1, "evaluate", crafted.toString());
            assertTrue(r.err().contains(crafted.toString()), r.err());
        }
        CliRun r = CliRun.of("evaluate", dir.resolve("crafted-20000000.safetensors").toString());
        assertTrue(r.err().contains("metadata") && r.err().contains("160,000,003 parameters"), r.err());
    }

    @Test
    void modelsTooLargeForMemoryAreRefusedBeforeAnythingIsAllocated() {
        assertRejected(2, "train", "--hidden", "20000000");
        assertRejected(2, "train", "--hidden", "30000,30000");
        assertRejected(2, "gradients", "--width", "40000");
        assertRejected(2, "gradients", "--depth", "2000000000");
        CliRun r = CliRun.of("train", "--hidden", "20000000");
        assertTrue(r.err().contains("parameters") && r.err().contains("--hidden"), r.err());
    }

    /** A command that runs out of memory, as a too-large model would on a small heap. */
    @Command(name = "exhaust")
    static final class ExhaustMemory implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfMemoryIsOneLineWithAHint() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new AutodiffCli()).addSubcommand(new ExhaustMemory());
        cli.setErr(new PrintWriter(err, true));
        CliRun r = new CliRun(AutodiffCli.execute(cli, "exhaust"), "", err.toString());
        assertOneLineError(1, r, "exhaust");
        assertTrue(r.err().contains("out of memory while running 'autodiff exhaust'") && r.err().contains("-Xmx"), r.err());
    }

    @Test
    void noCommandIsABadCommandLineWithTheUsageOnStandardError() {
        CliRun r = CliRun.of();
        assertEquals(2, r.code());
        assertTrue(r.out().isEmpty(), r.out());
        assertTrue(r.err().startsWith("error: no command given") && r.err().contains("Usage: autodiff"), r.err());
    }

    @Test
    void anUnknownCommandIsNamedWithTheCommandsThereAre() {
        CliRun r = assertRejected(2, "frob");
        assertTrue(r.err().contains("unknown command 'frob'"), r.err());
        assertTrue(r.err().contains("train, evaluate, sample, gradients"), r.err());
        // Still picocli's message for options and for extra words after a command.
        assertTrue(assertRejected(2, "--frob").err().contains("--frob"));
        assertTrue(assertRejected(2, "gradients", "frob").err().contains("frob"));
    }

    @Test
    void enumOptionsIgnoreCase(@TempDir Path dir) {
        CliRun r = CliRun.of("train", "--dataset", "IRIS", "--optimizer", "AdamW", "--hidden", "4", "--epochs", "1",
                "--no-progress", "--out", dir.resolve("m.safetensors").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("on iris") && r.out().contains("with adamw"), r.out());
    }

    @Test
    void anUnusableOutputPathIsRefusedBeforeTraining(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c1"), "not a folder");
        CliRun r = assertRejected(2, "train", "--out", file.resolve("m.safetensors").toString());
        assertTrue(r.err().contains(file + " is a file"), r.err());
        assertFalse(r.out().contains("training"), r.out());

        Path folder = Files.createDirectory(dir.resolve("somedir"));
        r = assertRejected(2, "train", "--out", folder.toString());
        assertTrue(r.err().contains(folder + " is a folder"), r.err());
        assertFalse(r.out().contains("training"), r.out());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void aReadOnlyOutputIsRefusedBeforeTrainingOrDrawing(@TempDir Path dir) throws Exception {
        Path ckpt = Files.writeString(dir.resolve("m.safetensors"), "old");
        Files.setPosixFilePermissions(ckpt, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        CliRun r = assertRejected(2, "train", "--out", ckpt.toString());
        assertTrue(r.err().contains(ckpt + " is read-only"), r.err());
        assertFalse(r.out().contains("training"), r.out());
        assertEquals("old", Files.readString(ckpt));

        Path below = Files.writeString(dir.resolve("plain"), "x").resolve("graph.svg");
        r = assertRejected(2, "graph", "--out", below.toString());
        assertTrue(r.err().contains("is a file") && !r.err().contains(".tmp"), r.err());
    }

    @Test
    void evaluateNamesAFolderOrAPictureGivenAsACheckpoint(@TempDir Path dir) throws Exception {
        CliRun r = assertRejected(2, "evaluate", dir.toString());
        assertTrue(r.err().contains(dir + " is a folder"), r.err());
        Path png = dir.resolve("picture.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        r = CliRun.of("evaluate", png.toString());
        assertTrue(r.code() != 0, r.out());
        assertTrue(r.err().contains(png.toString()) && r.err().contains("not a safetensors file"), r.err());
    }

    @Test
    void trainRecordsTheOptimizersKindInTheCheckpoint(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("m.safetensors");
        assertEquals(0, CliRun.of("train", "--dataset", "iris", "--hidden", "4", "--epochs", "1", "--no-progress",
                "--out", ckpt.toString()).code());
        assertEquals("Adam", Checkpoint.load(ckpt).metadata().get(Checkpoint.OPTIMIZER_TYPE_KEY));
    }

    /** Stands in for the command line in the launcher test: prints the working directory and the arguments. */
    public static final class PrintWorkingDirectory {
        public static void main(String[] args) {
            System.out.println(Path.of("").toAbsolutePath() + " " + String.join(" ", args));
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theLauncherKeepsTheCallersWorkingDirectory(@TempDir Path dir) throws Exception {
        // A copy of the launcher in a stand-in repository whose jar is newer than its (empty)
        // sources, so it runs the jar without building; the jar runs PrintWorkingDirectory.
        Path root = Files.createDirectories(dir.resolve("repo"));
        Path launcher = Files.copy(Path.of("..", "autodiff"), root.resolve("autodiff"));
        for (String module : new String[] {"autodiff-core", "autodiff-nn", "autodiff-teaching", "autodiff-cli"}) {
            Files.createDirectories(root.resolve(module).resolve("src/main"));
        }
        Path jar = Files.createDirectories(root.resolve("autodiff-cli/target")).resolve("autodiff.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintWorkingDirectory.class.getName());
        Path testClasses = Path.of(PrintWorkingDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toUri().toString());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            // The manifest is all the jar needs.
        }
        Path work = Files.createDirectories(dir.resolve("elsewhere"));
        Process p = new ProcessBuilder("bash", launcher.toAbsolutePath().toString(), "evaluate", "mine.safetensors")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), output);
        assertEquals(work.toRealPath() + " evaluate mine.safetensors", Path.of(output.split(" ")[0]).toRealPath()
                + output.substring(output.indexOf(' ')));
    }
}

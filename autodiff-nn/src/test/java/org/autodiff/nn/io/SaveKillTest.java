package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during saves, in a separate JVM ({@link SaveLoop}): after every kill the path holds the
 * complete old or the complete new checkpoint, and after the next save no temporary file remains.
 * CI kills {@value #CI_KILLS} times; the {@code long-run} profile sets {@code autodiff.fuzz.kills}
 * (120).
 */
class SaveKillTest {
    private static final int CI_KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void everyKillLeavesACompleteCheckpointAndTheNextSaveLeavesNoTemporary() throws Exception {
        int kills = Integer.getInteger("autodiff.fuzz.kills", CI_KILLS);
        Path path = dir.resolve("ckpt.safetensors");
        Random random = new Random(7);
        int orphaned = 0;
        int sawA = 0;
        int sawB = 0;
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < kills; k++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), path.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                assertEquals("saving", line, "the save loop did not start");
                Thread.sleep(150 + random.nextInt(600));
                // destroyForcibly is SIGKILL on Linux and macOS: no shutdown hook, no finally block runs.
                p.destroyForcibly();
                p.waitFor();
            }
            if (!Files.exists(path)) {
                // Killed before the first save finished: there was no old checkpoint to keep.
                continue;
            }
            try {
                Checkpoint c = Checkpoint.load(path);
                String version = c.metadata().get("version");
                Tensor w = c.modelState().get("w");
                double expected = "A".equals(version) ? 1 : 2;
                if (!("A".equals(version) || "B".equals(version))) {
                    failures.add("kill " + k + ": version " + version);
                } else if (w.numel() != 1_000_000 || w.toDoubleArray()[999_999] != expected || w.toDoubleArray()[0] != expected
                        || c.modelState().get("step").toLongArray()[0] != (long) expected) {
                    failures.add("kill " + k + ": checkpoint " + version + " has the wrong contents");
                } else if ("A".equals(version)) {
                    sawA++;
                } else {
                    sawB++;
                }
            } catch (IOException | RuntimeException e) {
                failures.add("kill " + k + ": " + e);
            }
            orphaned += temporaries().size() > 0 ? 1 : 0;
        }
        // The next save cleans up whatever the kills left behind.
        Checkpoint.save(path, SaveLoop.state(3), null, null);
        System.out.printf("SaveKillTest: %d kills, complete A %d times, complete B %d times, %d kills left a temporary; "
                + "after the next save: %s%n", kills, sawA, sawB, orphaned, temporaries());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(List.of(), temporaries());
        assertEquals(3.0, Checkpoint.load(path).modelState().get("w").toDoubleArray()[0]);
    }

    private List<String> temporaries() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }
}

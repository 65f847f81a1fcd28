package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading files from anyone, and saving so that a crash never costs a checkpoint or leaves litter. */
class UntrustedFilesTest {
    @TempDir
    Path dir;

    private static byte[] withHeader(String json) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }

    private static Map<String, Tensor> state() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("w", Tensor.of(new float[] {1, 2, 3}));
        return m;
    }

    private List<String> litter() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    @Test
    void aHugeNameNeverBecomesAHugeMessage() {
        String name = "n".repeat(10_000_000);
        byte[] file = withHeader("{\"" + name + "\":{\"dtype\":\"X9\",\"shape\":[],\"data_offsets\":[0,0]}}");
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.fromBytes(file));
        assertTrue(e.getMessage().length() < 500, () -> e.getMessage().length() + " characters");
        assertTrue(e.getMessage().contains("(10000000 characters)") && e.getMessage().contains("unsupported dtype"), e.getMessage());
    }

    @Test
    void theTensorCountAndHeaderSizeAreDocumentedLimits() throws IOException {
        Map<String, Tensor> three = new LinkedHashMap<>();
        three.put("a", Tensor.scalar(1));
        three.put("b", Tensor.scalar(2));
        three.put("c", Tensor.scalar(3));
        byte[] bytes = SafeTensors.toBytes(three, null);
        assertEquals(3, SafeTensors.fromBytes(bytes).tensors().size());
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class,
                () -> SafeTensors.fromBytes(bytes, new SafeTensorsLimits(1 << 20, 2)));
        assertTrue(e.getMessage().contains("more than 2 tensors") && e.getMessage().contains(SafeTensorsLimits.MAX_TENSORS_PROPERTY),
                e.getMessage());
        e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.fromBytes(bytes, new SafeTensorsLimits(16, 10)));
        assertTrue(e.getMessage().contains("outside 2..16"), e.getMessage());
        assertEquals(SafeTensorsLimits.DEFAULT_MAX_HEADER_BYTES, SafeTensorsLimits.DEFAULT.maxHeaderBytes());
        assertThrows(IllegalArgumentException.class, () -> new SafeTensorsLimits(0, 1));
    }

    @Test
    void aDirectoryOrAPictureIsNamedForWhatItIsNot() throws IOException {
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(dir));
        assertEquals(dir + " is a directory, not a safetensors file", e.getMessage());
        Path png = dir.resolve("cat.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        e = assertThrows(SafeTensorsFormatException.class, () -> Checkpoint.load(png));
        assertTrue(e.getMessage().startsWith(png + ": not a safetensors file") && e.getMessage().contains("89 50 4e 47"),
                e.getMessage());
        Path json = Files.writeString(dir.resolve("x.json"), "\u0002\0\0\0\0\0\0\0[]");
        e = assertThrows(SafeTensorsFormatException.class, () -> Checkpoint.load(json));
        assertTrue(e.getMessage().contains("not a safetensors file"), e.getMessage());
        e = assertThrows(IOException.class, () -> Checkpoint.load(dir.resolve("missing.safetensors")));
        assertTrue(e.getMessage().contains("missing.safetensors"), e.getMessage());
    }

    @Test
    void theNextSaveRemovesTemporariesLeftByACrash() throws IOException {
        Path target = dir.resolve("ckpt.safetensors");
        // What a kill -9 during a save leaves: a temporary named after the target, unlocked.
        Path stale = Files.write(dir.resolve(".ckpt.safetensors.1f2e3d4c5b6a7980.tmp"), new byte[] {1, 2, 3});
        Path otherCheckpoints = Files.write(dir.resolve(".other.safetensors.abc.tmp"), new byte[] {1});
        Path notOurs = Files.write(dir.resolve(".ckpt.safetensors.notes.tmp"), new byte[] {1});
        SafeTensors.save(target, state(), null);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(otherCheckpoints) && Files.exists(notOurs));
        assertArrayEquals(new float[] {1, 2, 3}, SafeTensors.load(target).tensors().get("w").toFloatArray());
    }

    @Test
    void aTemporaryAnotherWriterStillHoldsIsLeftAlone() throws IOException {
        Path target = dir.resolve("ckpt.safetensors");
        Path live = dir.resolve(".ckpt.safetensors.00000000000000aa.tmp");
        try (FileChannel c = FileChannel.open(live, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FileLock lock = c.lock();
            SafeTensors.save(target, state(), null);
            assertTrue(Files.exists(live), "a live writer's temporary was deleted");
            lock.release();
        }
        SafeTensors.save(target, state(), null);
        assertFalse(Files.exists(live));
        assertEquals(List.of(), litter());
    }

    @Test
    void aReadOnlyTargetIsRefusedAndKept() throws IOException {
        Path target = dir.resolve("ckpt.safetensors");
        SafeTensors.save(target, state(), null);
        byte[] before = Files.readAllBytes(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        Map<String, Tensor> other = Map.of("w", Tensor.of(new float[] {9}));
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> SafeTensors.save(target, other, null));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("read-only"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(), litter());
    }

    @Test
    void unwritableOutputsAreNamedInTheUsersTerms() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class, () -> SafeTensors.save(file.resolve("m.safetensors"), state(), null));
        assertEquals("cannot write " + file.resolve("m.safetensors") + ": " + file + " is a file, not a directory", e.getMessage());
        e = assertThrows(IOException.class, () -> SafeTensors.save(dir, state(), null));
        assertTrue(e.getMessage().endsWith("it is a directory"), e.getMessage());
        e = assertThrows(IOException.class, () -> SafeTensors.save(dir.resolve("no/such/m.safetensors"), state(), null));
        assertTrue(e.getMessage().contains("does not exist") && !e.getMessage().contains(".tmp"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aFailedLoadChangesNeitherModelNorOptimizer() throws IOException {
        Linear model = new Linear(2, 2);
        Map<String, Tensor> before = model.stateDict();
        Path p = dir.resolve("bad.safetensors");
        Map<String, Tensor> wrong = new LinkedHashMap<>();
        wrong.put("weight", Tensor.zeros(2, 2));
        wrong.put("bias", Tensor.zeros(3));
        Checkpoint.save(p, wrong, null, null);
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(p).loadInto(model, null));
        for (Map.Entry<String, Tensor> e : before.entrySet()) {
            assertArrayEquals(e.getValue().toFloatArray(), model.stateDict().get(e.getKey()).toFloatArray(), e.getKey());
        }
    }
}

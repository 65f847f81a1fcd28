package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A file built by hand from the spec: length, header, then the little-endian data. */
    static byte[] file(String header, double[] f64, float[] f32) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 8 * f64.length + 4 * f32.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (double d : f64) {
            b.putDouble(d);
        }
        for (float f : f32) {
            b.putFloat(f);
        }
        return b.array();
    }

    @Test
    void writerProducesExactlyTheBytesTheSpecDescribes() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new float[] {1.5f, -2f, 0.25f, 3f}, 2, 2));
        tensors.put("b", Tensor.of(new double[] {7.0}, 1));
        byte[] actual = SafeTensors.toBytes(tensors, Map.of("epoch", "3"));

        String json = "{\"__metadata__\":{\"epoch\":\"3\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}";
        // Padded with spaces to a multiple of 8, so the data starts 8-byte aligned.
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        ByteBuffer expected = ByteBuffer.allocate(8 + padded.length() + 24).order(ByteOrder.LITTLE_ENDIAN);
        expected.putLong(padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII));
        expected.putFloat(1.5f).putFloat(-2f).putFloat(0.25f).putFloat(3f).putDouble(7.0);
        assertArrayEquals(expected.array(), actual);
        assertEquals(0, (8 + padded.length()) % 8);
    }

    @Test
    void readerAcceptsAnyValidLayoutAndKeepsHeaderOrder() throws IOException {
        // Whitespace, fields in another order, offsets not in header order, an escaped name,
        // no padding: all valid.
        String header = "{ \"z\u00e9\\u0041\" : {\"data_offsets\": [8, 16], \"shape\": [], \"dtype\": \"F64\"},\n"
                + " \"a\": {\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[0,8]},"
                + " \"__metadata__\": {\"k\\n\": \"\\\"v\\\"\"}, \"e\": {\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[16,16]} }";
        SafeTensors st = SafeTensors.fromBytes(file(header, new double[] {2.5, -1}, new float[0]));
        assertEquals(List.of("z\u00e9A", "a", "e"), List.copyOf(st.tensors().keySet()));
        assertEquals(Shape.SCALAR, st.tensors().get("z\u00e9A").shape());
        assertEquals(-1.0, st.tensors().get("z\u00e9A").item());
        assertEquals(2.5, st.tensors().get("a").get(0, 0));
        assertEquals(Shape.of(0, 3), st.tensors().get("e").shape());
        assertEquals(DType.FLOAT32, st.tensors().get("e").dtype());
        assertEquals(Map.of("k\n", "\"v\""), st.metadata());
    }

    @Test
    void roundTripKeepsValuesShapesDtypesOrderAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.0.weight", Tensor.randn(new org.autodiff.core.Generator(1), DType.FLOAT32, 3, 4));
        tensors.put("scalar64", Tensor.scalar(Math.PI));
        tensors.put("scalar32", Tensor.scalar(-0.0, DType.FLOAT32));
        tensors.put("empty", Tensor.zeros(DType.FLOAT64, 2, 0, 5));
        tensors.put("special", Tensor.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -0.0}));
        tensors.put("big", Tensor.rand(new org.autodiff.core.Generator(2), DType.FLOAT64, 100_000)); // several chunks
        tensors.put("名前 \"quoted\"\t\u0001", Tensor.ones(DType.FLOAT32, 1, 1, 1, 2));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("architecture", "MLP(64, [32], 10)");
        meta.put("emoji \uD83D\uDE00", "line1\nline2\\");
        Path p = dir.resolve("model.safetensors");
        SafeTensors.save(p, tensors, meta);
        SafeTensors back = SafeTensors.load(p);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        for (String name : tensors.keySet()) {
            Tensor a = tensors.get(name);
            Tensor b = back.tensors().get(name);
            assertEquals(a.shape(), b.shape(), name);
            assertEquals(a.dtype(), b.dtype(), name);
            if (a.dtype() == DType.FLOAT64) {
                assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0.0, name);   // bitwise for doubles incl. NaN, -0
            } else {
                assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0.0f, name);
            }
        }
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(back.tensors().get("special").toDoubleArray()[3]));
        assertEquals(meta, back.metadata());
        assertArrayEquals(Files.readAllBytes(p), SafeTensors.toBytes(tensors, meta), "save and toBytes agree");
    }

    @Test
    void emptyFileOfTensorsIsValid() throws IOException {
        byte[] bytes = SafeTensors.toBytes(Map.of(), null);
        assertEquals(16, bytes.length);   // length + "{}" padded to 8
        SafeTensors st = SafeTensors.fromBytes(bytes);
        assertTrue(st.tensors().isEmpty());
        assertTrue(st.metadata().isEmpty());
    }

    @Test
    void savingKeepsValuesNotGraphs() throws IOException {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = w.mul(3.0);
        SafeTensors st = SafeTensors.fromBytes(SafeTensors.toBytes(Map.of("y", y), Map.of()));
        assertArrayEquals(new double[] {3, 6}, st.tensors().get("y").toDoubleArray());
        assertTrue(!st.tensors().get("y").requiresGrad());
    }

    @Test
    void failedSaveLeavesTheExistingFileByteIdenticalAndNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("ckpt.safetensors");
        SafeTensors.save(p, Map.of("w", Tensor.ones(3)), Map.of("epoch", "1"));
        byte[] before = Files.readAllBytes(p);

        Map<String, Tensor> nullTensor = new LinkedHashMap<>();
        nullTensor.put("w", Tensor.zeros(3));
        nullTensor.put("v", null);
        Map<String, Tensor> nullName = new LinkedHashMap<>();
        nullName.put(null, Tensor.zeros(3));
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("epoch", null);
        for (Map<String, Tensor> bad : List.of(nullTensor, nullName, Map.of("__metadata__", Tensor.zeros(1)),
                Map.of("", Tensor.zeros(1)), Map.of("lone\uD800", Tensor.zeros(1)))) {
            assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, bad, Map.of()));
        }
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, Map.of("w", Tensor.zeros(3)), nullValue));
        assertArrayEquals(before, Files.readAllBytes(p));
        assertEquals(List.of(p), listDir());
    }

    @Test
    void failureAfterTheTemporaryFileIsWrittenCleansUpAndKeepsTheTarget() throws IOException {
        // The target is a non-empty directory: the data is written, the final rename fails.
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Files.writeString(target.resolve("keep.txt"), "still here");
        assertThrows(IOException.class, () -> SafeTensors.save(target, Map.of("w", Tensor.ones(1000)), Map.of()));
        assertEquals("still here", Files.readString(target.resolve("keep.txt")));
        assertEquals(List.of(target), listDir());
    }

    @Test
    void saveReplacesAnExistingFile() throws IOException {
        Path p = dir.resolve("x.safetensors");
        SafeTensors.save(p, Map.of("a", Tensor.ones(5)), Map.of());
        SafeTensors.save(p, Map.of("b", Tensor.zeros(2)), Map.of());
        assertEquals(List.of("b"), List.copyOf(SafeTensors.load(p).tensors().keySet()));
        assertEquals(List.of(p), listDir());
    }

    @Test
    void savedFileGetsOrdinaryPermissionsNotTheTemporaryFilesOwnerOnlyOnes() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path p = dir.resolve("perm.safetensors");
        SafeTensors.save(p, Map.of("a", Tensor.ones(1)), Map.of());
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "POSIX permissions only");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(p));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void loadedMapsAreUnmodifiable() throws IOException {
        SafeTensors st = SafeTensors.fromBytes(SafeTensors.toBytes(Map.of("a", Tensor.ones(1)), Map.of("k", "v")));
        assertThrows(UnsupportedOperationException.class, () -> st.tensors().clear());
        assertThrows(UnsupportedOperationException.class, () -> st.metadata().put("x", "y"));
    }
}

package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Json;
import org.autodiff.core.Tensor;
import org.autodiff.nn.BatchNorm2d;
import org.autodiff.nn.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I64 and BOOL tensors round-trip; F16 and BF16 read into float32; fixtures written by
 * {@code src/test/resources/safetensors/make_fixtures.py} in the reference implementation's
 * layout, with the values Python's own decoder reads from them.
 */
class SafeTensorsDTypeTest {
    @TempDir
    Path dir;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SafeTensorsDTypeTest.class.getResourceAsStream("/safetensors/" + name)) {
            return in.readAllBytes();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> expected(String file) {
        Map<String, Object> root = (Map<String, Object>) Json.readResource("/safetensors/fixtures.json");
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) root.get("files")).get(file);
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    /** Python's float.hex spelling, with its names for the non-finite values. */
    private static double hex(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    @Test
    void referenceLayoutFileReadsEveryDtypeAsPythonDecodesIt() throws IOException {
        SafeTensors file = SafeTensors.fromBytes(resource("dtypes.safetensors"));
        Map<String, Map<String, Object>> want = expected("dtypes.safetensors");
        assertEquals(List.copyOf(want.keySet()), List.copyOf(file.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), file.metadata());
        for (Map.Entry<String, Map<String, Object>> e : want.entrySet()) {
            String name = e.getKey();
            Tensor t = file.tensors().get(name);
            String dtype = (String) e.getValue().get("dtype");
            List<?> values = (List<?>) e.getValue().get("values");
            assertArrayEquals(ints(e.getValue().get("shape")), t.shape().dims(), name);
            switch (dtype) {
                case "I64" -> {
                    assertEquals(DType.INT64, t.dtype(), name);
                    assertArrayEquals(values.stream().mapToLong(v -> Long.parseLong((String) v)).toArray(), t.toLongArray(), name);
                }
                case "BOOL" -> {
                    assertEquals(DType.BOOL, t.dtype(), name);
                    boolean[] b = t.toBooleanArray();
                    for (int i = 0; i < b.length; i++) {
                        assertEquals(values.get(i), b[i], name + "[" + i + "]");
                    }
                }
                case "F64" -> {
                    assertEquals(DType.FLOAT64, t.dtype(), name);
                    assertArrayEquals(values.stream().mapToDouble(v -> hex((String) v)).toArray(), t.toDoubleArray(), name);
                }
                default -> {
                    // F32, F16 and BF16 all become float32; every half and bfloat16 is exact there.
                    assertEquals(DType.FLOAT32, t.dtype(), name);
                    float[] f = t.toFloatArray();
                    assertEquals(values.size(), f.length, name);
                    for (int i = 0; i < f.length; i++) {
                        double w = hex((String) values.get(i));
                        // Bit-exact, so -0.0 and 0.0 differ and NaN equals NaN.
                        assertEquals(Float.floatToIntBits((float) w), Float.floatToIntBits(f[i]), name + "[" + i + "] = " + w);
                    }
                }
            }
        }
    }

    @Test
    void halfToFloatIsExactOnEveryHalf() {
        // Against the definition, value = (-1)^s * 2^(e-15) * (1 + f/1024), or 2^-14 * f/1024 when e == 0.
        for (int h = 0; h < 0x10000; h++) {
            int e = (h >>> 10) & 0x1f;
            int f = h & 0x3ff;
            double sign = (h & 0x8000) != 0 ? -1 : 1;
            float actual = SafeTensorsDType.halfToFloat((short) h);
            if (e == 0x1f) {
                assertTrue(f == 0 ? Float.isInfinite(actual) && Math.signum(actual) == sign : Float.isNaN(actual), "half " + h);
            } else {
                double want = e == 0 ? sign * Math.scalb(f / 1024.0, -14) : sign * Math.scalb(1 + f / 1024.0, e - 15);
                assertEquals(Float.floatToIntBits((float) want), Float.floatToIntBits(actual), "half " + h);
            }
        }
    }

    @Test
    void int64AndBoolRoundTripExactly() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("ids", Tensor.of(new long[] {Long.MIN_VALUE, -1, 0, 1, (1L << 53) + 1, Long.MAX_VALUE}, 3, 2));
        tensors.put("mask", Tensor.of(new boolean[] {true, false, true}, 3));
        tensors.put("count", Tensor.scalar(5, DType.INT64));
        tensors.put("none", Tensor.of(new boolean[0], 0, 4));
        Path p = dir.resolve("ints.safetensors");
        SafeTensors.save(p, tensors, null);
        SafeTensors back = SafeTensors.load(p);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        for (String name : tensors.keySet()) {
            Tensor want = tensors.get(name);
            Tensor got = back.tensors().get(name);
            assertEquals(want.dtype(), got.dtype(), name);
            assertEquals(want.shape(), got.shape(), name);
        }
        assertArrayEquals(tensors.get("ids").toLongArray(), back.tensors().get("ids").toLongArray());
        assertArrayEquals(new boolean[] {true, false, true}, back.tensors().get("mask").toBooleanArray());
        assertEquals(5L, back.tensors().get("count").toLongArray()[0]);
        assertArrayEquals(Files.readAllBytes(p), SafeTensors.toBytes(tensors, null));
    }

    @Test
    void writerUsesTheReferenceDtypeNamesAndByteLayout() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("i", Tensor.of(new long[] {-2, 3}, 2));
        tensors.put("b", Tensor.of(new boolean[] {false, true, true}, 3));
        byte[] actual = SafeTensors.toBytes(tensors, null);
        String json = "{\"i\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[16,19]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        ByteBuffer want = ByteBuffer.allocate(8 + padded.length() + 19).order(ByteOrder.LITTLE_ENDIAN);
        want.putLong(padded.length()).put(padded.getBytes(StandardCharsets.US_ASCII));
        want.putLong(-2).putLong(3).put((byte) 0).put((byte) 1).put((byte) 1);
        assertArrayEquals(want.array(), actual);
    }

    @Test
    void boolBytesOtherThanZeroOrOneAreAFormatError() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new boolean[] {false, true}, 2));
        byte[] bytes = SafeTensors.toBytes(tensors, null);
        bytes[bytes.length - 1] = 2;
        SafeTensorsFormatException e = assertThrows(SafeTensorsFormatException.class, () -> SafeTensors.fromBytes(bytes));
        assertTrue(e.getMessage().contains("BOOL element 1 is byte 2") && e.getMessage().contains("\"b\""), e.getMessage());
    }

    @Test
    void batchNormWithItsInt64CounterSavesAndLoadsThroughCheckpoint() throws IOException {
        Generator g = new Generator(3);
        BatchNorm2d bn = new BatchNorm2d(3);
        Adam adam = new Adam(bn.parameters(), 0.01);
        for (int step = 0; step < 3; step++) {
            adam.zeroGrad();
            bn.forward(Tensor.randn(g, DType.FLOAT32, 4, 3, 2, 2)).square().sum().backward();
            adam.step();
        }
        Path p = dir.resolve("bn.safetensors");
        Checkpoint.save(p, bn, adam, Map.of("epoch", "1"));
        Tensor counter = Checkpoint.load(p).modelState().get("num_batches_tracked");
        assertEquals(DType.INT64, counter.dtype());
        assertEquals(3L, counter.toLongArray()[0]);

        BatchNorm2d fresh = new BatchNorm2d(3);
        Adam freshAdam = new Adam(fresh.parameters(), 0.01);
        Checkpoint.load(p).loadInto(fresh, freshAdam);
        assertEquals(bn.stateDict().keySet(), fresh.stateDict().keySet());
        for (Map.Entry<String, Tensor> e : bn.stateDict().entrySet()) {
            Tensor got = fresh.stateDict().get(e.getKey());
            assertEquals(e.getValue().dtype(), got.dtype(), e.getKey());
            assertArrayEquals(e.getValue().toDoubleArray(), got.toDoubleArray(), e.getKey());
        }
        Tensor x = Tensor.randn(g, DType.FLOAT32, 2, 3, 2, 2);
        assertArrayEquals(bn.eval().forward(x).toFloatArray(), fresh.eval().forward(x).toFloatArray());
    }

    @Test
    void pytorchLayoutBatchNormCheckpointLoadsIntoBatchNorm2d() throws IOException {
        Path p = dir.resolve("torch-bn.safetensors");
        Files.write(p, resource("batchnorm.safetensors"));
        Map<String, Map<String, Object>> want = expected("batchnorm.safetensors");
        BatchNorm2d bn = new BatchNorm2d(3);
        Checkpoint.load(p).loadInto(bn, null);
        Map<String, Tensor> state = bn.stateDict();
        assertEquals(7L, state.get("num_batches_tracked").toLongArray()[0]);
        for (String name : List.of("weight", "bias", "running_mean", "running_var")) {
            List<?> values = (List<?>) want.get("model." + name).get("values");
            assertArrayEquals(values.stream().mapToDouble(v -> hex((String) v)).toArray(), state.get(name).toDoubleArray(), name);
        }
    }
}

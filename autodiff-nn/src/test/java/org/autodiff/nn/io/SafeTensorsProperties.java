package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

class SafeTensorsProperties {
    /** A random tensor: float32 or float64, rank 0..3, sizes 0..4 (so some are empty). */
    @Provide
    Arbitrary<Tensor> tensors() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 4).array(int[].class).ofMaxSize(3);
        return Combinators.combine(shapes, Arbitraries.of(DType.FLOAT32, DType.FLOAT64), Arbitraries.longs())
                .as((shape, dtype, seed) -> Tensor.randn(new Generator(seed), dtype, shape));
    }

    @Provide
    Arbitrary<Map<String, Tensor>> tensorMaps() {
        Arbitrary<String> names = Arbitraries.strings().ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.equals("__metadata__") && s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
        return Arbitraries.maps(names, tensors()).ofMaxSize(5).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<byte[]> validFiles() {
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(
                Arbitraries.strings().ascii().ofMaxLength(6), Arbitraries.strings().ascii().ofMaxLength(6)).ofMaxSize(2);
        return Combinators.combine(tensorMaps(), metadata).as(SafeTensors::toBytes);
    }

    @Property(tries = 200)
    void writeThenReadIsTheIdentity(@ForAll("tensorMaps") Map<String, Tensor> tensors) throws Exception {
        SafeTensors back = SafeTensors.fromBytes(SafeTensors.toBytes(tensors, Map.of("k", "v")));
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor b = back.tensors().get(e.getKey());
            assertEquals(e.getValue().shape(), b.shape());
            assertEquals(e.getValue().dtype(), b.dtype());
            assertArrayEquals(e.getValue().toDoubleArray(), b.toDoubleArray(), 0.0);
        }
    }

    /**
     * Corrupting bytes of a valid file (anywhere, or in the length field and header where the
     * structure is), cutting it short or extending it never gives anything but a successful
     * read or a {@link SafeTensorsFormatException}: no OutOfMemoryError, no index error, no hang.
     */
    @Property(tries = 1000)
    void corruptedFilesFailOnlyWithTheFormatException(@ForAll("validFiles") byte[] valid,
            @ForAll @IntRange(min = 1, max = 6) int corruptions, @ForAll long seed) {
        Generator g = new Generator(seed);
        byte[] bytes = valid.clone();
        long headerEnd = Math.min(bytes.length, 8 + (bytes[0] & 0xFF) + ((bytes[1] & 0xFF) << 8));
        for (int k = 0; k < corruptions; k++) {
            switch (g.nextInt(4)) {
                case 0 -> bytes[g.nextInt(bytes.length)] = (byte) g.nextInt(256);
                case 1 -> bytes[g.nextInt((int) Math.min(headerEnd, bytes.length))] = (byte) "{}[]\",:0123456789-. \\u".charAt(g.nextInt(21));
                case 2 -> bytes = Arrays.copyOf(bytes, g.nextInt(bytes.length + 1));
                default -> bytes = Arrays.copyOf(bytes, bytes.length + 1 + g.nextInt(16));
            }
            if (bytes.length == 0) {
                break;
            }
        }
        byte[] input = bytes;
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                SafeTensors.fromBytes(input);
            } catch (SafeTensorsFormatException expected) {
                // documented
            } catch (Throwable t) {
                fail("corrupted file gave " + t, t);
            }
        });
    }

    @Property(tries = 300)
    void largeHeaderLengthsNeverAllocateBeyondTheFile(@ForAll long headerLength, @ForAll @IntRange(min = 8, max = 64) int size) {
        byte[] bytes = new byte[size];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(headerLength);
        try {
            SafeTensors.fromBytes(bytes);
            fail("a header of zero bytes is never valid");
        } catch (SafeTensorsFormatException expected) {
            // documented
        }
    }
}

package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.BatchNorm1d;
import org.autodiff.nn.Linear;
import org.autodiff.nn.Module;
import org.autodiff.nn.Sequential;
import org.autodiff.nn.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader against mutated checkpoints: byte flips, truncations, header-length lies, shape
 * products that overflow, offsets out of range or overlapping, bad dtypes, deep nesting, huge
 * strings. Only {@link SafeTensorsFormatException} may escape a load, and a load that fails,
 * at reading or at fitting the model, changes neither the model nor the optimizer.
 *
 * <p>CI runs {@value #CI_MUTANTS} mutants; the {@code long-run} Maven profile sets
 * {@code autodiff.fuzz.loaderMutants} (20,000) and {@code autodiff.fuzz.bigHeaders}, which adds
 * headers of 60 to 100 MB under {@code -Xmx256m}.
 */
class LoaderFuzzTest {
    private static final int CI_MUTANTS = 2000;

    @TempDir
    Path dir;

    private static Module model() {
        return new Sequential(new Linear(3, 4, true, DType.FLOAT32, new Generator(1)), new BatchNorm1d(4));
    }

    /** Valid checkpoints to mutate: a model with an int64 buffer and Adam state, and a file of every dtype. */
    private static List<byte[]> seeds() throws IOException {
        Module m = model();
        Adam adam = new Adam(m.parameters(), 0.01);
        m.forward(Tensor.randn(new Generator(2), DType.FLOAT32, 5, 3)).sum().backward();
        adam.step();
        Map<String, Tensor> all = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> all.put(Checkpoint.MODEL_PREFIX + k, v));
        adam.stateDict().forEach((k, v) -> all.put(Checkpoint.OPTIMIZER_PREFIX + k, v));
        Map<String, String> meta = Map.of(Checkpoint.OPTIMIZER_TYPE_KEY, adam.name(), "epoch", "3");
        Map<String, Tensor> mixed = new LinkedHashMap<>();
        mixed.put("model.b", Tensor.of(new boolean[] {true, false, true}));
        mixed.put("model.i", Tensor.of(new long[] {-1, 7}, 2, 1));
        mixed.put("model.d", Tensor.of(new double[] {0.5}));
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(SafeTensors.toBytes(all, meta));
        seeds.add(SafeTensors.toBytes(mixed, Map.of("k", "v")));
        try (var in = LoaderFuzzTest.class.getResourceAsStream("/safetensors/dtypes.safetensors")) {
            seeds.add(in.readAllBytes());
        }
        return seeds;
    }

    @Test
    void mutatedCheckpointsRaiseOnlyTheFormatExceptionAndChangeNothing() throws IOException {
        int mutants = Integer.getInteger("autodiff.fuzz.loaderMutants", CI_MUTANTS);
        List<byte[]> seeds = seeds();
        Random random = new Random(20261202);
        Module target = model();
        Adam adam = new Adam(target.parameters(), 0.01);
        Map<String, Tensor> modelBefore = target.stateDict();
        Map<String, Tensor> optimBefore = adam.stateDict();
        int rejected = 0;
        int loaded = 0;
        int fitted = 0;
        List<String> failures = new ArrayList<>();
        Path file = dir.resolve("mutant.safetensors");
        for (int k = 0; k < mutants; k++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            int kind = random.nextInt(9);
            byte[] mutant = mutate(seed, kind, random);
            Files.write(file, mutant);
            Checkpoint c;
            try {
                c = Checkpoint.load(file);
                loaded++;
            } catch (SafeTensorsFormatException e) {
                rejected++;
                if (e.getMessage() == null || e.getMessage().length() > 2000) {
                    failures.add("mutation " + kind + " #" + k + ": message of " + (e.getMessage() == null ? "null"
                            : e.getMessage().length() + " characters"));
                }
                continue;
            } catch (Throwable e) {
                failures.add("mutation " + kind + " #" + k + ": " + e);
                continue;
            }
            try {
                c.loadInto(target, adam);
                fitted++;
                // A mutant that still fits (a flipped bit in a value): restore for the next one.
                target.loadStateDict(modelBefore);
                adam.loadStateDict(optimBefore);
            } catch (IllegalArgumentException e) {
                if (!same(modelBefore, target.stateDict()) || !same(optimBefore, adam.stateDict())) {
                    failures.add("mutation " + kind + " #" + k + ": a failed loadInto changed the model or optimizer: " + e);
                }
            } catch (Throwable e) {
                failures.add("mutation " + kind + " #" + k + ": loadInto threw " + e);
            }
        }
        System.out.printf("LoaderFuzzTest: %d mutants: %d rejected by the loader, %d loaded (%d of them fitted the model)%n",
                mutants, rejected, loaded, fitted);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures.subList(0,
                Math.min(40, failures.size()))));
        assertTrue(rejected > mutants / 2, "only " + rejected + " of " + mutants + " mutants were rejected: weak mutations");
    }

    private static boolean same(Map<String, Tensor> a, Map<String, Tensor> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!java.util.Arrays.equals(a.get(k).toDoubleArray(), b.get(k).toDoubleArray())) {
                return false;
            }
        }
        return true;
    }

    /** One mutation of {@code seed} of the given kind. */
    static byte[] mutate(byte[] seed, int kind, Random random) {
        long headerLength = ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(seed, 8, (int) headerLength, StandardCharsets.UTF_8);
        byte[] data = java.util.Arrays.copyOfRange(seed, 8 + (int) headerLength, seed.length);
        switch (kind) {
            case 0 -> { // byte flips anywhere
                byte[] m = seed.clone();
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return m;
            }
            case 1 -> { // truncation
                return java.util.Arrays.copyOf(seed, random.nextInt(seed.length));
            }
            case 2 -> { // header-length lies
                long[] lies = {headerLength + 1, headerLength - 1, 0, -1, Long.MIN_VALUE, 1L << 40, seed.length,
                    100_000_001L, random.nextLong()};
                byte[] m = seed.clone();
                ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putLong(lies[random.nextInt(lies.length)]);
                return m;
            }
            case 3 -> { // shape products that overflow, negative and fractional sizes
                String[] sizes = {"4294967296", "65536,65536", "2147483647,2147483647,2", "3037000500,3037000500",
                    "99999999999999999999", "-1", "1.5", "1e3", "0,4294967296"};
                return rebuild(header.replaceFirst("\"shape\":\\[[^\\]]*\\]", "\"shape\":[" + sizes[random.nextInt(sizes.length)]
                        + "]"), data);
            }
            case 4 -> { // offsets out of range, overlapping, reversed
                String[] offsets = {"[0,999999999999]", "[0,0]", "[4,0]", "[9223372036854775807,0]", "[0,4]", "[1,5]",
                    "[-4,0]", "[0]"};
                return rebuild(header.replaceFirst("\"data_offsets\":\\[[^\\]]*\\]", "\"data_offsets\":"
                        + offsets[random.nextInt(offsets.length)]), data);
            }
            case 5 -> { // bad dtypes
                String[] dtypes = {"I32", "F8", "", "f32", "U8", "BOOL ", "\\u0046\\u0033\\u0032", "F64\\u0000"};
                return rebuild(header.replaceFirst("\"dtype\":\"[^\"]*\"", "\"dtype\":\"" + dtypes[random.nextInt(dtypes.length)]
                        + "\""), data);
            }
            case 6 -> { // deep nesting where a value belongs
                int depth = 1 + random.nextInt(100_000);
                String nest = "[".repeat(depth) + "]".repeat(depth);
                return rebuild(header.replaceFirst("\"shape\":\\[[^\\]]*\\]", "\"shape\":" + nest), data);
            }
            case 7 -> { // huge strings: a name, a metadata value
                String huge = "x".repeat(1 + random.nextInt(2_000_000));
                return random.nextBoolean() ? rebuild(header.replaceFirst("\\{\"", "{\"" + huge), data)
                        : rebuild(header.replaceFirst("\\{", "{\"__metadata__\":{\"big\":\"" + huge + "\"},"), data);
            }
            default -> { // duplicate keys, trailing garbage, extra fields
                String[] edits = {header.replaceFirst("\\}\\s*$", ",\"__metadata__\":{}}"), header + "x",
                    header.replaceFirst("\"dtype\"", "\"dtype\":\"F32\",\"dtype\""), header.replaceFirst("\\{", "{\"a\":{},")};
                return rebuild(edits[random.nextInt(edits.length)], data);
            }
        }
    }

    private static byte[] rebuild(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).put(data)
                .array();
    }

    /**
     * Headers of 60 to 100 MB, written to disk in pieces so the test itself does not hold them:
     * one giant tensor name, one giant metadata value, and a million tiny tensors. Under the long
     * run's -Xmx256m each is refused with the format exception or loaded, never an
     * OutOfMemoryError.
     */
    @Test
    void headersOfUpToOneHundredMegabytesLoadInBoundedMemory() throws IOException {
        if (!Boolean.getBoolean("autodiff.fuzz.bigHeaders")) {
            // Run by the long-run profile only: writing 300 MB of files is not for every build.
            return;
        }
        long max = Runtime.getRuntime().maxMemory();
        List<String> outcomes = new ArrayList<>();
        Path name = dir.resolve("name.safetensors");
        writeHeader(name, "{\"", 60_000_000, '"' + ":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4);
        outcomes.add("60 MB name: " + outcome(name));
        Path meta = dir.resolve("meta.safetensors");
        writeHeader(meta, "{\"__metadata__\":{\"k\":\"", 99_000_000, "\"}}", 0);
        outcomes.add("99 MB metadata value: " + outcome(meta));
        Path many = dir.resolve("many.safetensors");
        writeManyTensors(many, 99_000_000);
        outcomes.add("99 MB of tiny tensors: " + outcome(many));
        System.out.println("LoaderFuzzTest big headers under a heap of " + max + " bytes: " + outcomes);
        for (String o : outcomes) {
            assertTrue(!o.contains("OutOfMemoryError") && !o.contains("unexpected"), o);
        }
    }

    private static String outcome(Path file) {
        try {
            SafeTensors s = SafeTensors.load(file);
            return "loaded " + s.tensors().size() + " tensors";
        } catch (SafeTensorsFormatException e) {
            return "refused: " + e.getMessage().substring(0, Math.min(200, e.getMessage().length()));
        } catch (Throwable e) {
            return "unexpected " + e;
        }
    }

    private static void writeHeader(Path file, String before, int fill, String after, int dataBytes) throws IOException {
        long length = before.length() + (long) fill + after.length();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array());
            out.write(before.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'n');
            for (int left = fill; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
            out.write(after.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[dataBytes]);
        }
    }

    private static void writeManyTensors(Path file, int headerBytes) throws IOException {
        // Two passes over the same entries, so neither the header nor its entries are held.
        int count = 0;
        long length = 2;
        while (length < headerBytes) {
            length += entry(count++).length;
        }
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array());
            out.write('{');
            for (int i = 0; i < count; i++) {
                out.write(entry(i));
            }
            out.write('}');
        }
    }

    private static byte[] entry(int i) {
        return ((i == 0 ? "" : ",") + "\"t" + i + "\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}")
                .getBytes(StandardCharsets.US_ASCII);
    }
}

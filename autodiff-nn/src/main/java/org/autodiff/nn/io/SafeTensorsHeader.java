package org.autodiff.nn.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.autodiff.core.Shape;

/**
 * The JSON header of a safetensors file: one entry per tensor ({@code dtype}, {@code shape},
 * {@code data_offsets}) and the optional {@code __metadata__} string map. Parsing checks every
 * entry against the format and against the size of the data buffer, so that once a header is
 * accepted, reading the tensors it describes cannot go out of bounds or allocate more than the
 * file holds.
 */
final class SafeTensorsHeader {
    /** The key of the metadata map. */
    static final String METADATA_KEY = "__metadata__";
    /** The most dims a tensor in a file may have: far above any real tensor's, and a bound on parsing a shape. */
    static final int MAX_RANK = 1024;

    /**
     * One tensor's header entry.
     *
     * @param name the tensor's name
     * @param dtype its element type in the file
     * @param shape its dimensions
     * @param begin start of its bytes, relative to the data buffer
     * @param end end (exclusive) of its bytes
     */
    record Entry(String name, SafeTensorsDType dtype, int[] shape, long begin, long end) {
        int numel() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }
    }

    final List<Entry> entries;
    final Map<String, String> metadata;

    private SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    // =====================================================================================
    // Reading
    // =====================================================================================

    /**
     * Parses {@code header} (UTF-8 JSON) and checks that its tensors exactly tile a data buffer of
     * {@code bufferSize} bytes, declaring at most {@code maxTensors} tensors.
     */
    static SafeTensorsHeader parse(byte[] header, long bufferSize, int maxTensors) throws SafeTensorsFormatException {
        JsonReader json = new JsonReader(header);
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        json.expect('{');
        if (!json.consume('}')) {
            do {
                String key = json.readString();
                if (!seen.add(key)) {
                    throw json.error("duplicate key " + UserText.quote(key));
                }
                json.expect(':');
                if (key.equals(METADATA_KEY)) {
                    readMetadata(json, metadata);
                } else {
                    if (entries.size() == maxTensors) {
                        throw json.error("more than " + maxTensors + " tensors (the limit is "
                                + SafeTensorsLimits.MAX_TENSORS_PROPERTY + ")");
                    }
                    entries.add(readEntry(json, key));
                }
            } while (json.consume(','));
            json.expect('}');
        }
        json.expectEnd();
        checkTiling(entries, bufferSize);
        return new SafeTensorsHeader(entries, metadata);
    }

    private static void readMetadata(JsonReader json, Map<String, String> metadata) throws SafeTensorsFormatException {
        json.expect('{');
        if (json.consume('}')) {
            return;
        }
        do {
            String key = json.readString();
            json.expect(':');
            if (json.peek() != '"') {
                throw json.error("__metadata__ value of " + UserText.quote(key) + " must be a string");
            }
            if (metadata.put(key, json.readString()) != null) {
                throw json.error("duplicate __metadata__ key " + UserText.quote(key));
            }
        } while (json.consume(','));
        json.expect('}');
    }

    private static Entry readEntry(JsonReader json, String name) throws SafeTensorsFormatException {
        SafeTensorsDType dtype = null;
        int[] shape = null;
        long[] offsets = null;
        json.expect('{');
        do {
            String field = json.readString();
            json.expect(':');
            switch (field) {
                case "dtype" -> {
                    if (dtype != null) {
                        throw json.error("tensor " + UserText.quote(name) + ": duplicate dtype");
                    }
                    dtype = readDType(json, name);
                }
                case "shape" -> {
                    if (shape != null) {
                        throw json.error("tensor " + UserText.quote(name) + ": duplicate shape");
                    }
                    shape = readShape(json, name);
                }
                case "data_offsets" -> {
                    if (offsets != null) {
                        throw json.error("tensor " + UserText.quote(name) + ": duplicate data_offsets");
                    }
                    offsets = readOffsets(json, name);
                }
                default -> throw json.error("tensor " + UserText.quote(name) + ": unknown field " + UserText.quote(field));
            }
        } while (json.consume(','));
        json.expect('}');
        if (dtype == null || shape == null || offsets == null) {
            throw json.error("tensor " + UserText.quote(name) + ": needs dtype, shape and data_offsets");
        }
        Entry entry = new Entry(name, dtype, shape, offsets[0], offsets[1]);
        long bytes = (long) entry.numel() * dtype.byteSize();
        if (offsets[1] - offsets[0] != bytes) {
            throw new SafeTensorsFormatException("safetensors: tensor " + UserText.quote(name) + " of shape "
                    + Arrays.toString(shape) + " and dtype " + dtype + " needs " + bytes
                    + " bytes, its data_offsets [" + offsets[0] + ", " + offsets[1] + "] span " + (offsets[1] - offsets[0]));
        }
        return entry;
    }

    private static SafeTensorsDType readDType(JsonReader json, String name) throws SafeTensorsFormatException {
        String dtype = json.readString();
        SafeTensorsDType type = SafeTensorsDType.parse(dtype);
        if (type == null) {
            throw json.error("tensor " + UserText.quote(name) + ": unsupported dtype " + UserText.quote(dtype)
                    + " (this reader supports F32, F64, I64, BOOL, F16 and BF16)");
        }
        return type;
    }

    private static int[] readShape(JsonReader json, String name) throws SafeTensorsFormatException {
        List<Integer> dims = new ArrayList<>();
        long numel = 1;
        json.expect('[');
        if (!json.consume(']')) {
            do {
                long d = json.readNonNegativeInteger("tensor " + UserText.quote(name) + ": shape entry");
                // Tensors hold at most 2^31-1 elements. Both factors are below 2^31 when
                // multiplied, so the product cannot wrap; the running product is checked as
                // Shape checks it.
                if (d > Shape.MAX_NUMEL) {
                    throw json.error("tensor " + UserText.quote(name) + ": shape entry " + d + " exceeds " + Shape.MAX_NUMEL);
                }
                numel *= d;
                if (numel > Shape.MAX_NUMEL) {
                    throw json.error("tensor " + UserText.quote(name) + ": shape has more than " + Shape.MAX_NUMEL
                            + " elements, the most a tensor holds");
                }
                if (dims.size() == MAX_RANK) {
                    throw json.error("tensor " + UserText.quote(name) + ": shape has more than " + MAX_RANK + " dims");
                }
                dims.add((int) d);
            } while (json.consume(','));
            json.expect(']');
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] readOffsets(JsonReader json, String name) throws SafeTensorsFormatException {
        String what = "tensor " + UserText.quote(name) + ": data offset";
        json.expect('[');
        long begin = json.readNonNegativeInteger(what);
        json.expect(',');
        long end = json.readNonNegativeInteger(what);
        json.expect(']');
        if (end < begin) {
            throw json.error("tensor " + UserText.quote(name) + ": data_offsets [" + begin + ", " + end + "] end before they begin");
        }
        return new long[] {begin, end};
    }

    /** Tensors must cover the buffer exactly: from byte 0, without gaps or overlaps, to its end. */
    private static void checkTiling(List<Entry> entries, long bufferSize) throws SafeTensorsFormatException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        for (Entry e : byOffset) {
            if (e.begin() != covered) {
                throw new SafeTensorsFormatException("safetensors: tensor " + UserText.quote(e.name()) + " starts at byte " + e.begin()
                        + " of the data buffer, expected " + covered + " ("
                        + (e.begin() < covered ? "overlaps the previous tensor" : "leaves a gap") + ")");
            }
            covered = e.end();
        }
        if (covered != bufferSize) {
            throw new SafeTensorsFormatException("safetensors: the tensors cover " + covered
                    + " bytes but the data buffer holds " + bufferSize
                    + (covered > bufferSize ? " (file truncated?)" : " (trailing bytes)"));
        }
    }

    // =====================================================================================
    // Writing
    // =====================================================================================

    /**
     * The header for {@code entries} (in order) and {@code metadata}, UTF-8, padded with spaces
     * so that the data buffer after the 8-byte length and the header starts at a multiple of 8
     * (as the reference implementation does, so readers can map the tensors aligned).
     */
    static byte[] encode(List<Entry> entries, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            sb.append(quote(METADATA_KEY)).append(":{");
            String sep = "";
            for (Map.Entry<String, String> m : metadata.entrySet()) {
                sb.append(sep).append(quote(m.getKey())).append(':').append(quote(m.getValue()));
                sep = ",";
            }
            sb.append('}');
        }
        for (Entry e : entries) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(e.name())).append(":{\"dtype\":\"").append(e.dtype().name()).append("\",\"shape\":[");
            for (int i = 0; i < e.shape().length; i++) {
                sb.append(i == 0 ? "" : ",").append(e.shape()[i]);
            }
            sb.append("],\"data_offsets\":[").append(e.begin()).append(',').append(e.end()).append("]}");
        }
        sb.append('}');
        byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (utf8.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(utf8, padded);
        Arrays.fill(out, utf8.length, padded, (byte) ' ');
        return out;
    }

    /** {@code s} as a JSON string literal: quotes, backslashes and control characters escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

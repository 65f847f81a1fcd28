package org.autodiff.nn.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * The tensors and metadata of a safetensors file, with the static methods that read and write
 * the format. The format (Hugging Face's {@code safetensors}) is: an 8-byte little-endian
 * unsigned header length {@code N}; {@code N} bytes of UTF-8 JSON mapping each tensor's name to
 * its {@code dtype} ({@code "F32"}, {@code "F64"}, {@code "I64"} or {@code "BOOL"}, each
 * written and read as the dtype of the same name; {@code "F16"} and {@code "BF16"} are read into
 * float32), {@code shape} and
 * {@code data_offsets} {@code [begin, end)} into the data buffer, plus an optional
 * {@code "__metadata__"} string-to-string map; then the data buffer, each tensor's elements
 * row-major and little-endian.
 *
 * <p>{@link #save} writes atomically: into a temporary file in the same directory, flushed to
 * disk, then renamed over the target, so a crash or an exception leaves any existing file as it
 * was. {@link #load} treats the file as untrusted: every size is checked against the file's
 * before anything is allocated, and any malformation is a {@link SafeTensorsFormatException}.
 *
 * <pre>{@code
 * SafeTensors.save(path, Map.of("w", w, "b", b), Map.of("epoch", "3"));
 * SafeTensors file = SafeTensors.load(path);
 * Tensor w = file.tensors().get("w");
 * }</pre>
 *
 * @param tensors the tensors by name, in the order of the file's header (unmodifiable)
 * @param metadata the {@code __metadata__} entries, in file order (unmodifiable)
 */
public record SafeTensors(Map<String, Tensor> tensors, Map<String, String> metadata) {
    /** The largest header accepted, as in the reference implementation: 100 MB. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /** Bytes converted per read or write call: bounds the temporary buffers for large tensors. */
    private static final int CHUNK_BYTES = 1 << 16;

    /** Keeps unmodifiable, order-preserving copies of both maps. */
    public SafeTensors {
        Objects.requireNonNull(metadata, "SafeTensors: metadata is null");
        Objects.requireNonNull(tensors, "SafeTensors: tensors is null");
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    // =====================================================================================
    // Writing
    // =====================================================================================

    /**
     * Writes {@code tensors} (in the map's iteration order) and {@code metadata} to {@code path},
     * atomically replacing any existing file. Names must be non-empty and not
     * {@code "__metadata__"}; names, keys and values must be valid Unicode (no lone surrogates).
     * Tensors are saved by value, without their autograd history.
     *
     * @throws IllegalArgumentException for a null or invalid name, tensor, key or value; the
     *     file system is then left untouched
     * @throws IOException if writing fails; an existing file at {@code path} is then unchanged
     */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(path, "path");
        Layout layout = layout(tensors, metadata);
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        // Not Files.createTempFile: its owner-only permissions would end up on the checkpoint.
        // CREATE_NEW gives the permissions any new file gets, and never opens someone else's.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        boolean moved = false;
        try {
            try (out) {
                write(layout, out);
                out.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** The bytes {@link #save} would write, for in-memory use; same checks. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Layout layout = layout(tensors, metadata);
        long size = 8 + layout.header.length + layout.dataBytes;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("SafeTensors.toBytes: " + size + " bytes do not fit in a byte array; use save");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        try {
            write(layout, new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) {
                    int n = src.remaining();
                    buffer.put(src);
                    return n;
                }

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException e) {
            throw new AssertionError("writing to memory cannot fail", e);
        }
        return buffer.array();
    }

    /** The validated header and the tensors in file order. */
    private record Layout(byte[] header, List<Tensor> tensors, long dataBytes) {
    }

    private static Layout layout(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        Map<String, String> meta = metadata == null ? Map.of() : metadata;
        List<SafeTensorsHeader.Entry> entries = new ArrayList<>();
        List<Tensor> values = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.isEmpty() || name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.save: invalid tensor name "
                        + (name == null ? "null" : "\"" + name + "\"") + " (names must be non-empty and not __metadata__)");
            }
            checkUnicode("tensor name", name);
            if (t == null) {
                throw new IllegalArgumentException("SafeTensors.save: tensor \"" + name + "\" is null");
            }
            SafeTensorsDType type = SafeTensorsDType.of(t.dtype());
            long bytes = (long) t.numel() * type.byteSize();
            entries.add(new SafeTensorsHeader.Entry(name, type, t.shape().dims(), offset, offset + bytes));
            values.add(t);
            offset += bytes;
        }
        for (Map.Entry<String, String> m : meta.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.save: metadata entry " + m.getKey() + " = " + m.getValue()
                        + " has a null key or value");
            }
            checkUnicode("metadata key", m.getKey());
            checkUnicode("metadata value of \"" + m.getKey() + "\"", m.getValue());
        }
        byte[] header = SafeTensorsHeader.encode(entries, meta);
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("SafeTensors.save: header of " + header.length + " bytes exceeds the "
                    + MAX_HEADER_BYTES + "-byte limit readers enforce");
        }
        return new Layout(header, values, offset);
    }

    private static void write(Layout layout, WritableByteChannel out) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(layout.header.length).flip();
        writeFully(out, length);
        writeFully(out, ByteBuffer.wrap(layout.header));
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : layout.tensors) {
            SafeTensorsDType type = SafeTensorsDType.of(t.dtype());
            int n = t.numel();
            int perChunk = CHUNK_BYTES / type.byteSize();
            Object storage = t.storage();
            for (int from = 0; from < n; from += perChunk) {
                int count = Math.min(perChunk, n - from);
                chunk.clear();
                type.encode(storage, from, count, chunk);
                chunk.limit(count * type.byteSize());
                writeFully(out, chunk);
            }
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private static void checkUnicode(String what, String s) {
        try {
            StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("SafeTensors.save: " + what + " \"" + s + "\" is not valid Unicode (lone surrogate)");
        }
    }

    /**
     * Flushes the directory entry of the renamed file, so the rename itself survives a power
     * loss. Possible on Linux and macOS; elsewhere (Windows) a directory cannot be opened, and the
     * rename is as durable as that file system makes it.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported on this platform; the data file itself was already forced.
        }
    }

    // =====================================================================================
    // Reading
    // =====================================================================================

    /**
     * Reads the safetensors file at {@code path}.
     *
     * @throws SafeTensorsFormatException if the file is not a well-formed safetensors file with
     *     F32, F64, I64, BOOL, F16 and BF16 tensors only
     * @throws IOException if reading fails
     */
    public static SafeTensors load(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            return read(new Source() {
                @Override
                public long size() throws IOException {
                    return in.size();
                }

                @Override
                public void readFully(long position, ByteBuffer dst) throws IOException {
                    while (dst.hasRemaining()) {
                        int n = in.read(dst, position);
                        if (n < 0) {
                            throw new EOFException("file ended at byte " + position);
                        }
                        position += n;
                    }
                }
            });
        } catch (EOFException e) {
            // The file shrank while it was being read.
            throw new SafeTensorsFormatException("safetensors: " + path + " is truncated: " + e.getMessage(), e);
        }
    }

    /** Reads a safetensors file held in memory; same checks as {@link #load}. */
    public static SafeTensors fromBytes(byte[] bytes) throws SafeTensorsFormatException {
        Objects.requireNonNull(bytes, "bytes");
        try {
            return read(new Source() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public void readFully(long position, ByteBuffer dst) {
                    // The header checks guarantee position + remaining <= size.
                    dst.put(bytes, (int) position, dst.remaining());
                }
            });
        } catch (SafeTensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("reading memory cannot fail", e);
        }
    }

    /** Random access to the bytes of a file or an array. */
    private interface Source {
        long size() throws IOException;

        void readFully(long position, ByteBuffer dst) throws IOException;
    }

    private static SafeTensors read(Source in) throws IOException {
        long size = in.size();
        if (size < 8) {
            throw new SafeTensorsFormatException("safetensors: " + size + " bytes is too short for the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(0, lengthBytes);
        long headerLength = lengthBytes.flip().getLong();
        // An unsigned length of 2^63 or more reads as negative here.
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new SafeTensorsFormatException("safetensors: header length " + Long.toUnsignedString(headerLength)
                    + " is outside 0.." + MAX_HEADER_BYTES);
        }
        if (headerLength > size - 8) {
            throw new SafeTensorsFormatException("safetensors: header length " + headerLength + " exceeds the "
                    + (size - 8) + " bytes after the length field");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        in.readFully(8, headerBytes);
        long dataStart = 8 + headerLength;
        SafeTensorsHeader header = SafeTensorsHeader.parse(headerBytes.array(), size - dataStart);

        // The header tiles the buffer exactly, so these reads stay within the file and allocate
        // no more than it holds.
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (SafeTensorsHeader.Entry e : header.entries) {
            int n = e.numel();
            int elementBytes = e.dtype().byteSize();
            Object storage = e.dtype().allocate(n);
            int perChunk = CHUNK_BYTES / elementBytes;
            for (int from = 0; from < n; from += perChunk) {
                int count = Math.min(perChunk, n - from);
                chunk.clear().limit(count * elementBytes);
                in.readFully(dataStart + e.begin() + (long) from * elementBytes, chunk);
                chunk.flip();
                try {
                    e.dtype().decode(chunk, storage, from, count);
                } catch (SafeTensorsFormatException bad) {
                    throw new SafeTensorsFormatException(bad.getMessage() + " (tensor \"" + e.name() + "\")");
                }
            }
            tensors.put(e.name(), Tensor.wrap(storage, Shape.of(e.shape())));
        }
        return new SafeTensors(tensors, header.metadata);
    }
}

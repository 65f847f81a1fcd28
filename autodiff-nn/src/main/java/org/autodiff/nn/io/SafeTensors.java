package org.autodiff.nn.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
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
import org.autodiff.core.TensorTooLargeException;

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
    /** The largest header accepted by default, as in the reference implementation: 100 MB (see {@link SafeTensorsLimits}). */
    public static final long MAX_HEADER_BYTES = SafeTensorsLimits.DEFAULT_MAX_HEADER_BYTES;

    /** Bytes converted per read or write call: bounds the temporary buffers for large tensors. */
    private static final int CHUNK_BYTES = 1 << 16;

    /**
     * Keeps unmodifiable, order-preserving copies of both maps.
     *
     * @param tensors the tensors by name
     * @param metadata the {@code __metadata__} entries
     */
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
     * @param path the file to write
     * @param tensors the tensors by name
     * @param metadata the {@code __metadata__} entries, or null for none
     * @throws IllegalArgumentException for a null or invalid name, tensor, key or value; the
     *     file system is then left untouched
     * @throws IOException if writing fails; an existing file at {@code path} is then unchanged
     */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(path, "SafeTensors.save: path is null");
        Layout layout = layout(tensors, metadata);
        Path target = path.toAbsolutePath();
        checkWritable(target);
        Path dir = target.getParent();
        removeStaleTemporaries(target);
        // Not Files.createTempFile: its owner-only permissions would end up on the checkpoint.
        // CREATE_NEW gives the permissions any new file gets, and never opens someone else's.
        Path tmp = dir.resolve(TEMPORARY_PREFIX.apply(target) + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + TEMPORARY_SUFFIX);
        FileChannel out;
        try {
            out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            // In the user's terms: the temporary file is ours, the path is theirs.
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        }
        boolean moved = false;
        try {
            try (out) {
                // Held until the file is renamed: a later save sees a locked temporary as another
                // writer's work in progress, and an unlocked one as left by a crash.
                FileLock lock = out.tryLock();
                write(layout, out);
                out.force(true);
                if (lock != null) {
                    lock.release();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IOException("cannot replace " + target + ": " + reason(e), e);
            }
            moved = true;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains(tmp.getFileName().toString())) {
                throw new IOException("cannot write " + target + ": " + reason(e), e);
            }
            throw e;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** The name of a save's temporary file starts with "." and the target's name, and ends with {@value #TEMPORARY_SUFFIX}. */
    private static final java.util.function.Function<Path, String> TEMPORARY_PREFIX = t -> "." + t.getFileName() + ".";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    /**
     * Refuses, before anything is written, the targets a direct write would fail on, with the
     * reason in the user's terms: a directory, a read-only file (renaming over it would replace
     * it silently), a parent that is a regular file or missing, a directory that cannot be
     * written.
     */
    private static void checkWritable(Path target) throws IOException {
        Path dir = target.getParent();
        if (dir == null) {
            throw new IOException("cannot write " + target + ": it has no parent directory");
        }
        if (Files.isDirectory(target)) {
            throw new IOException("cannot write " + target + ": it is a directory");
        }
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IOException("cannot write " + target + ": " + p + " is a file, not a directory");
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        if (Files.exists(target) && isReadOnly(target)) {
            throw new java.nio.file.AccessDeniedException(target.toString(), null,
                    "the file is read-only; refusing to replace it (make it writable or save elsewhere)");
        }
        if (!Files.isWritable(dir)) {
            throw new java.nio.file.AccessDeniedException(target.toString(), null, "directory " + dir + " is not writable");
        }
    }

    /**
     * Whether {@code file} is read-only: not writable to this process, or (where the file system
     * has POSIX permissions) without its owner's write bit, which a process running as root would
     * otherwise ignore.
     */
    private static boolean isReadOnly(Path file) throws IOException {
        if (!Files.isWritable(file)) {
            return true;
        }
        try {
            return !Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Deletes the temporaries that earlier saves of {@code target} left behind when their process
     * died (kill -9, power loss): each is named after the target, and none is locked, since a live
     * writer holds its temporary's lock until it renames it.
     */
    private static void removeStaleTemporaries(Path target) {
        String prefix = TEMPORARY_PREFIX.apply(target);
        try (java.nio.file.DirectoryStream<Path> stream = Files.newDirectoryStream(target.getParent(),
                p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && n.endsWith(TEMPORARY_SUFFIX)
                            && n.substring(prefix.length(), n.length() - TEMPORARY_SUFFIX.length()).matches("[0-9a-f]{1,16}");
                })) {
            for (Path stale : stream) {
                try (FileChannel c = FileChannel.open(stale, StandardOpenOption.WRITE)) {
                    FileLock lock = c.tryLock();
                    if (lock == null) {
                        continue;
                    }
                    Files.deleteIfExists(stale);
                    lock.release();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    // This JVM is writing it right now.
                } catch (IOException e) {
                    // Gone already, or not ours to delete: the save itself goes on.
                }
            }
        } catch (IOException e) {
            // An unlistable directory fails the save just below, with the user's path in the message.
        }
    }

    /** The reason in an I/O exception, without the name of the file it was about. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName();
    }

    /**
     * The bytes {@link #save} would write, for in-memory use; same checks.
     *
     * @param tensors the tensors by name
     * @param metadata the {@code __metadata__} entries, or null for none
     * @return the file's bytes
     */
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
                        + UserText.quote(name) + " (names must be non-empty and not __metadata__)");
            }
            checkUnicode("tensor name", name);
            if (t == null) {
                throw new IllegalArgumentException("SafeTensors.save: tensor " + UserText.quote(name) + " is null");
            }
            SafeTensorsDType type = SafeTensorsDType.of(t.dtype());
            long bytes = (long) t.numel() * type.byteSize();
            entries.add(new SafeTensorsHeader.Entry(name, type, t.shape().dims(), offset, offset + bytes));
            values.add(t);
            offset += bytes;
        }
        for (Map.Entry<String, String> m : meta.entrySet()) {
            if (m.getKey() == null || m.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.save: metadata entry " + UserText.quote(m.getKey()) + " = "
                        + UserText.quote(m.getValue()) + " has a null key or value");
            }
            checkUnicode("metadata key", m.getKey());
            checkUnicode("metadata value of " + UserText.quote(m.getKey()), m.getValue());
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
            throw new IllegalArgumentException("SafeTensors.save: " + what + " " + UserText.quote(s)
                    + " is not valid Unicode (lone surrogate)");
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
     * @param path the file
     * @return its tensors and metadata
     * @throws SafeTensorsFormatException if the file is not a well-formed safetensors file with
     *     F32, F64, I64, BOOL, F16 and BF16 tensors only
     * @throws IOException if reading fails
     */
    public static SafeTensors load(Path path) throws IOException {
        return load(path, SafeTensorsLimits.DEFAULT);
    }

    /**
     * Reads the safetensors file at {@code path}, refusing headers beyond {@code limits}.
     *
     * @param path the file
     * @param limits the largest header and the most tensors accepted
     * @return its tensors and metadata
     * @throws SafeTensorsFormatException if the file is not a well-formed safetensors file
     *     within the limits; the message starts with the path
     * @throws org.autodiff.core.TensorTooLargeException if its tensors could never fit the heap
     * @throws IOException if the path is a directory, missing, or unreadable (named in the message)
     */
    public static SafeTensors load(Path path, SafeTensorsLimits limits) throws IOException {
        Objects.requireNonNull(path, "SafeTensors.load: path is null");
        Objects.requireNonNull(limits, "SafeTensors.load: limits is null");
        if (Files.isDirectory(path)) {
            throw new IOException(path + " is a directory, not a safetensors file");
        }
        if (!Files.exists(path)) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such file");
        }
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
            }, limits);
        } catch (EOFException e) {
            // The file shrank while it was being read.
            throw new SafeTensorsFormatException(path + ": truncated: " + e.getMessage(), e);
        } catch (SafeTensorsFormatException e) {
            throw new SafeTensorsFormatException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a safetensors file held in memory; same checks as {@link #load}.
     *
     * @param bytes the file's bytes
     * @return its tensors and metadata
     * @throws SafeTensorsFormatException if the bytes are not a well-formed safetensors file
     */
    public static SafeTensors fromBytes(byte[] bytes) throws SafeTensorsFormatException {
        return fromBytes(bytes, SafeTensorsLimits.DEFAULT);
    }

    /**
     * Reads a safetensors file held in memory within {@code limits}; same checks as {@link #load}.
     *
     * @param bytes the file's bytes
     * @param limits the largest header and the most tensors accepted
     * @return its tensors and metadata
     * @throws SafeTensorsFormatException if the bytes are not a well-formed safetensors file within the limits
     */
    public static SafeTensors fromBytes(byte[] bytes, SafeTensorsLimits limits) throws SafeTensorsFormatException {
        Objects.requireNonNull(bytes, "SafeTensors.fromBytes: bytes is null");
        Objects.requireNonNull(limits, "SafeTensors.fromBytes: limits is null");
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
            }, limits);
        } catch (SafeTensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("reading memory cannot fail", e);
        }
    }

    /** The first bytes of a file in hex, for a message about what it might be. */
    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    /** Random access to the bytes of a file or an array. */
    private interface Source {
        long size() throws IOException;

        void readFully(long position, ByteBuffer dst) throws IOException;
    }

    private static SafeTensors read(Source in, SafeTensorsLimits limits) throws IOException {
        long size = in.size();
        if (size < 8) {
            throw new SafeTensorsFormatException("not a safetensors file: " + size
                    + " bytes is too short for the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(0, lengthBytes);
        long headerLength = lengthBytes.flip().getLong();
        // An unsigned length of 2^63 or more reads as negative here. Other formats' magic numbers
        // (PNG, ZIP, a pickle) read as absurd lengths, so say what the file is not.
        if (headerLength < 2 || headerLength > limits.maxHeaderBytes()) {
            throw new SafeTensorsFormatException("not a safetensors file: header length " + Long.toUnsignedString(headerLength)
                    + " is outside 2.." + limits.maxHeaderBytes() + " (first bytes " + hex(lengthBytes.array()) + ")");
        }
        if (headerLength > size - 8) {
            throw new SafeTensorsFormatException("not a safetensors file, or truncated: header length " + headerLength
                    + " exceeds the " + (size - 8) + " bytes after the length field");
        }
        ByteBuffer first = ByteBuffer.allocate(1);
        in.readFully(8, first);
        if (first.get(0) != '{') {
            throw new SafeTensorsFormatException("not a safetensors file: the header does not start with '{' (first bytes "
                    + hex(lengthBytes.array()) + ")");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        in.readFully(8, headerBytes);
        long dataStart = 8 + headerLength;
        SafeTensorsHeader header = SafeTensorsHeader.parse(headerBytes.array(), size - dataStart, limits.maxTensors());
        headerBytes = null;
        long needed = 0;
        for (SafeTensorsHeader.Entry e : header.entries) {
            needed = Shape.add(needed, Shape.multiply(e.numel(), e.dtype().tensorType().byteSize()));
        }
        // F16 and BF16 double in size as float32: a file that fits on disk may not fit the heap.
        if (needed > Runtime.getRuntime().maxMemory()) {
            throw new TensorTooLargeException("SafeTensors.load: the file's " + header.entries.size() + " tensors need "
                    + needed + " bytes, more than the Java heap's maximum of " + Runtime.getRuntime().maxMemory()
                    + " bytes (-Xmx)");
        }

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
                    throw new SafeTensorsFormatException(bad.getMessage() + " (tensor " + UserText.quote(e.name()) + ")");
                }
            }
            tensors.put(e.name(), Tensor.wrap(storage, Shape.of(e.shape())));
        }
        return new SafeTensors(tensors, header.metadata);
    }
}

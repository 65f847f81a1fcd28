package org.autodiff.nn.io;

/**
 * How much of an untrusted safetensors file the reader accepts, so that the memory a load takes
 * stays a small multiple of what the caller expects. The header's bytes are held once while it is
 * parsed (strings are decoded as they are read), and each tensor costs a few hundred bytes of
 * bookkeeping beside its data, so the two limits below bound the memory of parsing a header; the
 * data itself is read only after the header is checked against the file's size, and a file whose
 * tensors cannot fit the heap is refused before anything is allocated.
 *
 * <p>The defaults come from system properties, so a deployment sets them without code:
 * {@value #MAX_HEADER_BYTES_PROPERTY} (default {@value #DEFAULT_MAX_HEADER_BYTES}, the reference
 * implementation's limit) and {@value #MAX_TENSORS_PROPERTY} (default
 * {@value #DEFAULT_MAX_TENSORS}).
 *
 * @param maxHeaderBytes the largest header accepted, in bytes (positive)
 * @param maxTensors the most tensors a header may declare (positive)
 */
public record SafeTensorsLimits(long maxHeaderBytes, int maxTensors) {
    /** System property that overrides {@link #DEFAULT}'s header limit. */
    public static final String MAX_HEADER_BYTES_PROPERTY = "autodiff.safetensors.maxHeaderBytes";
    /** System property that overrides {@link #DEFAULT}'s tensor count limit. */
    public static final String MAX_TENSORS_PROPERTY = "autodiff.safetensors.maxTensors";
    /** The header limit without the property: 100 MB, as the reference implementation. */
    public static final long DEFAULT_MAX_HEADER_BYTES = 100_000_000L;
    /** The tensor count limit without the property: far above any model's, far below what a 100 MB header could declare. */
    public static final int DEFAULT_MAX_TENSORS = 100_000;

    /** The limits {@link SafeTensors#load(java.nio.file.Path)} applies: the defaults, or the system properties' values. */
    public static final SafeTensorsLimits DEFAULT = new SafeTensorsLimits(
            Long.getLong(MAX_HEADER_BYTES_PROPERTY, DEFAULT_MAX_HEADER_BYTES),
            Integer.getInteger(MAX_TENSORS_PROPERTY, DEFAULT_MAX_TENSORS));

    /**
     * Checks that both limits are positive.
     *
     * @param maxHeaderBytes the largest header accepted, in bytes
     * @param maxTensors the most tensors a file may declare
     */
    public SafeTensorsLimits {
        if (maxHeaderBytes <= 0 || maxTensors <= 0) {
            throw new IllegalArgumentException("SafeTensorsLimits: limits must be positive, got maxHeaderBytes="
                    + maxHeaderBytes + ", maxTensors=" + maxTensors);
        }
    }
}

package org.autodiff.core;

/**
 * An op was asked for a tensor that cannot exist here: more elements than a Java array holds
 * ({@link Shape#MAX_NUMEL}), sizes whose arithmetic overflows, or more bytes than the heap can
 * ever hold ({@code -Xmx}). Thrown before anything is allocated, in place of an
 * {@link OutOfMemoryError} or a wrapped-around size; the message names the op and the sizes.
 * It is an {@link IllegalArgumentException}: the arguments ask for the impossible.
 */
public class TensorTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given description.
     *
     * @param message what was asked for and the limit it passes
     */
    public TensorTooLargeException(String message) {
        super(message);
    }
}

package org.autodiff.nn.io;

import java.io.IOException;

/**
 * A file (or byte array) that is not a well-formed safetensors file: a bad header length, a header
 * that is not the expected JSON, an unsupported dtype, offsets that do not match the shapes or do
 * not exactly cover the data, or data cut short. The message says what is wrong and where.
 */
public class SafeTensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given description.
     *
     * @param message what is wrong and where
     */
    public SafeTensorsFormatException(String message) {
        super(message);
    }

    /**
     * An exception with the given description and cause.
     *
     * @param message what is wrong and where
     * @param cause the error that revealed it
     */
    public SafeTensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.autodiff.core;

import java.util.Arrays;

/**
 * Thrown in {@linkplain AnomalyMode anomaly mode} when an op makes the first NaN or ±infinity:
 * names the op, where it was created, the input concerned and the offending element.
 */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final transient StackTraceElement creationSite;
    private final boolean inBackward;
    private final int inputIndex;
    private final int[] element;
    private final double value;

    AnomalyException(String message, String op, StackTraceElement creationSite, boolean inBackward, int inputIndex,
                     int[] element, double value) {
        super(message);
        this.op = op;
        this.creationSite = creationSite;
        this.inBackward = inBackward;
        this.inputIndex = inputIndex;
        this.element = element.clone();
        this.value = value;
    }

    /**
     * The op that made the value.
     *
     * @return its name, as {@link Primitive#name()} gives it
     */
    public String op() {
        return op;
    }

    /**
     * Where the op was created: the first stack frame outside org.autodiff and the JDK when it
     * was applied (the library's own test classes count as outside).
     *
     * @return the frame, or null when every frame was inside the library
     */
    public StackTraceElement creationSite() {
        return creationSite;
    }

    /**
     * Whether the value was made by the op's backward rule rather than its forward computation.
     *
     * @return true for a gradient, false for the op's output
     */
    public boolean inBackward() {
        return inBackward;
    }

    /**
     * The input concerned.
     *
     * @return in backward, the input whose gradient is not finite (−1 when the gradient arriving
     *         at the op was already not finite: a hook or the seed made it); in forward, −1, the
     *         message then giving every input's element at the offending position
     */
    public int inputIndex() {
        return inputIndex;
    }

    /**
     * The offending element's index.
     *
     * @return one index per dimension of the tensor that holds it (the output in forward, the
     *         input's gradient in backward)
     */
    public int[] element() {
        return element.clone();
    }

    /**
     * The offending value.
     *
     * @return NaN, or positive or negative infinity
     */
    public double value() {
        return value;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + getMessage() + " [op " + op + ", element " + Arrays.toString(element) + "]";
    }
}

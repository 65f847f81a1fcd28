package org.autodiff.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A bad input to an op and what it must raise: an exception of {@code expected}'s type whose
 * message holds every one of {@code fragments} (the op's name, the argument, the shapes), never a
 * raw NullPointerException, ArrayIndexOutOfBoundsException or a silent wrong answer.
 *
 * @param description what is wrong with the input, e.g. "shapes [2, 3] and [4] do not broadcast"
 * @param call the call that must raise
 * @param expected the exception type it must raise (or a subclass)
 * @param fragments text the message must contain
 */
public record ErrorInput(String description, Runnable call, Class<? extends RuntimeException> expected,
                         List<String> fragments) {
    /**
     * Checks the components.
     *
     * @param description what is wrong with the input
     * @param call the call that must raise
     * @param expected the exception type it must raise
     * @param fragments text the message must contain
     */
    public ErrorInput {
        Objects.requireNonNull(description, "ErrorInput: description");
        Objects.requireNonNull(call, "ErrorInput: call");
        Objects.requireNonNull(expected, "ErrorInput: expected");
        fragments = List.copyOf(fragments);
    }

    /**
     * An error input.
     *
     * @param description what is wrong with the input
     * @param expected the exception type it must raise
     * @param call the call that must raise
     * @param fragments text the message must contain
     * @return the error input
     */
    public static ErrorInput of(String description, Class<? extends RuntimeException> expected, Runnable call,
                                String... fragments) {
        return new ErrorInput(description, call, expected, List.of(fragments));
    }

    @Override
    public String toString() {
        return description + " -> " + expected.getSimpleName() + " mentioning " + fragments;
    }
}

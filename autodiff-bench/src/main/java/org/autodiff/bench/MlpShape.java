package org.autodiff.bench;

import java.util.Arrays;

/**
 * An MLP benchmark configuration written as a JMH parameter, {@code "784-256-10/256"}: layer
 * widths joined by dashes, then the batch size. Shared by autodiff's and the peers' MLP benchmarks.
 */
public record MlpShape(int[] widths, int batch) {

    /** Parses {@code "784-256-256-10/128"}. */
    public static MlpShape parse(String text) {
        String[] parts = text.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("MLP shape: expected widths/batch such as 784-256-10/256, got " + text);
        }
        int[] widths = Arrays.stream(parts[0].split("-")).mapToInt(Integer::parseInt).toArray();
        return new MlpShape(widths, Integer.parseInt(parts[1]));
    }

    /** Width of the input layer. */
    public int inputs() {
        return widths[0];
    }

    /** Width of the output layer. */
    public int classes() {
        return widths[widths.length - 1];
    }
}

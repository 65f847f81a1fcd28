package org.autodiff.nn;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.Tensor;

/** Flattens dims {@code startDim..endDim} into one, like PyTorch's {@code nn.Flatten} (default 1..−1: keep the batch dim). */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Flattens everything but the batch dim. */
    public Flatten() {
        this(1, -1);
    }

    /**
     * Flattens dims {@code startDim..endDim} (negative counts from the end).
     *
     * @param startDim the first dim to flatten
     * @param endDim the last dim to flatten
     */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Flatten.forward: input is null");
        int[] dims = input.shape().dims();
        int start = startDim < 0 ? startDim + dims.length : startDim;
        int end = endDim < 0 ? endDim + dims.length : endDim;
        if (start < 0 || end >= dims.length || start > end) {
            throw new IllegalArgumentException("Flatten: dims " + startDim + ".." + endDim + " do not fit input of shape "
                    + input.shape());
        }
        int[] out = new int[dims.length - (end - start)];
        System.arraycopy(dims, 0, out, 0, start);
        out[start] = Arrays.stream(dims, start, end + 1).reduce(1, (a, b) -> a * b);
        System.arraycopy(dims, end + 1, out, start + 1, dims.length - end - 1);
        return input.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "startDim=" + startDim + ", endDim=" + endDim;
    }
}

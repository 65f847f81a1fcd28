package org.autodiff.nn.loss;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** How a loss combines its per-element values, as PyTorch's {@code reduction} argument. */
public enum Reduction {
    /** The mean over all elements (PyTorch's default). */
    MEAN,
    /** The sum over all elements. */
    SUM,
    /** No reduction: the per-element losses. */
    NONE,
    /**
     * The sum divided by the batch size (the input's first dimension), PyTorch's {@code 'batchmean'}:
     * only {@link Losses#klDiv} takes it, as only {@code F.kl_div} does in PyTorch.
     */
    BATCH_MEAN;

    /**
     * Applies this reduction to per-element losses.
     *
     * @param losses the per-element losses
     * @return their mean, their sum, or themselves
     * @throws IllegalArgumentException for {@link #BATCH_MEAN}, which only {@link Losses#klDiv} takes
     */
    public Tensor apply(Tensor losses) {
        Objects.requireNonNull(losses, "Reduction.apply: losses is null");
        return switch (this) {
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case NONE -> losses;
            case BATCH_MEAN -> throw new IllegalArgumentException("reduction BATCH_MEAN ('batchmean') applies only to klDiv; "
                    + "use MEAN, SUM or NONE (losses of shape " + losses.shape() + ")");
        };
    }
}

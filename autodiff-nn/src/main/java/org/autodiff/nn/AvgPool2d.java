package org.autodiff.nn;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.autodiff.core.Tensor;

/**
 * 2-d average pooling over [N, C, H, W] (or unbatched [C, H, W]) input, like PyTorch's
 * {@code nn.AvgPool2d} with square windows and {@code ceil_mode=False}. With
 * {@code countIncludePad} (the default) padding zeros count in each window's average; without it
 * only the input's elements do; a {@code divisorOverride} divides each window's sum by that number
 * instead.
 */
public final class AvgPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final boolean countIncludePad;
    private final Integer divisorOverride;

    /**
     * Windows of {@code kernelSize}, stride equal to the kernel size (PyTorch's default), no padding.
     *
     * @param kernelSize the window's side
     */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0, true, null);
    }

    /**
     * Windows with the options of {@code nn.AvgPool2d}.
     *
     * @param kernelSize the window's side (positive)
     * @param stride the step between windows (positive)
     * @param padding zeros added on each side (at most half the kernel)
     * @param countIncludePad whether padding zeros count in the average
     * @param divisorOverride the divisor of each window's sum instead of its size, or null
     */
    public AvgPool2d(int kernelSize, int stride, int padding, boolean countIncludePad, Integer divisorOverride) {
        if (kernelSize <= 0 || stride <= 0 || padding < 0 || padding > kernelSize / 2
                || (divisorOverride != null && divisorOverride <= 0)) {
            throw new IllegalArgumentException("AvgPool2d: invalid kernel=" + kernelSize + ", stride=" + stride
                    + ", padding=" + padding + ", divisorOverride=" + divisorOverride
                    + " (padding must be at most half the kernel, the divisor positive)");
        }
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "AvgPool2d.forward: input is null");
        return poolImages("AvgPool2d", input, kernelSize - 2 * padding, kernelSize - 2 * padding, x -> {
            Tensor average = x.avgPool2d(kernelSize, stride, padding);
            if (divisorOverride != null) {
                return average.mul((double) kernelSize * kernelSize / divisorOverride);
            }
            if (countIncludePad || padding == 0) {
                return average;
            }
            // The share of each window that lies on the input: its average over a map of ones.
            Tensor onInput = Tensor.ones(x.dtype(), 1, 1, x.size(2), x.size(3)).avgPool2d(kernelSize, stride, padding);
            return average.div(onInput);
        });
    }

    /**
     * Applies {@code pool} to [N, C, H, W] input, or to unbatched [C, H, W] input as a batch of one.
     *
     * @throws IllegalArgumentException naming {@code layer} and the input's shape if it is neither
     *     or smaller than {@code minHeight} × {@code minWidth}
     */
    static Tensor poolImages(String layer, Tensor input, int minHeight, int minWidth, UnaryOperator<Tensor> pool) {
        int d = input.dim();
        if ((d != 3 && d != 4) || input.size(d - 3) == 0 || input.size(d - 2) < Math.max(minHeight, 1)
                || input.size(d - 1) < Math.max(minWidth, 1)) {
            throw new IllegalArgumentException(layer + ": input of shape " + input.shape() + " must be [N, C, H, W] or "
                    + "[C, H, W] with C ≥ 1, H ≥ " + Math.max(minHeight, 1) + " and W ≥ " + Math.max(minWidth, 1));
        }
        return d == 3 ? pool.apply(input.unsqueeze(0)).squeeze(0) : pool.apply(input);
    }

    @Override
    protected String extraRepr() {
        return "kernelSize=" + kernelSize + ", stride=" + stride + ", padding=" + padding
                + (countIncludePad ? "" : ", countIncludePad=false")
                + (divisorOverride == null ? "" : ", divisorOverride=" + divisorOverride);
    }
}

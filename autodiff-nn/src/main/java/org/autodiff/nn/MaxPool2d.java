package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/** 2-d max pooling over NCHW input, like PyTorch's {@code nn.MaxPool2d} (square windows). */
public final class MaxPool2d extends Module {
    private final int kernelSize;
    private final int stride;
    private final int padding;

    /**
     * Windows of {@code kernelSize}, stride equal to the kernel size (PyTorch's default), no padding.
     *
     * @param kernelSize the window's height and width
     */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize, 0);
    }

    /**
     * Windows of {@code kernelSize} with the given stride and padding.
     *
     * @param kernelSize the window's height and width
     * @param stride the step between windows
     * @param padding the padding on every side, at most half the kernel size
     */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        if (kernelSize <= 0 || stride <= 0 || padding < 0 || padding > kernelSize / 2) {
            throw new IllegalArgumentException("MaxPool2d: invalid kernel=" + kernelSize + ", stride=" + stride
                    + ", padding=" + padding + " (padding must be at most half the kernel)");
        }
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "MaxPool2d.forward: input is null");
        return input.maxPool2d(kernelSize, stride, padding);
    }

    @Override
    protected String extraRepr() {
        return "kernelSize=" + kernelSize + ", stride=" + stride + ", padding=" + padding;
    }
}

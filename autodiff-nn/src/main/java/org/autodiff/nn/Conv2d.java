package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A 2-d convolution over NCHW input, like PyTorch's {@code nn.Conv2d} with square kernels:
 * weight of shape [out, in/groups, k, k], bias of shape [out].
 *
 * <p>Initialised as PyTorch does, with fanIn = in/groups·k²: weight by
 * {@code kaiming_uniform_(a=√5)}, i.e. U(−1/√fanIn, 1/√fanIn), then bias from the same range.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernelSize;
    private final int stride;
    private final int padding;
    private final int dilation;
    private final int groups;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A float32 convolution with stride 1, no padding and bias, from the global generator.
     *
     * @param inChannels the number of input channels
     * @param outChannels the number of output channels
     * @param kernelSize the kernel's height and width
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, DType.FLOAT32, Generator.global());
    }

    /**
     * A convolution with every option of {@code nn.Conv2d} (square kernel, equal stride/padding/dilation in
     *     both dims).
     *
     * @param inChannels the number of input channels, divisible by {@code groups}
     * @param outChannels the number of output channels, divisible by {@code groups}
     * @param kernelSize the kernel's height and width
     * @param stride the step between kernel positions, at least 1
     * @param padding the zeros added on every side of the input, at least 0
     * @param dilation the spacing between kernel elements, at least 1
     * @param groups the number of groups the channels are split into, each convolved separately
     * @param bias whether to add a learnable bias
     * @param dtype the parameters' dtype
     * @param generator the random source of the initial weights
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
            boolean bias, DType dtype, Generator generator) {
        Objects.requireNonNull(generator, "Conv2d: generator is null");
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0 || dilation <= 0
                || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv2d: invalid arguments in=" + inChannels + ", out=" + outChannels
                    + ", kernel=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                    + ", groups=" + groups + " (channels must be divisible by groups)");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.groups = groups;
        this.weight = registerParameter("weight", Init.defaultWeight(
                Tensor.empty(dtype, Shape.of(outChannels, inChannels / groups, kernelSize, kernelSize)), generator));
        this.bias = bias ? registerParameter("bias",
                Init.defaultBias(Tensor.empty(dtype, Shape.of(outChannels)), weight, generator)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Conv2d.forward: input is null");
        if (input.dim() != 4 || input.size(1) != inChannels) {
            throw new IllegalArgumentException("Conv2d: input of shape " + input.shape() + " must be [N, " + inChannels
                    + ", H, W]");
        }
        return input.conv2d(weight, bias, stride, padding, dilation, groups);
    }

    /**
     * The weight, shape [out, in/groups, k, k].
     *
     * @return the weight parameter
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias, shape [out], or null.
     *
     * @return the bias parameter, or null without bias
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernelSize=" + kernelSize + ", stride=" + stride + ", padding=" + padding
                + (dilation != 1 ? ", dilation=" + dilation : "") + (groups != 1 ? ", groups=" + groups : "")
                + (bias == null ? ", bias=false" : "");
    }
}

package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A 1-d convolution over [N, C, L] (or unbatched [C, L]) input, like PyTorch's {@code nn.Conv1d}
 * with zero padding: weight of shape [out, in/groups, k], bias of shape [out].
 *
 * <p>Initialised as PyTorch does, with fanIn = in/groups·k: weight by
 * {@code kaiming_uniform_(a=√5)}, i.e. U(−1/√fanIn, 1/√fanIn), then bias from the same range.
 *
 * <p>Composed from existing ops: the sequence is zero-padded along its length, viewed as an image
 * of height 1 and convolved by {@code conv2d} with a kernel of height 1, so gradients, forward mode
 * and grad-of-grad come from those ops' rules.
 */
public final class Conv1d extends Module {
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
     * A float32 convolution with stride 1, no padding and a bias, from the global generator.
     *
     * @param inChannels input channels
     * @param outChannels output channels
     * @param kernelSize the kernel's length
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 1, 1, true, DType.FLOAT32, Generator.global());
    }

    /**
     * A convolution with the options of {@code nn.Conv1d} (zero padding).
     *
     * @param inChannels input channels (positive, divisible by {@code groups})
     * @param outChannels output channels (positive, divisible by {@code groups})
     * @param kernelSize the kernel's length (positive)
     * @param stride the step between windows (positive)
     * @param padding zeros added at both ends (non-negative)
     * @param dilation the spacing of kernel taps (positive)
     * @param groups the number of channel groups (positive)
     * @param bias whether there is a bias
     * @param dtype the parameters' dtype
     * @param generator the generator the parameters are drawn from
     */
    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int dilation, int groups,
            boolean bias, DType dtype, Generator generator) {
        Objects.requireNonNull(generator, "Conv1d: generator is null");
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0 || dilation <= 0
                || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("Conv1d: invalid arguments in=" + inChannels + ", out=" + outChannels
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
                Tensor.empty(dtype, Shape.of(outChannels, inChannels / groups, kernelSize)), generator));
        this.bias = bias ? registerParameter("bias",
                Init.defaultBias(Tensor.empty(dtype, Shape.of(outChannels)), weight, generator)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Conv1d.forward: input is null");
        boolean unbatched = input.dim() == 2;
        if (!(unbatched || input.dim() == 3) || input.size(input.dim() - 2) != inChannels) {
            throw new IllegalArgumentException("Conv1d: input of shape " + input.shape() + " must be [N, " + inChannels
                    + ", L] or [" + inChannels + ", L]");
        }
        int length = input.size(input.dim() - 1);
        // In long: a large dilation or padding passes 2^31.
        long span = (long) dilation * (kernelSize - 1) + 1;
        if (length + 2L * padding < span) {
            throw new IllegalArgumentException("Conv1d: input of shape " + input.shape() + " has length " + length
                    + ", shorter than the kernel's span " + span + " (kernel " + kernelSize + ", dilation " + dilation
                    + ") with padding " + padding + " at each end");
        }
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        if (padding > 0) {
            x = x.pad(new int[] {padding, padding}, 0);
        }
        Tensor y = x.unsqueeze(2).conv2d(weight.unsqueeze(2), bias, stride, 0, dilation, groups).squeeze(2);
        return unbatched ? y.squeeze(0) : y;
    }

    /**
     * The weight.
     *
     * @return the weight, shape [out, in/groups, k]
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias.
     *
     * @return the bias, shape [out], or null
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

package org.autodiff.nn;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/**
 * Group normalisation, like PyTorch's {@code nn.GroupNorm}: the channels of an input [N, C, *]
 * fall into {@code numGroups} groups of consecutive channels; each sample's group is normalised
 * over its channels and positions with the biased variance, {@code (x − E[x]) / √(Var[x] + ε)},
 * and then scaled and shifted per channel by {@code weight} (ones) and {@code bias} (zeros), both
 * of shape [C], when {@code affine}.
 */
public final class GroupNorm extends Module {
    private final int numGroups;
    private final int numChannels;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A float32 group norm with ε = 1e-5 and a per-channel weight and bias, as {@code nn.GroupNorm(g, c)}.
     *
     * @param numGroups the number of groups
     * @param numChannels the number of channels C, divisible by {@code numGroups}
     */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, 1e-5, true, DType.FLOAT32);
    }

    /**
     * A group norm with every option of {@code nn.GroupNorm}.
     *
     * @param numGroups the number of groups (positive)
     * @param numChannels the number of channels C (positive, divisible by {@code numGroups})
     * @param eps added to the variance (finite, non-negative)
     * @param affine whether there is a learnable per-channel weight and bias
     * @param dtype the parameters' dtype
     */
    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine, DType dtype) {
        if (numGroups <= 0 || numChannels <= 0 || numChannels % numGroups != 0 || !(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("GroupNorm: numChannels must be divisible by numGroups (both positive) and "
                    + "eps finite and non-negative, got numGroups=" + numGroups + ", numChannels=" + numChannels + ", eps=" + eps);
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = eps;
        this.weight = affine ? registerParameter("weight", Tensor.ones(dtype, numChannels)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numChannels)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "GroupNorm.forward: input is null");
        if (input.dim() < 2 || input.size(1) != numChannels) {
            throw new IllegalArgumentException("GroupNorm: input of shape " + input.shape() + " must be [N, " + numChannels
                    + ", *]");
        }
        int[] dims = input.shape().dims();
        Tensor grouped = input.reshape(dims[0], numGroups, -1);
        Tensor centered = grouped.sub(grouped.mean(2, true));
        Tensor variance = centered.square().mean(2, true);
        Tensor y = centered.div(variance.add(eps).sqrt()).reshape(dims);
        if (weight == null) {
            return y;
        }
        int[] perChannel = new int[dims.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = numChannels;
        return y.mul(weight.reshape(perChannel)).add(bias.reshape(perChannel));
    }

    /**
     * The per-channel weight, shape [C].
     *
     * @return the weight, or null without affine
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The per-channel bias, shape [C].
     *
     * @return the bias, or null without affine
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + eps + ", affine=" + (weight != null);
    }
}

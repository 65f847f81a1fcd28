package org.autodiff.nn;

import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/**
 * Root-mean-square normalisation, like PyTorch's {@code nn.RMSNorm} (PyTorch 2.4): over the last
 * dimensions of the input, given by {@code normalizedShape},
 * {@code y = x / √(mean(x²) + ε) · weight}. Without an explicit ε it uses the machine epsilon of
 * the input's dtype ({@code torch.finfo(x.dtype).eps}), as PyTorch's {@code eps=None}. The weight
 * (ones, shape {@code normalizedShape}) exists when {@code elementwiseAffine}; there is no bias.
 */
public final class RMSNorm extends Module {
    /** {@code torch.finfo(torch.float32).eps}, 2⁻²³. */
    private static final double FLOAT32_EPS = Math.ulp(1.0f);
    /** {@code torch.finfo(torch.float64).eps}, 2⁻⁵². */
    private static final double FLOAT64_EPS = Math.ulp(1.0);

    private final int[] normalizedShape;
    private final Double eps;
    private final Tensor weight;

    /**
     * A float32 RMS norm with the default ε and a weight, as {@code nn.RMSNorm(shape)}.
     *
     * @param normalizedShape the trailing dimensions to normalise over
     */
    public RMSNorm(int... normalizedShape) {
        this(normalizedShape, null, true, DType.FLOAT32);
    }

    /**
     * An RMS norm with every option of {@code nn.RMSNorm}.
     *
     * @param normalizedShape the trailing dimensions to normalise over (non-empty, positive sizes)
     * @param eps added to the mean square, or null for the machine epsilon of the input's dtype
     * @param elementwiseAffine whether there is a learnable weight
     * @param dtype the weight's dtype
     */
    public RMSNorm(int[] normalizedShape, Double eps, boolean elementwiseAffine, DType dtype) {
        this.normalizedShape = LayerNorm.checkNormalizedShape("RMSNorm", normalizedShape);
        if (eps != null && (!(eps >= 0) || eps.isInfinite())) {
            throw new IllegalArgumentException("RMSNorm: eps must be finite and non-negative (or null), got eps=" + eps);
        }
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", Tensor.ones(dtype, normalizedShape)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] reduce = LayerNorm.trailingDims("RMSNorm", input, normalizedShape);
        double e = eps != null ? eps : input.dtype() == DType.FLOAT64 ? FLOAT64_EPS : FLOAT32_EPS;
        Tensor y = input.div(input.square().mean(reduce, true).add(e).sqrt());
        return weight != null ? y.mul(weight) : y;
    }

    /**
     * The weight, shape {@code normalizedShape}.
     *
     * @return the weight, or null without elementwise affine
     */
    public Tensor weight() {
        return weight;
    }

    @Override
    protected String extraRepr() {
        return LayerNorm.tuple(normalizedShape) + ", eps=" + (eps == null ? "None" : eps) + ", elementwiseAffine="
                + (weight != null);
    }
}

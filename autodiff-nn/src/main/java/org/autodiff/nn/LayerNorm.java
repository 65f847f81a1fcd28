package org.autodiff.nn;

import java.util.Arrays;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.autodiff.core.ops.Normalization;

/**
 * Layer normalisation, like PyTorch's {@code nn.LayerNorm}: over the last dimensions of the input,
 * given by {@code normalizedShape}, {@code y = (x − E[x]) / √(Var[x] + ε) · weight + bias}, with the
 * biased variance (divided by the number of elements, as PyTorch). {@code weight} (ones) and
 * {@code bias} (zeros) have shape {@code normalizedShape} and exist when
 * {@code elementwiseAffine}; the bias can be left out as in later PyTorch ({@code bias=False}).
 *
 * <p>{@link Normalization#layerNorm}: the normalisation is one op with one kernel each way, whose
 * rules are differentiable ops, so reverse mode, forward mode and grad-of-grad all go through it.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    private final double eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A float32 layer norm with ε = 1e-5, a weight and a bias, as {@code nn.LayerNorm(shape)}.
     *
     * @param normalizedShape the trailing dimensions to normalise over
     */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true, true, DType.FLOAT32);
    }

    /**
     * A layer norm with every option of {@code nn.LayerNorm}.
     *
     * @param normalizedShape the trailing dimensions to normalise over (non-empty, positive sizes)
     * @param eps added to the variance for stability (non-negative)
     * @param elementwiseAffine whether there is a learnable weight (and bias)
     * @param bias whether there is a learnable bias (only with {@code elementwiseAffine})
     * @param dtype the parameters' dtype
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, boolean bias, DType dtype) {
        this.normalizedShape = checkNormalizedShape("LayerNorm", normalizedShape);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps must be finite and non-negative, got eps=" + eps);
        }
        this.eps = eps;
        this.weight = elementwiseAffine ? registerParameter("weight", Tensor.ones(dtype, normalizedShape)) : null;
        this.bias = elementwiseAffine && bias ? registerParameter("bias", Tensor.zeros(dtype, normalizedShape)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        trailingDims("LayerNorm", input, normalizedShape);
        return Normalization.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    /**
     * The dims of {@code input} that {@code normalizedShape} covers (its last ones), for the layers
     * that normalise over trailing dims.
     *
     * @throws IllegalArgumentException naming {@code layer} and the shapes if the input does not end in {@code normalizedShape}
     */
    static int[] trailingDims(String layer, Tensor input, int[] normalizedShape) {
        int d = normalizedShape.length;
        int[] dims = input.shape().dims();
        if (dims.length < d || !Arrays.equals(Arrays.copyOfRange(dims, dims.length - d, dims.length), normalizedShape)) {
            throw new IllegalArgumentException(layer + ": input of shape " + input.shape() + " must end in normalizedShape "
                    + Arrays.toString(normalizedShape));
        }
        int[] reduce = new int[d];
        for (int i = 0; i < d; i++) {
            reduce[i] = dims.length - d + i;
        }
        return reduce;
    }

    /**
     * Checks a normalized shape (non-empty, positive sizes) and returns a copy.
     *
     * @throws IllegalArgumentException naming {@code layer} otherwise
     */
    static int[] checkNormalizedShape(String layer, int[] normalizedShape) {
        if (normalizedShape == null || normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException(layer + ": normalizedShape must be non-empty with positive sizes, got "
                    + Arrays.toString(normalizedShape));
        }
        return normalizedShape.clone();
    }

    /** The shape as PyTorch prints a tuple, {@code (2, 3)}. */
    static String tuple(int[] shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }

    /**
     * The weight, shape {@code normalizedShape}.
     *
     * @return the weight, or null without elementwise affine
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias, shape {@code normalizedShape}.
     *
     * @return the bias, or null without one
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return tuple(normalizedShape) + ", eps=" + eps
                + ", elementwiseAffine=" + (weight != null) + (weight != null && bias == null ? ", bias=false" : "");
    }
}

package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A fully connected layer {@code y = x Wᵀ + b}, like PyTorch's {@code nn.Linear}: weight of shape
 * [out, in], bias of shape [out]. Input [..., in] gives output [..., out].
 *
 * <p>Initialised as PyTorch does: weight by {@code kaiming_uniform_(a=√5)}, which is
 * U(−1/√in, 1/√in), then bias from U(−1/√in, 1/√in), in that order from the given generator.
 */
public final class Linear extends Module {
    private final int inFeatures;
    private final int outFeatures;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A float32 layer with bias, initialised from the global generator.
     *
     * @param inFeatures the size of each input's last dimension
     * @param outFeatures the size of each output's last dimension
     */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, DType.FLOAT32, Generator.global());
    }

    /**
     * A layer with or without bias, of the given dtype, initialised from {@code generator}.
     *
     * @param inFeatures the size of each input's last dimension
     * @param outFeatures the size of each output's last dimension
     * @param bias whether to add a learnable bias
     * @param dtype the parameters' dtype
     * @param generator the random source of the initial weights
     */
    public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Generator generator) {
        Objects.requireNonNull(generator, "Linear: generator is null");
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: in and out features must be positive, got in=" + inFeatures
                    + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight",
                Init.defaultWeight(Tensor.empty(dtype, Shape.of(outFeatures, inFeatures)), generator));
        this.bias = bias ? registerParameter("bias",
                Init.defaultBias(Tensor.empty(dtype, Shape.of(outFeatures)), weight, generator)) : null;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "Linear.forward: input is null");
        if (input.dim() == 0 || input.size(input.dim() - 1) != inFeatures) {
            throw new IllegalArgumentException("Linear: input of shape " + input.shape() + " must end in in_features="
                    + inFeatures);
        }
        return org.autodiff.core.ops.MatrixProducts.linear(input, weight, bias);
    }

    /**
     * The weight, shape [out, in].
     *
     * @return the weight parameter
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias, shape [out], or null for a layer without bias.
     *
     * @return the bias parameter, or null
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    protected String extraRepr() {
        return "inFeatures=" + inFeatures + ", outFeatures=" + outFeatures + ", bias=" + (bias != null);
    }
}

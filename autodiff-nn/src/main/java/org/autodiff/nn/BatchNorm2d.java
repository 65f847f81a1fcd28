package org.autodiff.nn;

import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/**
 * Batch normalisation of [N, C, H, W] input, like PyTorch's {@code nn.BatchNorm2d}; see
 * {@link BatchNorm} for the statistics, the buffers and the modes.
 */
public final class BatchNorm2d extends BatchNorm {
    /**
     * A float32 layer with ε = 1e-5, momentum 0.1, weight, bias and running statistics, as {@code nn.BatchNorm2d(c)}.
     *
     * @param numFeatures the number of channels C
     */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1, true, true, DType.FLOAT32);
    }

    /**
     * A layer with every option of {@code nn.BatchNorm2d}.
     *
     * @param numFeatures the number of channels C (positive)
     * @param eps added to the variance (finite, non-negative)
     * @param momentum the running statistics' update factor in [0, 1], or null for a cumulative average
     * @param affine whether there is a learnable per-channel weight and bias
     * @param trackRunningStats whether running statistics are kept (and used in evaluation mode)
     * @param dtype the parameters' and running statistics' dtype
     */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats,
            DType dtype) {
        super("BatchNorm2d", numFeatures, eps, momentum, affine, trackRunningStats, dtype);
    }

    @Override
    void checkInput(Tensor input, int numFeatures) {
        if (input.dim() != 4 || input.size(1) != numFeatures) {
            throw new IllegalArgumentException("BatchNorm2d: input of shape " + input.shape() + " must be [N, " + numFeatures
                    + ", H, W]");
        }
    }
}

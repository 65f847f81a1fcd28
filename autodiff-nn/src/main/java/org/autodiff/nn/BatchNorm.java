package org.autodiff.nn;

import java.util.Arrays;
import org.autodiff.core.DType;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * Batch normalisation over the channel dimension 1 of the input, the shared part of
 * {@link BatchNorm1d} and {@link BatchNorm2d} (PyTorch's {@code _BatchNorm}).
 *
 * <p>In training mode (or without running statistics) each channel is normalised with the
 * batch's mean and biased variance over every dimension but the channel one,
 * {@code (x − mean) / √(var + ε)}, and gradients flow through those statistics. Tracking running
 * statistics, a training pass also updates the buffers exactly as PyTorch: {@code running_mean ←
 * (1 − m)·running_mean + m·mean} and {@code running_var ← (1 − m)·running_var + m·var·n/(n − 1)}
 * (the unbiased variance, n values per channel), and adds one to {@code num_batches_tracked}; with
 * {@code momentum == null}, m = 1/num_batches_tracked (a cumulative average). In evaluation mode the
 * running statistics normalise instead. With {@code affine}, a per-channel {@code weight} (ones) and
 * {@code bias} (zeros) scale and shift the result.
 *
 * <p>The buffers are {@code running_mean} (zeros), {@code running_var} (ones) and
 * {@code num_batches_tracked} (a 0-d int64 count from 0), as in PyTorch's
 * state dicts; without {@code trackRunningStats} they are absent.
 */
public abstract class BatchNorm extends Module {
    private final String layer;
    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    BatchNorm(String layer, int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats,
            DType dtype) {
        if (numFeatures <= 0 || !(eps >= 0) || Double.isInfinite(eps)
                || (momentum != null && !(momentum >= 0 && momentum <= 1))) {
            throw new IllegalArgumentException(layer + ": need numFeatures > 0, eps finite and non-negative and momentum "
                    + "in [0, 1] or null, got numFeatures=" + numFeatures + ", eps=" + eps + ", momentum=" + momentum);
        }
        this.layer = layer;
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Tensor.ones(dtype, numFeatures)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(dtype, numFeatures)) : null;
        this.runningMean = registerBuffer("running_mean", trackRunningStats ? Tensor.zeros(dtype, numFeatures) : null);
        this.runningVar = registerBuffer("running_var", trackRunningStats ? Tensor.ones(dtype, numFeatures) : null);
        this.numBatchesTracked = registerBuffer("num_batches_tracked",
                trackRunningStats ? Tensor.zeros(DType.INT64) : null);
    }

    /**
     * Throws unless {@code input} has one of this layer's accepted ranks and {@code numFeatures}
     * channels in dimension 1.
     *
     * @param input the input
     * @param numFeatures the expected channel count
     */
    abstract void checkInput(Tensor input, int numFeatures);

    @Override
    public final Tensor forward(Tensor input) {
        checkInput(input, numFeatures);
        int[] shape = input.shape().dims();
        int[] reduce = new int[shape.length - 1];
        int[] perChannel = new int[shape.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = numFeatures;
        for (int d = 0, i = 0; d < shape.length; d++) {
            if (d != 1) {
                reduce[i++] = d;
            }
        }
        Tensor y;
        if (isTraining() || runningMean == null) {
            int n = input.numel() / numFeatures;
            if (isTraining() && n <= 1) {
                throw new IllegalArgumentException(layer + ": expected more than 1 value per channel when training, got "
                        + "input of shape " + input.shape());
            }
            Tensor mean = input.mean(reduce, true);
            Tensor centered = input.sub(mean);
            Tensor variance = centered.square().mean(reduce, true);
            y = centered.div(variance.add(eps).sqrt());
            if (isTraining() && runningMean != null) {
                updateRunningStatistics(mean, variance, n);
            }
        } else {
            y = input.sub(runningMean.reshape(perChannel)).div(runningVar.reshape(perChannel).add(eps).sqrt());
        }
        return weight == null ? y : y.mul(weight.reshape(perChannel)).add(bias.reshape(perChannel));
    }

    private void updateRunningStatistics(Tensor mean, Tensor variance, int n) {
        try (var ignored = GradMode.noGrad()) {
            numBatchesTracked.addInPlace(Tensor.scalar(1, DType.INT64), 1);
            double m = momentum != null ? momentum : 1.0 / numBatchesTracked.item();
            runningMean.mulInPlace(1 - m).addInPlace(mean.detach().reshape(numFeatures), m);
            runningVar.mulInPlace(1 - m).addInPlace(variance.detach().reshape(numFeatures).mul((double) n / (n - 1)), m);
        }
    }

    /**
     * The per-channel weight, shape [C].
     *
     * @return the weight, or null without affine
     */
    public final Tensor weight() {
        return weight;
    }

    /**
     * The per-channel bias, shape [C].
     *
     * @return the bias, or null without affine
     */
    public final Tensor bias() {
        return bias;
    }

    /**
     * The running mean buffer, shape [C].
     *
     * @return the buffer, or null without running statistics
     */
    public final Tensor runningMean() {
        return runningMean;
    }

    /**
     * The running (unbiased) variance buffer, shape [C].
     *
     * @return the buffer, or null without running statistics
     */
    public final Tensor runningVar() {
        return runningVar;
    }

    /**
     * The number of training batches seen, a 0-d buffer.
     *
     * @return the buffer, or null without running statistics
     */
    public final Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    @Override
    protected final String extraRepr() {
        return numFeatures + ", eps=" + eps + ", momentum=" + (momentum == null ? "None" : momentum) + ", affine="
                + (weight != null) + ", trackRunningStats=" + (runningMean != null);
    }
}

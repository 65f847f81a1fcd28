package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/**
 * Shifts and scales every feature to mean 0 and standard deviation 1, like scikit-learn's
 * {@code StandardScaler}: {@link #fit} learns each feature's mean and (population) standard
 * deviation from the training data, {@link #apply} transforms any data set with them, so test
 * data is scaled with the training statistics. A feature that is constant in the training data
 * (standard deviation 0, as the digits' border pixels) is only shifted.
 */
public final class Standardizer {
    private final Tensor mean;
    private final Tensor std;

    private Standardizer(Tensor mean, Tensor std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * A standardizer with statistics fitted before, e.g. read back from a checkpoint.
     *
     * @param mean the per-feature means (float64 as {@link #fit} computes them)
     * @param std  the per-feature standard deviations, 1 where the feature was constant
     * @return the standardizer
     */
    public static Standardizer of(Tensor mean, Tensor std) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (!mean.shape().equals(std.shape())) {
            throw new IllegalArgumentException("Standardizer.of: mean of shape " + mean.shape() + " and std of shape "
                    + std.shape() + " differ");
        }
        return new Standardizer(mean.to(DType.FLOAT64), std.to(DType.FLOAT64));
    }

    /**
     * Learns each feature's mean and standard deviation from {@code dataset}'s examples.
     *
     * @param dataset the training data, not empty
     * @return the standardizer with those statistics
     */
    public static Standardizer fit(TensorDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("Standardizer.fit: the data set is empty");
        }
        Tensor x = dataset.features().to(DType.FLOAT64);
        Tensor mean = x.mean(0, false);
        Tensor std = x.var(new int[] {0}, 0, false).sqrt();
        // Constant features: divide by 1 instead of 0, as scikit-learn does.
        std = Tensor.where(std.eq(0.0), Tensor.onesLike(std), std);
        return new Standardizer(mean, std);
    }

    /**
     * {@code (x - mean) / std} for every example of {@code dataset}, in its dtype.
     *
     * @param dataset the data to scale, labelled, its examples of the fitted shape
     * @return the scaled data set, same labels
     */
    public TensorDataset apply(TensorDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        if (!dataset.exampleShape().equals(mean.shape())) {
            throw new IllegalArgumentException("Standardizer.apply: fitted on examples of shape " + mean.shape()
                    + ", got examples of shape " + dataset.exampleShape());
        }
        Tensor x = dataset.features();
        Tensor scaled = x.to(DType.FLOAT64).sub(mean).div(std).to(x.dtype());
        return new TensorDataset(scaled, dataset.labels());
    }

    /**
     * The per-feature means, float64, shape of one example.
     *
     * @return the means
     */
    public Tensor mean() {
        return mean;
    }

    /**
     * The per-feature standard deviations (1 where the feature was constant), float64.
     *
     * @return the standard deviations
     */
    public Tensor std() {
        return std;
    }
}

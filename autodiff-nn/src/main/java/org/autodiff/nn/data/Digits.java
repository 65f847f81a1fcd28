package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.DType;

/**
 * The UCI optical recognition of handwritten digits data set, as scikit-learn's
 * {@code load_digits}: 1797 images of 8×8 pixels with values 0..16, labels 0..9 (about 180 per
 * class). Shipped in this jar; see {@code org/autodiff/nn/data/PROVENANCE.md} and
 * {@code digits.rst} for its source and licence (CC BY 4.0).
 */
public final class Digits {
    /** Number of examples. */
    public static final int SIZE = 1797;
    /** Pixels per image (8×8). */
    public static final int FEATURES = 64;
    /** Number of classes, the digits 0..9. */
    public static final int CLASSES = 10;
    /** The largest pixel value. */
    public static final double MAX_PIXEL = 16;

    private Digits() {
    }

    /**
     * The digits as float32 rows of 64 raw pixel values (0..16): features {@code [1797, 64]}.
     *
     * @return the 1797 digits, labels 0..9
     */
    public static TensorDataset load() {
        return load(DType.FLOAT32, false);
    }

    /**
     * The digits as rows of 64 pixels, features {@code [1797, 64]} of {@code dtype}; with
     * {@code scaleToUnit}, pixels are divided by 16 to lie in [0, 1].
     *
     * @param dtype the features' dtype
     * @param scaleToUnit whether to divide the pixels by 16
     * @return the 1797 digits, labels 0..9
     */
    public static TensorDataset load(DType dtype, boolean scaleToUnit) {
        Objects.requireNonNull(dtype, "Digits.load: dtype is null");
        TensorDataset raw = CsvResource.read("digits.csv.gz", 0, SIZE, FEATURES, DType.FLOAT64);
        return (scaleToUnit ? raw.scale(1 / MAX_PIXEL) : raw).to(dtype);
    }

    /**
     * The digits as one-channel images for a convolutional network: features
     * {@code [1797, 1, 8, 8]} of {@code dtype}, pixels divided by 16 when {@code scaleToUnit}.
     *
     * @param dtype the features' dtype
     * @param scaleToUnit whether to divide the pixels by 16
     * @return the 1797 images, labels 0..9
     */
    public static TensorDataset images(DType dtype, boolean scaleToUnit) {
        Objects.requireNonNull(dtype, "Digits.images: dtype is null");
        return load(dtype, scaleToUnit).reshapeExamples(1, 8, 8);
    }
}

package org.autodiff.nn.data;

import java.util.List;
import java.util.Objects;
import org.autodiff.core.DType;

/**
 * Fisher's iris data set, as scikit-learn's {@code load_iris}: 150 flowers, 4 measurements in cm
 * (sepal length, sepal width, petal length, petal width), 3 classes of 50 (setosa, versicolor,
 * virginica). Shipped in this jar; see {@code org/autodiff/nn/data/PROVENANCE.md} and
 * {@code iris.rst}.
 */
public final class Iris {
    /** Number of examples. */
    public static final int SIZE = 150;
    /** Measurements per flower. */
    public static final int FEATURES = 4;
    /** The class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of("setosa", "versicolor", "virginica");
    /** The feature names, in column order. */
    public static final List<String> FEATURE_NAMES = List.of("sepal length (cm)", "sepal width (cm)",
            "petal length (cm)", "petal width (cm)");

    private static final String FILE = "iris.csv";

    private Iris() {
    }

    /**
     * The iris data as float32: features {@code [150, 4]}, labels 0..2.
     *
     * @return the 150 flowers, labels 0..2 in the order of {@link #CLASS_NAMES}
     */
    public static TensorDataset load() {
        return load(DType.FLOAT32);
    }

    /**
     * The iris data with features of {@code dtype}.
     *
     * @param dtype the features' dtype
     * @return the 150 flowers, features {@code [150, 4]}, labels 0..2 in the order of {@link #CLASS_NAMES}
     */
    public static TensorDataset load(DType dtype) {
        Objects.requireNonNull(dtype, "Iris.load: dtype is null");
        // The header row states the layout; check it so a changed file cannot be misread.
        String expected = SIZE + "," + FEATURES + "," + String.join(",", CLASS_NAMES);
        String header = CsvResource.firstLine(FILE);
        if (!expected.equals(header)) {
            throw new IllegalStateException(FILE + ": header is '" + header + "', expected '" + expected + "'");
        }
        return CsvResource.read(FILE, 1, SIZE, FEATURES, dtype);
    }
}

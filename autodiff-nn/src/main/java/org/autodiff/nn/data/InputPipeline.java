package org.autodiff.nn.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/**
 * What happens to raw examples before a model sees them: a fixed scale (digits' pixels divided
 * by 16) or standardisation with statistics fitted on the training part, then the model's dtype
 * and example shape (e.g. {@code [1, 8, 8]} images for a CNN). A checkpoint written by
 * {@code autodiff train} records it (with the fitted statistics, exactly), so
 * {@link org.autodiff.nn.io.Checkpoint#restore()} feeds new raw data to the model as training did.
 */
public final class InputPipeline {
    /** Metadata keys, under which {@link #toMetadata()} writes the pipeline. */
    static final String KIND = "input.scaling", DIVISOR = "input.divisor", MEAN = "input.mean", STD = "input.std",
            DTYPE = "input.dtype", SHAPE = "input.shape";

    /** How the features are scaled. */
    public enum Scaling {
        /** Used as they are. */
        NONE,
        /** Divided by a fixed number (digits: 16, so pixels lie in [0, 1]). */
        DIVIDE,
        /** Shifted and scaled per feature by a {@link Standardizer} fitted on the training data. */
        STANDARDIZE
    }

    private final Scaling scaling;
    private final double divisor;
    private final Standardizer standardizer;
    private final DType dtype;
    private final int[] exampleShape;

    private InputPipeline(Scaling scaling, double divisor, Standardizer standardizer, DType dtype, int[] exampleShape) {
        this.scaling = scaling;
        this.divisor = divisor;
        this.standardizer = standardizer;
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.exampleShape = exampleShape == null ? null : exampleShape.clone();
    }

    /**
     * @param dtype the model's dtype
     * @return features cast to {@code dtype}, otherwise unchanged
     */
    public static InputPipeline none(DType dtype) {
        return new InputPipeline(Scaling.NONE, 1, null, dtype, null);
    }

    /**
     * @param divisor what every feature is divided by (computed in float64, then cast)
     * @param dtype   the model's dtype
     * @return features divided by {@code divisor}
     */
    public static InputPipeline divide(double divisor, DType dtype) {
        if (!(divisor != 0) || !Double.isFinite(divisor)) {
            throw new IllegalArgumentException("InputPipeline.divide: the divisor must be finite and non-zero, got " + divisor);
        }
        return new InputPipeline(Scaling.DIVIDE, divisor, null, dtype, null);
    }

    /**
     * @param standardizer the statistics fitted on the training part
     * @param dtype        the model's dtype
     * @return features cast to {@code dtype}, then standardised
     */
    public static InputPipeline standardize(Standardizer standardizer, DType dtype) {
        return new InputPipeline(Scaling.STANDARDIZE, 1, Objects.requireNonNull(standardizer, "standardizer"), dtype, null);
    }

    /**
     * @param shape the shape of one example as the model takes it, e.g. {@code 1, 8, 8}
     * @return this pipeline, ending with each example reshaped to {@code shape}
     */
    public InputPipeline reshapedTo(int... shape) {
        return new InputPipeline(scaling, divisor, standardizer, dtype, shape);
    }

    /** @return how the features are scaled */
    public Scaling scaling() {
        return scaling;
    }

    /** @return the fitted statistics, or null unless {@link Scaling#STANDARDIZE} */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** @return the dtype the model takes */
    public DType dtype() {
        return dtype;
    }

    /**
     * Prepares raw examples for the model.
     *
     * @param raw examples as loaded (e.g. {@code Digits.load(DType.FLOAT64, false)}: pixels 0..16), one per row
     * @return the examples scaled, in the model's dtype and example shape
     */
    public TensorDataset apply(TensorDataset raw) {
        Objects.requireNonNull(raw, "raw");
        TensorDataset out = switch (scaling) {
            case NONE -> raw.to(dtype);
            // As Digits.load does it: float64 arithmetic, then the model's dtype.
            case DIVIDE -> raw.to(DType.FLOAT64).scale(1 / divisor).to(dtype);
            // As training did it: the model's dtype first, then the standardizer (float64 inside).
            case STANDARDIZE -> standardizer.apply(raw.to(dtype));
        };
        return exampleShape == null ? out : out.reshapeExamples(exampleShape);
    }

    /** @return the pipeline as checkpoint metadata (statistics written exactly, as Java's shortest round-trip decimals) */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KIND, scaling.name().toLowerCase(Locale.ROOT));
        m.put(DTYPE, dtype.name().toLowerCase(Locale.ROOT));
        if (scaling == Scaling.DIVIDE) {
            m.put(DIVISOR, Double.toString(divisor));
        }
        if (scaling == Scaling.STANDARDIZE) {
            m.put(MEAN, join(standardizer.mean().toDoubleArray()));
            m.put(STD, join(standardizer.std().toDoubleArray()));
        }
        if (exampleShape != null) {
            m.put(SHAPE, Arrays.toString(exampleShape).replaceAll("[\\[\\] ]", ""));
        }
        return m;
    }

    /**
     * Reads a pipeline written by {@link #toMetadata()}.
     *
     * @param metadata a checkpoint's metadata
     * @return the pipeline it records
     * @throws IllegalArgumentException naming the key when one is missing or malformed
     */
    public static InputPipeline fromMetadata(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata");
        String kind = require(metadata, KIND);
        DType dtype;
        try {
            dtype = DType.valueOf(require(metadata, DTYPE).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("InputPipeline: unknown " + DTYPE + " '" + metadata.get(DTYPE) + "'");
        }
        InputPipeline p;
        try {
            p = switch (Scaling.valueOf(kind.toUpperCase(Locale.ROOT))) {
                case NONE -> none(dtype);
                case DIVIDE -> divide(Double.parseDouble(require(metadata, DIVISOR)), dtype);
                case STANDARDIZE -> {
                    double[] mean = split(require(metadata, MEAN)), std = split(require(metadata, STD));
                    if (mean.length != std.length) {
                        throw new IllegalArgumentException("InputPipeline: " + MEAN + " has " + mean.length + " values, "
                                + STD + " " + std.length);
                    }
                    yield standardize(Standardizer.of(Tensor.of(mean), Tensor.of(std)), dtype);
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("InputPipeline: a number in the input statistics is malformed: " + e.getMessage());
        }
        String shape = metadata.get(SHAPE);
        if (shape != null && !shape.isEmpty()) {
            try {
                p = p.reshapedTo(Arrays.stream(shape.split(",")).mapToInt(Integer::parseInt).toArray());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("InputPipeline: " + SHAPE + " '" + shape + "' is not a list of sizes");
            }
        }
        return p;
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("InputPipeline: the metadata has no '" + key + "'");
        }
        return v;
    }

    private static String join(double[] values) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ",").append(v);
        }
        return s.toString();
    }

    private static double[] split(String values) {
        return Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @Override
    public String toString() {
        return "InputPipeline" + toMetadata();
    }
}

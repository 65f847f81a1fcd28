package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Scalars;

/**
 * Parameter initialisations, as PyTorch's {@code torch.nn.init}: each fills the given tensor in
 * place (outside the graph, as PyTorch's {@code no_grad}) and returns it, drawing from a
 * {@link Generator}, so a model built with the same seed has the same weights. The forms without a
 * generator draw from {@link Generator#global()} and take PyTorch's defaults. Values are drawn in
 * float64 and rounded once to the tensor's dtype.
 *
 * <pre>{@code
 * model.apply(m -> {
 *     if (m instanceof Linear l) {
 *         Init.xavierUniform(l.weight());
 *         Init.zeros(l.bias());
 *     }
 * });
 * }</pre>
 *
 * <p>Fans follow PyTorch's {@code _calculate_fan_in_and_fan_out}: for a weight [out, in, k...],
 * fanIn = in·Πk and fanOut = out·Πk.
 */
public final class Init {
    private Init() {
    }

    /** Which fan scales a Kaiming initialisation, as PyTorch's {@code mode}. */
    public enum FanMode {
        /** Preserves the variance of activations in the forward pass (PyTorch's default). */
        FAN_IN,
        /** Preserves the variance of gradients in the backward pass. */
        FAN_OUT
    }

    /** The nonlinearity a gain is computed for, as PyTorch's {@code calculate_gain} names. */
    public enum Nonlinearity {
        /** Identity, also for convolutions: gain 1. */
        LINEAR,
        /** Gain 1. */
        SIGMOID,
        /** Gain 5/3. */
        TANH,
        /** Gain √2. */
        RELU,
        /** Gain √(2 / (1 + slope²)). */
        LEAKY_RELU,
        /** Gain 3/4. */
        SELU
    }

    /**
     * The recommended gain for a nonlinearity, as {@code torch.nn.init.calculate_gain}.
     *
     * @param nonlinearity the nonlinearity
     * @param negativeSlope the negative slope of {@link Nonlinearity#LEAKY_RELU} (ignored by the others)
     * @return the gain
     */
    public static double calculateGain(Nonlinearity nonlinearity, double negativeSlope) {
        return switch (Objects.requireNonNull(nonlinearity, "nonlinearity")) {
            case LINEAR, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1 + negativeSlope * negativeSlope));
            case SELU -> 3.0 / 4;
        };
    }

    /**
     * The recommended gain with PyTorch's default negative slope 0.01 for leaky ReLU.
     *
     * @param nonlinearity the nonlinearity
     * @return the gain
     */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, 0.01);
    }

    /**
     * The fan-in of a weight: its dim 1 times the product of the dims after it.
     *
     * @param weight a tensor of at least 2 dims
     * @return the fan-in
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public static int fanIn(Tensor weight) {
        Objects.requireNonNull(weight, "Init.fanIn: weight is null");
        return weight.size(1) * receptiveField(weight, "fanIn");
    }

    /**
     * The fan-out of a weight: its dim 0 times the product of the dims after dim 1.
     *
     * @param weight a tensor of at least 2 dims
     * @return the fan-out
     * @throws IllegalArgumentException for fewer than 2 dims
     */
    public static int fanOut(Tensor weight) {
        Objects.requireNonNull(weight, "Init.fanOut: weight is null");
        return weight.size(0) * receptiveField(weight, "fanOut");
    }

    private static int receptiveField(Tensor weight, String what) {
        if (weight.dim() < 2) {
            throw new IllegalArgumentException("Init." + what + ": fan in and fan out cannot be computed for a tensor of "
                    + "shape " + weight.shape() + " (fewer than 2 dims)");
        }
        int r = 1;
        for (int d = 2; d < weight.dim(); d++) {
            r *= weight.size(d);
        }
        return r;
    }

    // ---------------------------------------------------------------- plain distributions

    /**
     * Fills {@code tensor} with U(low, high), as {@code nn.init.uniform_}.
     *
     * @param tensor the tensor to fill
     * @param low the lower bound
     * @param high the upper bound
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor uniform(Tensor tensor, double low, double high, Generator generator) {
        Objects.requireNonNull(generator, "Init.uniform: generator is null");
        Objects.requireNonNull(tensor, "Init.uniform: tensor is null");
        return fill(tensor, Tensor.rand(generator, DType.FLOAT64, tensor.shape().dims()).mul(high - low).add(low));
    }

    /**
     * Fills {@code tensor} with U(0, 1) from the global generator.
     *
     * @param tensor the tensor to fill
     * @return {@code tensor}
     */
    public static Tensor uniform(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.uniform: tensor is null");
        return uniform(tensor, 0, 1, Generator.global());
    }

    /**
     * Fills {@code tensor} with N(mean, std²), as {@code nn.init.normal_}.
     *
     * @param tensor the tensor to fill
     * @param mean the mean
     * @param std the standard deviation
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor normal(Tensor tensor, double mean, double std, Generator generator) {
        Objects.requireNonNull(generator, "Init.normal: generator is null");
        Objects.requireNonNull(tensor, "Init.normal: tensor is null");
        return fill(tensor, Tensor.randn(generator, DType.FLOAT64, tensor.shape().dims()).mul(std).add(mean));
    }

    /**
     * Fills {@code tensor} with N(0, 1) from the global generator.
     *
     * @param tensor the tensor to fill
     * @return {@code tensor}
     */
    public static Tensor normal(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.normal: tensor is null");
        return normal(tensor, 0, 1, Generator.global());
    }

    /**
     * Fills {@code tensor} with N(mean, std²) truncated to [a, b], as {@code nn.init.trunc_normal_}
     * and by its method: uniform values between the normal CDF at a and at b, mapped through the
     * inverse CDF (so the cost does not depend on how much mass [a, b] holds), then clamped to [a, b].
     *
     * @param tensor the tensor to fill
     * @param mean the mean of the normal before truncation
     * @param std its standard deviation (positive)
     * @param a the lower cut-off (an absolute value, not in units of std)
     * @param b the upper cut-off, above {@code a}
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor truncNormal(Tensor tensor, double mean, double std, double a, double b, Generator generator) {
        Objects.requireNonNull(tensor, "Init.truncNormal: tensor is null");
        if (!(std > 0) || !(a < b)) {
            throw new IllegalArgumentException("Init.truncNormal: need std > 0 and a < b, got std=" + std + ", a=" + a + ", b="
                    + b + " (tensor of shape " + tensor.shape() + ")");
        }
        double low = Scalars.erf((a - mean) / std / Math.sqrt(2));
        double high = Scalars.erf((b - mean) / std / Math.sqrt(2));
        double[] v = new double[tensor.numel()];
        for (int i = 0; i < v.length; i++) {
            double u = low + (high - low) * generator.nextUniform();
            v[i] = Math.min(b, Math.max(a, mean + std * Math.sqrt(2) * erfinv(u)));
        }
        return fill(tensor, Tensor.of(v, v.length).reshape(tensor.shape().dims()));
    }

    /**
     * Fills {@code tensor} with N(0, 1) truncated to [−2, 2], PyTorch's defaults, from the global generator.
     *
     * @param tensor the tensor to fill
     * @return {@code tensor}
     */
    public static Tensor truncNormal(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.truncNormal: tensor is null");
        return truncNormal(tensor, 0, 1, -2, 2, Generator.global());
    }

    /**
     * Fills {@code tensor} with {@code value}, as {@code nn.init.constant_}.
     *
     * @param tensor the tensor to fill
     * @param value the value
     * @return {@code tensor}
     */
    public static Tensor constant(Tensor tensor, double value) {
        Objects.requireNonNull(tensor, "Init.constant: tensor is null");
        return fill(tensor, Tensor.scalar(value, DType.FLOAT64));
    }

    /**
     * Fills {@code tensor} with zeros, as {@code nn.init.zeros_}.
     *
     * @param tensor the tensor to fill
     * @return {@code tensor}
     */
    public static Tensor zeros(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.zeros: tensor is null");
        return constant(tensor, 0);
    }

    /**
     * Fills {@code tensor} with ones, as {@code nn.init.ones_}.
     *
     * @param tensor the tensor to fill
     * @return {@code tensor}
     */
    public static Tensor ones(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.ones: tensor is null");
        return constant(tensor, 1);
    }

    // ---------------------------------------------------------------- scaled by the fans

    /**
     * Glorot/Xavier uniform, as {@code nn.init.xavier_uniform_}: U(−b, b) with
     * b = gain·√(6 / (fanIn + fanOut)).
     *
     * @param tensor a weight of at least 2 dims
     * @param gain the scaling factor
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor xavierUniform(Tensor tensor, double gain, Generator generator) {
        Objects.requireNonNull(generator, "Init.xavierUniform: generator is null");
        Objects.requireNonNull(tensor, "Init.xavierUniform: tensor is null");
        double bound = gain * Math.sqrt(6.0 / (fanIn(tensor) + fanOut(tensor)));
        return uniform(tensor, -bound, bound, generator);
    }

    /**
     * Glorot/Xavier uniform with gain 1 from the global generator.
     *
     * @param tensor a weight of at least 2 dims
     * @return {@code tensor}
     */
    public static Tensor xavierUniform(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.xavierUniform: tensor is null");
        return xavierUniform(tensor, 1, Generator.global());
    }

    /**
     * Glorot/Xavier normal, as {@code nn.init.xavier_normal_}: N(0, std²) with
     * std = gain·√(2 / (fanIn + fanOut)).
     *
     * @param tensor a weight of at least 2 dims
     * @param gain the scaling factor
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor xavierNormal(Tensor tensor, double gain, Generator generator) {
        Objects.requireNonNull(generator, "Init.xavierNormal: generator is null");
        Objects.requireNonNull(tensor, "Init.xavierNormal: tensor is null");
        return normal(tensor, 0, gain * Math.sqrt(2.0 / (fanIn(tensor) + fanOut(tensor))), generator);
    }

    /**
     * Glorot/Xavier normal with gain 1 from the global generator.
     *
     * @param tensor a weight of at least 2 dims
     * @return {@code tensor}
     */
    public static Tensor xavierNormal(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.xavierNormal: tensor is null");
        return xavierNormal(tensor, 1, Generator.global());
    }

    /**
     * He/Kaiming uniform, as {@code nn.init.kaiming_uniform_}: U(−b, b) with b = gain·√(3 / fan),
     * gain = {@link #calculateGain(Nonlinearity, double) calculateGain(nonlinearity, a)}. The
     * default of {@link Linear} and the convolutions, a = √5 with leaky ReLU, gives b = 1/√fanIn.
     *
     * @param tensor a weight of at least 2 dims
     * @param a the negative slope of a following leaky ReLU
     * @param mode which fan to preserve
     * @param nonlinearity the nonlinearity that follows
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor kaimingUniform(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity,
            Generator generator) {
        Objects.requireNonNull(generator, "Init.kaimingUniform: generator is null");
        Objects.requireNonNull(tensor, "Init.kaimingUniform: tensor is null");
        double bound = calculateGain(nonlinearity, a) * Math.sqrt(3.0 / fan(tensor, mode));
        return uniform(tensor, -bound, bound, generator);
    }

    /**
     * He/Kaiming uniform with PyTorch's defaults (a = 0, fan-in, leaky ReLU) from the global generator.
     *
     * @param tensor a weight of at least 2 dims
     * @return {@code tensor}
     */
    public static Tensor kaimingUniform(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.kaimingUniform: tensor is null");
        return kaimingUniform(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, Generator.global());
    }

    /**
     * He/Kaiming normal, as {@code nn.init.kaiming_normal_}: N(0, std²) with std = gain / √fan.
     *
     * @param tensor a weight of at least 2 dims
     * @param a the negative slope of a following leaky ReLU
     * @param mode which fan to preserve
     * @param nonlinearity the nonlinearity that follows
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor kaimingNormal(Tensor tensor, double a, FanMode mode, Nonlinearity nonlinearity,
            Generator generator) {
        Objects.requireNonNull(generator, "Init.kaimingNormal: generator is null");
        Objects.requireNonNull(tensor, "Init.kaimingNormal: tensor is null");
        return normal(tensor, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(tensor, mode)), generator);
    }

    /**
     * He/Kaiming normal with PyTorch's defaults (a = 0, fan-in, leaky ReLU) from the global generator.
     *
     * @param tensor a weight of at least 2 dims
     * @return {@code tensor}
     */
    public static Tensor kaimingNormal(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.kaimingNormal: tensor is null");
        return kaimingNormal(tensor, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, Generator.global());
    }

    private static int fan(Tensor tensor, FanMode mode) {
        return Objects.requireNonNull(mode, "mode") == FanMode.FAN_IN ? fanIn(tensor) : fanOut(tensor);
    }

    /**
     * A (semi-)orthogonal matrix, as {@code nn.init.orthogonal_}: the tensor viewed as
     * [rows, cols] = [dim 0, the rest] gets the Q factor of the QR decomposition of a standard normal
     * matrix (of its transpose when rows &lt; cols), with R's diagonal made positive, times
     * {@code gain}; so its rows (or columns, whichever are fewer) are orthonormal.
     *
     * @param tensor a tensor of at least 2 dims
     * @param gain the scaling factor
     * @param generator the source of randomness
     * @return {@code tensor}
     */
    public static Tensor orthogonal(Tensor tensor, double gain, Generator generator) {
        Objects.requireNonNull(generator, "Init.orthogonal: generator is null");
        Objects.requireNonNull(tensor, "Init.orthogonal: tensor is null");
        if (tensor.dim() < 2) {
            throw new IllegalArgumentException("Init.orthogonal: only tensors with 2 or more dims are supported, got shape "
                    + tensor.shape());
        }
        int rows = tensor.size(0);
        int cols = tensor.numel() / Math.max(rows, 1);
        boolean wide = rows < cols;
        int m = wide ? cols : rows;
        int n = wide ? rows : cols;
        double[][] q = new double[n][m]; // column j of the m×n matrix, tall (m ≥ n)
        double[] draws = Tensor.randn(generator, DType.FLOAT64, rows, cols).toDoubleArray();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                q[wide ? r : c][wide ? c : r] = draws[r * cols + c];
            }
        }
        orthonormalizeColumns(q);
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = gain * q[wide ? r : c][wide ? c : r];
            }
        }
        return fill(tensor, Tensor.of(out, tensor.shape().dims()));
    }

    /**
     * An orthogonal initialisation with gain 1 from the global generator.
     *
     * @param tensor a tensor of at least 2 dims
     * @return {@code tensor}
     */
    public static Tensor orthogonal(Tensor tensor) {
        Objects.requireNonNull(tensor, "Init.orthogonal: tensor is null");
        return orthogonal(tensor, 1, Generator.global());
    }

    /**
     * Gram-Schmidt with re-orthogonalisation ("twice is enough"), which yields QR's Q with a positive
     * diagonal of R, the sign PyTorch fixes its QR's Q to.
     */
    private static void orthonormalizeColumns(double[][] columns) {
        for (int j = 0; j < columns.length; j++) {
            double[] v = columns[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < v.length; i++) {
                        dot += columns[k][i] * v[i];
                    }
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= dot * columns[k][i];
                    }
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
            }
        }
    }

    // ---------------------------------------------------------------- layers' defaults

    /**
     * The default weight initialisation of PyTorch's {@code Linear} and convolutions:
     * {@code kaiming_uniform_(w, a=√5)}, i.e. U(−1/√fanIn, 1/√fanIn).
     *
     * @param weight the weight to fill
     * @param generator the source of randomness
     * @return {@code weight}
     */
    static Tensor defaultWeight(Tensor weight, Generator generator) {
        return kaimingUniform(weight, Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, generator);
    }

    /**
     * The default bias initialisation of PyTorch's {@code Linear} and convolutions: U(−b, b) with
     * b = 1/√fanIn of their weight (0 for fanIn 0).
     *
     * @param bias the bias to fill
     * @param weight the layer's weight
     * @param generator the source of randomness
     * @return {@code bias}
     */
    static Tensor defaultBias(Tensor bias, Tensor weight, Generator generator) {
        int fanIn = fanIn(weight);
        double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
        return uniform(bias, -bound, bound, generator);
    }

    // ---------------------------------------------------------------- helpers

    /** Copies {@code values} (float64, broadcast) into {@code tensor} outside the graph; returns tensor. */
    private static Tensor fill(Tensor tensor, Tensor values) {
        try (var ignored = GradMode.noGrad()) {
            tensor.copyFrom(values.to(tensor.dtype()));
        }
        return tensor;
    }

    /**
     * The inverse error function on (−1, 1): M. Giles' approximation ("Approximating the erfinv
     * function", GPU Computing Gems, 2011) refined by two Newton steps on erf.
     */
    static double erfinv(double y) {
        if (y <= -1) {
            return Double.NEGATIVE_INFINITY;
        }
        if (y >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double w = -Math.log((1 - y) * (1 + y));
        double p;
        if (w < 5) {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w;
            p = -3.5233877e-06 + p * w;
            p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w;
            p = -0.00125372503 + p * w;
            p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w;
            p = 1.50140941 + p * w;
        } else {
            w = Math.sqrt(w) - 3;
            p = -0.000200214257;
            p = 0.000100950558 + p * w;
            p = 0.00134934322 + p * w;
            p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w;
            p = -0.0076224613 + p * w;
            p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w;
            p = 2.83297682 + p * w;
        }
        double x = p * y;
        for (int i = 0; i < 2; i++) {
            x -= (Scalars.erf(x) - y) / (2 / Math.sqrt(Math.PI) * Math.exp(-x * x));
        }
        return x;
    }
}

package org.autodiff.core.backend;

/**
 * Scalar functions that {@code java.lang.Math} lacks, in forms that stay accurate at extreme
 * inputs. The kernels and the scalar engine both call these, so every mode computes the very
 * same numbers.
 */
public final class Scalars {
    private Scalars() {
    }

    /**
     * 1 / (1 + e^-x), without overflow for large |x|.
     *
     * @param x the argument
     * @return σ(x)
     */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * e^x, as {@link Math#exp(double)} computes it: the float64 partner of {@link #exp(float)}, so
     * that a kernel written once for both types (see {@link JavaBackend}) spells exp one way.
     *
     * @param x the argument
     * @return e^x
     */
    public static double exp(double x) {
        return Math.exp(x);
    }

    /**
     * e^x for a float32 argument, within one ulp of {@code (float) Math.exp(x)}, which is what a
     * float32 result can hold; PyTorch's vectorised float exp promises the same. Several times
     * faster than {@code Math.exp}, whose full double accuracy is rounded away.
     *
     * @param x the argument
     * @return e^x
     */
    public static float exp(float x) {
        return (float) expToFloatAccuracy(x);
    }

    /**
     * 1 / (1 + e^-x) for a float32 argument, to float32 accuracy (see {@link #exp(float)}).
     *
     * @param x the argument
     * @return σ(x)
     */
    public static float sigmoid(float x) {
        // e = e^-|x| never overflows; e/(1 + e) keeps its relative accuracy for very negative x.
        double e = expToFloatAccuracy(-Math.abs(x));
        double s = 1.0 / (1.0 + e);
        return (float) (x >= 0 ? s : e * s);
    }

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2 = 0.6931471805599453;
    /** 1.5·2^52: adding it rounds a double below 2^51 to an integer held in the low mantissa bits. */
    private static final double ROUNDING_SHIFT = 0x1.8p52;

    /**
     * e^x to a relative error below 3e-9: x = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series
     * to r^7/7!, and 2^k put straight into the exponent bits. Arguments are clamped to ±200, far
     * beyond float32's range (e^±104 already over- or underflows it), so 2^k stays a normal double;
     * NaN passes through.
     */
    private static double expToFloatAccuracy(double x) {
        double d = Math.min(Math.max(x, -200.0), 200.0);
        double t = d * LOG2E + ROUNDING_SHIFT;
        long k = Double.doubleToRawLongBits(t); // its low bits are round(d·log2 e), two's complement
        double r = d - (t - ROUNDING_SHIFT) * LN2;
        double p = 1 + r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24
                + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040)))))));
        return p * Double.longBitsToDouble((k + 1023) << 52);
    }

    /** √(2/π) and the cubic coefficient of GELU's tanh approximation (Hendrycks and Gimpel), as PyTorch's. */
    public static final double GELU_TANH_SCALE = 0.7978845608028654, GELU_TANH_CUBIC = 0.044715;

    /**
     * GELU with PyTorch's {@code approximate='tanh'}: ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
     *
     * @param x the argument
     * @return the activation
     */
    public static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(GELU_TANH_SCALE * (x + GELU_TANH_CUBIC * x * x * x)));
    }

    private static final double SQRT_HALF = 0.7071067811865476;
    /** 1/√(2π), the standard normal density at 0. */
    private static final double NORMAL_DENSITY_AT_0 = 0.3989422804014327;

    /**
     * GELU as PyTorch computes it, ½x(1 + erf(x/√2)).
     *
     * @param x the argument
     * @return x·Φ(x)
     */
    public static double gelu(double x) {
        return 0.5 * x * (1 + erf(x * SQRT_HALF));
    }

    /**
     * GELU of a float32 argument, with the error function to float accuracy.
     *
     * @param x the argument
     * @return x·Φ(x) rounded to float
     */
    public static float gelu(float x) {
        return (float) (0.5 * x * (1 + erf(x * SQRT_HALF, true)));
    }

    /**
     * GELU's derivative as PyTorch's {@code gelu_backward} computes it: Φ(x) + x·φ(x).
     *
     * @param x the argument
     * @return d(x·Φ(x))/dx
     */
    public static double geluDerivative(double x) {
        return 0.5 * (1 + erf(x * SQRT_HALF)) + x * NORMAL_DENSITY_AT_0 * Math.exp(-0.5 * x * x);
    }

    /**
     * GELU's derivative of a float32 argument, with the error function and exponential to float accuracy.
     *
     * @param x the argument
     * @return d(x·Φ(x))/dx rounded to float
     */
    public static float geluDerivative(float x) {
        double d = x;
        return (float) (0.5 * (1 + erf(d * SQRT_HALF, true)) + d * NORMAL_DENSITY_AT_0 * expToFloatAccuracy(-0.5 * d * d));
    }

    /** Above this, softplus returns its argument, as PyTorch's default threshold does. */
    public static final double SOFTPLUS_THRESHOLD = 20.0;

    /**
     * log(1 + e^x) as PyTorch computes it (beta 1, threshold 20): x itself above the threshold.
     *
     * @param x the argument
     * @return softplus(x)
     */
    public static double softplus(double x) {
        return x > SOFTPLUS_THRESHOLD ? x : Math.log1p(Math.exp(x));
    }

    /**
     * The error function to double precision, by W. J. Cody's rational Chebyshev approximations
     * (Math. Comp. 23, 1969), the algorithm behind most C libraries' erf.
     *
     * @param x the argument
     * @return erf(x)
     */
    public static double erf(double x) {
        return erf(x, false);
    }

    /**
     * The error function to float precision, for float32 tensors: the same approximations with
     * e^(-x²) from {@link #expToFloatAccuracy}, whose relative error (below 3e-9, plus the rounding
     * of x² in double) stays far below half a float ulp; about twice as fast as the double-precision
     * path, whose two calls of {@code Math.exp} dominate its cost. Beyond |x| = 4, erfc(x) &lt; 1.6e-8
     * is under half an ulp of 1f, so the result is ±1.
     *
     * @param x the argument
     * @return erf(x) rounded to float
     */
    public static float erf(float x) {
        return Math.abs(x) >= 4 ? Math.copySign(1f, x) : (float) erf(x, true);
    }

    private static double erf(double x, boolean floatAccuracy) {
        double ax = Math.abs(x);
        if (ax <= 0.5) {
            double z = x * x;
            double num = (((1.85777706184603153e-1 * z + 3.16112374387056560e0) * z + 1.13864154151050156e2) * z
                    + 3.77485237685302021e2) * z + 3.20937758913846947e3;
            double den = (((z + 2.36012909523441209e1) * z + 2.44024637934444173e2) * z
                    + 1.28261652607737228e3) * z + 2.84423683343917062e3;
            return x * num / den;
        }
        double erfc;
        if (ax <= 4.0) {
            // Cody's leading coefficient is the tiny 2.15e-8 (the constant term is 1.23e3).
            double num = (((((((2.15311535474403846e-8 * ax + 5.64188496988670089e-1) * ax + 8.88314979438837594e0) * ax
                    + 6.61191906371416295e1) * ax + 2.98635138197400131e2) * ax + 8.81952221241769090e2) * ax
                    + 1.71204761263407058e3) * ax + 2.05107837782607147e3) * ax + 1.23033935479799725e3;
            double den = (((((((ax + 1.57449261107098347e1) * ax + 1.17693950891312499e2) * ax + 5.37181101862009858e2) * ax
                    + 1.62138957456669019e3) * ax + 3.29079923573345963e3) * ax + 4.36261909014324716e3) * ax
                    + 3.43936767414372164e3) * ax + 1.23033935480374942e3;
            erfc = expMinusSquare(ax, floatAccuracy) * num / den;
        } else if (ax < 27) {
            double z = 1.0 / (ax * ax);
            double num = ((((1.63153871373020978e-2 * z + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z
                    + 1.25781726111229246e-1) * z + 1.60837851487422766e-2) * z + 6.58749161529837803e-4;
            double den = ((((z + 2.56852019228982242e0) * z + 1.87295284992346725e0) * z + 5.27905102951428412e-1) * z
                    + 6.05183413124413191e-2) * z + 2.33520497626869185e-3;
            double r = z * num / den;
            erfc = expMinusSquare(ax, floatAccuracy) * (0.564189583547756287 - r) / ax;
        } else {
            erfc = 0;
        }
        double v = 1.0 - erfc;
        return Double.isNaN(x) ? x : (x < 0 ? -v : v);
    }

    /** e^(-x²): to float accuracy, or with the argument split so the square loses no bits, as in Cody's code. */
    private static double expMinusSquare(double x, boolean floatAccuracy) {
        if (floatAccuracy) {
            return expToFloatAccuracy(-x * x);
        }
        double xs = Math.floor(x * 16) / 16;
        double del = (x - xs) * (x + xs);
        return Math.exp(-xs * xs) * Math.exp(-del);
    }
}

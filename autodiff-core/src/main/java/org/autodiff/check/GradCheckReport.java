package org.autodiff.check;

import java.util.Arrays;
import java.util.Locale;

/**
 * The result of a gradient check: whether every Jacobian element agreed with central
 * differences and, pass or fail, the element that came closest to failing.
 *
 * @param passed   whether every compared element was within tolerance
 * @param compared how many (analytic, numerical) pairs were compared, over all modes
 * @param worst    the element with the largest error relative to its tolerance; null if none was compared
 * @param options  the tolerances and modes used
 */
public record GradCheckReport(boolean passed, long compared, Mismatch worst, GradCheck.Options options) {

    /** Which analytic derivative an element came from. */
    public enum Mode {
        /** A row of the Jacobian by a vector-Jacobian product ({@code Autograd.grad} with a one-hot gradOutput). */
        REVERSE,
        /** A column of the Jacobian by a Jacobian-vector product ({@code withTangent}). */
        FORWARD;

        @Override
        public String toString() {
            return this == REVERSE ? "reverse mode (VJP)" : "forward mode (JVP)";
        }
    }

    /**
     * One Jacobian element, ∂output[outputIndex] / ∂inputs[input][inputIndex].
     *
     * @param error the distance |analytic − numerical| divided by the allowed
     *              {@code atol + rtol·|numerical|}: above 1 is a failure (infinite for a NaN mismatch)
     */
    public record Mismatch(Mode mode, int input, int[] inputIndex, int[] outputIndex,
                           double analytic, double numerical, double error) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: d output%s / d input %d%s: analytic %.10g, numerical %.10g",
                    mode, Arrays.toString(outputIndex), input, Arrays.toString(inputIndex), analytic, numerical);
        }
    }

    @Override
    public String toString() {
        if (worst == null) {
            return "gradient check compared nothing (no input elements or no output elements)";
        }
        String verdict = passed ? "gradient check passed (" + compared + " elements); closest to failing: "
                : "gradient check failed: ";
        return verdict + worst + String.format(Locale.ROOT,
                " (|difference| %.3g, allowed atol %.1g + rtol %.1g·|numerical| = %.3g)",
                Math.abs(worst.analytic() - worst.numerical()), options.atol(), options.rtol(),
                options.atol() + options.rtol() * Math.abs(worst.numerical()));
    }
}

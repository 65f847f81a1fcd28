package example;

import org.autodiff.core.Tensor;

/**
 * Code as a user of the library writes it, outside org.autodiff: anomaly mode names the lines
 * here as the places where ops were created. Line numbers are asserted by AnomalyModeTest.
 */
public final class UserCode {
    private UserCode() {
    }

    /** log of each element: NaN in forward for a negative one. */
    public static Tensor logOf(Tensor x) {
        return x.log();
    }

    /** √x summed: finite in forward at 0, but its gradient 1/(2√x) is +inf there. */
    public static Tensor sumOfRoots(Tensor x) {
        return x.sqrt().sum();
    }

    /** The line number of {@link #logOf}'s op, as anomaly mode reports it. */
    public static final int LOG_LINE = 15;
    /** The line number of {@link #sumOfRoots}'s sqrt. */
    public static final int SQRT_LINE = 20;
}

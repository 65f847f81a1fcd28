package org.autodiff.nn;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

/**
 * Parameter initialisations, as in PyTorch's {@code torch.nn.init}. All draw from a given
 * {@link Generator}, so a model built with the same seed has the same weights.
 */
public final class Init {
    private Init() {
    }

    /** Values drawn from U(−bound, bound). */
    public static Tensor uniform(Generator generator, DType dtype, double bound, int... shape) {
        // 2b·U(0,1) − b, computed in float64 and rounded once to the target dtype.
        return Tensor.rand(generator, DType.FLOAT64, shape).mul(2 * bound).sub(bound).to(dtype);
    }

    /**
     * PyTorch's {@code kaiming_uniform_(w, a)} with leaky-relu gain √(2/(1+a²)):
     * U(−b, b) with b = gain·√(3/fanIn). The default of {@code Linear} and {@code Conv2d} uses
     * a = √5, which gives b = 1/√fanIn.
     */
    public static Tensor kaimingUniform(Generator generator, DType dtype, double a, int fanIn, int... shape) {
        double gain = Math.sqrt(2.0 / (1 + a * a));
        return uniform(generator, dtype, gain * Math.sqrt(3.0 / fanIn), shape);
    }

    /**
     * The default weight and bias bound of PyTorch's {@code Linear} and {@code Conv2d}: 1/√fanIn
     * (kaiming_uniform with a = √5 for the weight; the same bound for the bias).
     */
    static double defaultBound(int fanIn) {
        return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
    }
}

package org.autodiff.nn.loss;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.autodiff.check.GradCheck;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.testkit.Laws;
import org.autodiff.testkit.OpCase;

/**
 * Each loss obeys the laws of differentiation (autodiff-testkit) at random float64 inputs: its
 * reverse-mode gradient equals central differences, forward mode equals reverse mode, and the
 * JVP and VJP are adjoint.
 */
class LossGradientProperties {
    /** As tight as central differences allow for these smooth, well-scaled losses. */
    private static final GradCheck.Options TIGHT = GradCheck.Options.DEFAULT.withTolerance(1e-6, 1e-6);

    private static Tensor randn(long seed, double scale, int... shape) {
        return Tensor.randn(new Generator(seed), DType.FLOAT64, shape).mul(scale);
    }

    private static void obeysTheLaws(String name, Function<Tensor, Tensor> loss, Tensor x, long seed) {
        OpCase c = OpCase.of(name, in -> loss.apply(in[0]), x).with(TIGHT, OpCase.FLOAT64_PRECISION);
        Laws.numericMatchesReverse(c);
        Laws.reverseMatchesForward(c);
        Laws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Property(tries = 40)
    void crossEntropyObeysTheLaws(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n,
            @ForAll @IntRange(min = 2, max = 5) int classes, @ForAll @DoubleRange(min = 0, max = 1) double smoothing) {
        Generator g = new Generator(seed);
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = g.nextInt(classes);
        }
        for (Reduction r : List.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE)) {
            obeysTheLaws("crossEntropy(" + r + ", smoothing " + smoothing + ")",
                    z -> Losses.crossEntropy(z, targets, smoothing, r), randn(seed, 3, n, classes), seed);
        }
    }

    @Property(tries = 40)
    void bceWithLogitsObeysTheLaws(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        Tensor y = Tensor.rand(new Generator(seed + 1), DType.FLOAT64, n);
        obeysTheLaws("binaryCrossEntropyWithLogits", x -> Losses.binaryCrossEntropyWithLogits(x, y), randn(seed, 4, n),
                seed);
    }

    @Property(tries = 40)
    void mseAndHuberObeyTheLaws(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n,
            @ForAll @DoubleRange(min = 0.1, max = 3) double delta) {
        Tensor target = randn(seed + 1, 2, n);
        obeysTheLaws("mseLoss(SUM)", x -> Losses.mseLoss(x, target, Reduction.SUM), randn(seed, 2, n), seed);
        obeysTheLaws("huberLoss(" + delta + ")", x -> Losses.huberLoss(x, target, delta), randn(seed, 2, n), seed);
    }
}

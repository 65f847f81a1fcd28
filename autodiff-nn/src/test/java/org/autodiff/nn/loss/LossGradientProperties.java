package org.autodiff.nn.loss;

import java.util.List;
import static org.autodiff.nn.Assertions.assertGradientMatchesCentralDifferences;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Each loss's reverse-mode gradient equals central differences of its value (float64, random inputs). */
class LossGradientProperties {
    private static final double TOL = 1e-6;

    private static Tensor randn(long seed, double scale, int... shape) {
        return Tensor.randn(new Generator(seed), DType.FLOAT64, shape).mul(scale);
    }

    @Property(tries = 40)
    void crossEntropyGradientMatchesNumericalDerivative(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int n,
            @ForAll @IntRange(min = 2, max = 5) int classes, @ForAll @DoubleRange(min = 0, max = 1) double smoothing) {
        Generator g = new Generator(seed);
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = g.nextInt(classes);
        }
        for (Reduction r : List.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE)) {
            assertGradientMatchesCentralDifferences(z -> Losses.crossEntropy(z, targets, smoothing, r).sum(),
                    randn(seed, 3, n, classes), TOL);
        }
    }

    @Property(tries = 40)
    void bceWithLogitsGradientMatchesNumericalDerivative(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n) {
        Tensor y = Tensor.rand(new Generator(seed + 1), DType.FLOAT64, n);
        assertGradientMatchesCentralDifferences(x -> Losses.binaryCrossEntropyWithLogits(x, y), randn(seed, 4, n), TOL);
    }

    @Property(tries = 40)
    void mseAndHuberGradientsMatchNumericalDerivative(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int n,
            @ForAll @DoubleRange(min = 0.1, max = 3) double delta) {
        Tensor target = randn(seed + 1, 2, n);
        assertGradientMatchesCentralDifferences(x -> Losses.mseLoss(x, target, Reduction.SUM), randn(seed, 2, n), TOL);
        assertGradientMatchesCentralDifferences(x -> Losses.huberLoss(x, target, delta), randn(seed, 2, n), TOL);
    }
}

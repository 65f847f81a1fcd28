package org.autodiff.nn.loss;

import java.util.Arrays;
import org.autodiff.core.DType;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Class-index targets of {@link Losses#nllLoss} and {@link Losses#crossEntropy}, checked against
 * their input and turned into constants: for an input [N, C, d₁, ...] (class dimension 1) or an
 * unbatched [C] (class dimension 0), the target is an int64 tensor of the input's shape without the
 * class dimension and holds at each position a class in [0, C) or the ignore index.
 *
 * <p>Losses read the target's scores with {@link #pick}, a {@code where} on a constant one-hot
 * mask, rather than by multiplying with a one-hot tensor, so an infinite score at another class
 * cannot turn into a NaN (∞·0).
 */
final class ClassTargets {
    /** The class dimension of the input: 1, or 0 for an unbatched [C] input. */
    final int classDim;
    /** The number of classes C. */
    final int classes;
    /** True at each kept position's target class, shaped like the input. */
    private final Tensor oneHot;
    /** Each position's class weight ({@code weight[t]}, or 1 without weights), 0 where ignored; the target's shape. */
    final Tensor positionWeight;
    /** True at kept positions, false at ignored ones; the target's shape. */
    final Tensor kept;
    /** The sum of {@link #positionWeight}: the divisor of a weighted mean, as PyTorch's total weight. */
    final double weightSum;
    /** The number of kept (not ignored) positions. */
    final int keptCount;

    private ClassTargets(int classDim, int classes, Tensor oneHot, Tensor positionWeight, Tensor kept, double weightSum,
            int keptCount) {
        this.classDim = classDim;
        this.classes = classes;
        this.oneHot = oneHot;
        this.positionWeight = positionWeight;
        this.kept = kept;
        this.weightSum = weightSum;
        this.keptCount = keptCount;
    }

    /**
     * Checks {@code target} (and {@code weight}, null for none) against {@code input} and builds the constants.
     *
     * @throws IllegalArgumentException naming {@code op}, the shapes and the first bad value
     */
    static ClassTargets of(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex) {
        if (input.dim() == 0) {
            throw new IllegalArgumentException(op + ": input must be [N, C, ...] or [C], got a 0-d tensor");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        int classes = input.size(classDim);
        Shape expected = input.shape().remove(classDim);
        if (!target.shape().equals(expected)) {
            throw new IllegalArgumentException(op + ": class-index target of shape " + target.shape() + " for input of shape "
                    + input.shape() + " must have shape " + expected + " (the input's without the class dim " + classDim
                    + ")");
        }
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": class-index target must be int64, got " + target.dtype()
                    + " (target of shape " + target.shape() + " for input of shape " + input.shape() + ")");
        }
        double[] w = classWeights(op, weight, classes);
        long[] t = target.toLongArray();
        int inner = 1;
        for (int d = classDim + 1; d < input.dim(); d++) {
            inner *= input.size(d);
        }
        boolean[] oneHot = new boolean[input.numel()];
        double[] positionWeight = new double[t.length];
        boolean[] kept = new boolean[t.length];
        double weightSum = 0;
        int keptCount = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) {
                continue;
            }
            if (t[i] < 0 || t[i] >= classes) {
                throw new IllegalArgumentException(op + ": target " + t[i] + " at position " + i
                        + " is not a class index in [0, " + classes + ") for input of shape " + input.shape()
                        + " (nor the ignore index " + ignoreIndex + ")");
            }
            int c = (int) t[i];
            oneHot[(i / inner * classes + c) * inner + i % inner] = true;
            positionWeight[i] = w == null ? 1 : w[c];
            kept[i] = true;
            weightSum += positionWeight[i];
            keptCount++;
        }
        return new ClassTargets(classDim, classes, Tensor.wrap(oneHot, input.shape()),
                Tensor.wrap(positionWeight, expected).to(input.dtype()), Tensor.wrap(kept, expected), weightSum, keptCount);
    }

    /**
     * Each position's score at its target class (0 where ignored), the target's shape; differentiable in {@code scores}.
     *
     * @param scores a tensor shaped like the input
     * @return the picked scores
     */
    Tensor pick(Tensor scores) {
        return Tensor.where(oneHot, scores, Tensor.zerosLike(scores)).sum(classDim, false);
    }

    /**
     * The class weights as a tensor that broadcasts along the input's class dimension.
     *
     * @param weight the [C] weights
     * @param input the input
     * @return {@code weight} reshaped to [1, C, 1, ...] (or [C] for an unbatched input), in the input's dtype
     */
    static Tensor alongClasses(Tensor weight, Tensor input) {
        int classDim = input.dim() == 1 ? 0 : 1;
        int[] shape = new int[input.dim()];
        Arrays.fill(shape, 1);
        shape[classDim] = weight.numel();
        return weight.detach().to(input.dtype()).reshape(shape);
    }

    /**
     * The values of a [C] class weight, or null for none.
     *
     * @throws IllegalArgumentException naming {@code op} if it is not a 1-d tensor of C values
     */
    static double[] classWeights(String op, Tensor weight, int classes) {
        if (weight == null) {
            return null;
        }
        if (weight.dim() != 1 || weight.size(0) != classes) {
            throw new IllegalArgumentException(op + ": class weight of shape " + weight.shape() + " must have shape ["
                    + classes + "], one weight per class");
        }
        return weight.toDoubleArray();
    }
}

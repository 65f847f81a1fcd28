package org.autodiff.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Fixed sample inputs at the points random generation rarely hits: zero-size and 0-d tensors,
 * zeros, large magnitudes, kinks and ties, broadcasting shapes. Shared by the registry's families.
 */
final class Samples {
    private Samples() {
    }

    /**
     * A float64 tensor of the given values and shape.
     *
     * @param shape the shape
     * @param values the values, as many as the shape holds
     * @return the tensor
     */
    static Tensor t(Shape shape, double... values) {
        return Tensor.wrap(values.clone(), shape);
    }

    /**
     * Samples of a unary elementwise op: a zero-size tensor, a 0-d one at {@code typical}, zeros
     * when 0 is a smooth point, the large magnitudes and the kinks (marked as such).
     *
     * @param name the op's name
     * @param f the op
     * @param typical a smooth point
     * @param zeroIsSmooth whether the op is smooth at 0
     * @param large large magnitudes inside the domain
     * @param kinks the points where the op is not differentiable (but finite)
     * @return the samples
     */
    static List<OpCase> unary(String name, Function<Tensor, Tensor> f, double typical, boolean zeroIsSmooth,
                              double[] large, double... kinks) {
        Function<Tensor[], Tensor> g = in -> f.apply(in[0]);
        List<OpCase> samples = new ArrayList<>();
        samples.add(OpCase.of(name + " of a zero-size tensor", g, Tensor.wrap(new double[0], Shape.of(0, 3))));
        samples.add(OpCase.of(name + " of a 0-d tensor", g, Tensor.scalar(typical)));
        if (zeroIsSmooth) {
            samples.add(OpCase.of(name + " of zeros", g, Tensor.wrap(new double[6], Shape.of(2, 3))));
        }
        if (large.length > 0) {
            samples.add(OpCase.of(name + " of large magnitudes", g, t(Shape.of(large.length), large)));
        }
        if (kinks.length > 0) {
            samples.add(OpCase.of(name + " at its kinks", g, t(Shape.of(kinks.length), kinks)).atKink());
        }
        return samples;
    }

    /**
     * Samples of a broadcasting binary op: [3, 1] with [4], a 0-d operand with [2, 3], ties
     * (equal operands), large magnitudes and a zero-size operand, inputs from the given value
     * makers.
     *
     * @param name the op's name
     * @param f the op
     * @param left values of the left operand's domain, cycled
     * @param right values of the right operand's domain, cycled
     * @param largeLeft large magnitudes for the left operand
     * @param largeRight large magnitudes for the right operand, as many
     * @return the samples
     */
    static List<OpCase> binary(String name, Function<Tensor[], Tensor> f, double[] left, double[] right,
                               double[] largeLeft, double[] largeRight) {
        List<OpCase> samples = new ArrayList<>();
        samples.add(OpCase.of(name + " broadcasting [3, 1] with [4]", f, cycle(Shape.of(3, 1), left),
                cycle(Shape.of(4), right)));
        samples.add(OpCase.of(name + " broadcasting [] with [2, 3]", f, cycle(Shape.SCALAR, left),
                cycle(Shape.of(2, 3), right)));
        samples.add(OpCase.of(name + " broadcasting [2, 3] with []", f, cycle(Shape.of(2, 3), left),
                cycle(Shape.SCALAR, right)));
        samples.add(OpCase.of(name + " of large magnitudes", f, t(Shape.of(largeLeft.length), largeLeft),
                t(Shape.of(largeRight.length), largeRight)));
        samples.add(OpCase.of(name + " of a zero-size tensor", f, Tensor.wrap(new double[0], Shape.of(0, 3)),
                cycle(Shape.of(3), right)));
        return samples;
    }

    /**
     * A tensor of the given shape filled with {@code values} over and over.
     *
     * @param shape the shape
     * @param values the values to cycle
     * @return the tensor
     */
    static Tensor cycle(Shape shape, double... values) {
        double[] v = new double[shape.numel()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i % values.length];
        }
        return Tensor.wrap(v, shape);
    }
}

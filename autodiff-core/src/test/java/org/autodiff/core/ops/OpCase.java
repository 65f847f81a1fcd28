package org.autodiff.core.ops;

import java.util.Arrays;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import org.autodiff.check.GradCheck;
import org.autodiff.core.Tensor;

/**
 * One generated test case of an op: its name, the function under test (constants such as an
 * index or a mask already captured) and float64 inputs to differentiate at. The op tables of
 * the property classes are lists of these, fed to one property per law. {@code precision} is
 * the relative rounding error of the computation (float64's unless the op goes through float32),
 * the tolerance of the exact adjoint law.
 */
record OpCase(String name, Function<Tensor[], Tensor> f, Tensor[] inputs, GradCheck.Options options, double precision) {
    static final double FLOAT64_PRECISION = 1e-10;

    OpCase(String name, Function<Tensor[], Tensor> f, Tensor[] inputs, GradCheck.Options options) {
        this(name, f, inputs, options, FLOAT64_PRECISION);
    }

    /** Cases of {@code name}: f at every input tuple the arbitrary generates. */
    static Arbitrary<OpCase> of(String name, Arbitrary<Tensor[]> inputs, Function<Tensor[], Tensor> f) {
        return inputs.map(in -> new OpCase(name, f, in, GradCheck.Options.DEFAULT));
    }

    /** Cases of a unary op over one generated tensor. */
    static Arbitrary<OpCase> unary(String name, Arbitrary<Tensor> input, Function<Tensor, Tensor> f) {
        return of(name, input.map(x -> new Tensor[] {x}), in -> f.apply(in[0]));
    }

    /** This case with other gradient-check options and adjoint-law precision. */
    OpCase with(GradCheck.Options o, double precision) {
        return new OpCase(name, f, inputs, o, precision);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" at ");
        Arrays.stream(inputs).forEach(t -> sb.append("\n  ").append(t.shape()).append(' ').append(t));
        return sb.toString();
    }
}

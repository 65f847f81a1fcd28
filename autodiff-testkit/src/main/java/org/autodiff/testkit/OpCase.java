package org.autodiff.testkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import org.autodiff.check.GradCheck;
import org.autodiff.core.Tensor;

/**
 * One test case of an op: the registry entry it belongs to, a description of its constant
 * arguments, the function under test (constants such as an index or a mask already captured)
 * and float64 inputs to differentiate at. The laws ({@link Laws}) take cases.
 *
 * <p>{@code smooth} says whether the op is differentiable in a neighbourhood of the inputs, so
 * that central differences measure its derivative; a case at a kink or a tie (relu at 0, max
 * of equal values) is not, and only the laws that hold at any point (reverse = forward, the
 * adjoint law, float32 = float64, broadcast = expanded) apply to it.
 *
 * @param op the registry entry's name, e.g. "mul"
 * @param name this case's description, e.g. "sum(dim -1, keepDim true)"
 * @param f the function under test, of float64 inputs
 * @param inputs the float64 inputs
 * @param options the gradient-check options (step, tolerances, modes)
 * @param precision the relative rounding error of the computation (float64's unless the op
 *     goes through float32): the tolerance of the exact laws
 * @param smooth whether central differences apply at these inputs
 */
public record OpCase(String op, String name, Function<Tensor[], Tensor> f, Tensor[] inputs,
                     GradCheck.Options options, double precision, boolean smooth) {
    /** The precision of the exact laws in float64: rounding in a short chain of float64 ops stays far below it. */
    public static final double FLOAT64_PRECISION = 1e-10;

    /**
     * Checks the components.
     *
     * @param op the registry entry's name
     * @param name this case's description
     * @param f the function under test
     * @param inputs the float64 inputs
     * @param options the gradient-check options
     * @param precision the tolerance of the exact laws
     * @param smooth whether central differences apply
     */
    public OpCase {
        Objects.requireNonNull(op, "OpCase: op");
        Objects.requireNonNull(name, "OpCase: name");
        Objects.requireNonNull(f, "OpCase: f");
        Objects.requireNonNull(options, "OpCase: options");
        inputs = inputs.clone();
    }

    /**
     * A smooth case with the default gradient-check options and float64 precision.
     *
     * @param name the op and its constant arguments, e.g. "sum(dim -1, keepDim true)"; the op's
     *     name is the part before the first '(' or ' '
     * @param f the function under test
     * @param inputs the float64 inputs
     * @return the case
     */
    public static OpCase of(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return new OpCase(opName(name), name, f, inputs, GradCheck.Options.DEFAULT, FLOAT64_PRECISION, true);
    }

    /**
     * Cases of {@code name}: f at every input tuple the arbitrary generates.
     *
     * @param name the op and its constant arguments
     * @param inputs the input tuples
     * @param f the function under test
     * @return the arbitrary
     */
    public static Arbitrary<OpCase> of(String name, Arbitrary<Tensor[]> inputs, Function<Tensor[], Tensor> f) {
        return inputs.map(in -> of(name, f, in));
    }

    /**
     * Cases of a unary op over one generated tensor.
     *
     * @param name the op and its constant arguments
     * @param input the generated input
     * @param f the op
     * @return the arbitrary
     */
    public static Arbitrary<OpCase> unary(String name, Arbitrary<Tensor> input, Function<Tensor, Tensor> f) {
        return of(name, input.map(x -> new Tensor[] {x}), in -> f.apply(in[0]));
    }

    /**
     * The inputs (a copy of the array).
     *
     * @return the float64 inputs
     */
    @Override
    public Tensor[] inputs() {
        return inputs.clone();
    }

    /**
     * This case with other gradient-check options and exact-law precision.
     *
     * @param o the options
     * @param precision the tolerance of the exact laws
     * @return the new case
     */
    public OpCase with(GradCheck.Options o, double precision) {
        return new OpCase(op, name, f, inputs, o, precision, smooth);
    }

    /**
     * This case marked as lying at a kink or a tie, where only the exact laws apply.
     *
     * @return the new case
     */
    public OpCase atKink() {
        return new OpCase(op, name, f, inputs, options, precision, false);
    }

    /**
     * This case under another entry's name (its description kept).
     *
     * @param entry the registry entry's name
     * @return the new case
     */
    public OpCase of(String entry) {
        return new OpCase(entry, name, f, inputs, options, precision, smooth);
    }

    /**
     * Applies the function to the given inputs.
     *
     * @param in the inputs
     * @return f(in)
     */
    public Tensor apply(Tensor... in) {
        return f.apply(in);
    }

    private static String opName(String name) {
        int end = name.length();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '(' || c == ' ') {
                end = i;
                break;
            }
        }
        return name.substring(0, end);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(smooth ? "" : " (at a kink)").append(" at ");
        Arrays.stream(inputs).forEach(t -> sb.append("\n  ").append(t.shape()).append(' ').append(t));
        return sb.toString();
    }
}

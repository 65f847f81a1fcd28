package org.autodiff.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Random differentiable programs ({@link Program}) and inputs to run them at. A program is
 * generated as a list of raw instructions (op, operand choices, dim) decoded against the values
 * computed so far, so jqwik shrinks a failing program by dropping and simplifying instructions:
 * a failure ends as a minimal program.
 *
 * <pre>{@code
 * @Property(tries = 200)
 * void programsObeyTheLaws(@ForAll("programs") OpCase c) {
 *     Laws.numericMatchesReverse(c);
 *     Laws.totalDerivativeIsSumOverIntermediates(c, 1);
 * }
 *
 * @Provide
 * Arbitrary<OpCase> programs() {
 *     return ProgramArbitraries.cases();
 * }
 * }</pre>
 */
public final class ProgramArbitraries {
    /** The most steps a generated program has. */
    public static final int MAX_STEPS = 8;

    private ProgramArbitraries() {
    }

    /**
     * Programs of 1 to 3 broadcast-compatible inputs and 1 to {@link #MAX_STEPS} steps.
     *
     * @return the arbitrary
     */
    public static Arbitrary<Program> programs() {
        return Arbitraries.integers().between(1, 3).flatMap(n -> Combinators.combine(
                TensorArbitraries.broadcastTuples(n),
                instruction().list().ofMinSize(1).ofMaxSize(MAX_STEPS)).as((shapes, raw) -> decode(shapes, raw)));
    }

    /**
     * Programs at inputs in [−2, 2], as cases for the laws.
     *
     * @return the arbitrary
     */
    public static Arbitrary<OpCase> cases() {
        return programs().flatMap(p -> {
            List<Arbitrary<Tensor>> inputs = new ArrayList<>();
            for (Shape s : p.inputShapes()) {
                inputs.add(TensorArbitraries.tensors(s));
            }
            return Combinators.combine(inputs).as(l -> p.at(l.toArray(new Tensor[0])));
        });
    }

    private static Arbitrary<int[]> instruction() {
        // op, first operand (counted back from the newest value), second operand (from the oldest), dim.
        return Combinators.combine(Arbitraries.integers().between(0, Program.Op.values().length - 1),
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 3)).as((op, a, b, dim) -> new int[] {op, a, b, dim});
    }

    /**
     * Decodes raw instructions: the first operand counts back from the newest value (0 = the
     * previous step, so small numbers, which shrinking prefers, make chains), the second from
     * the oldest (so it reaches back and shares an earlier value).
     */
    private static Program decode(Shape[] shapes, List<int[]> raw) {
        List<Program.Step> steps = new ArrayList<>();
        int values = shapes.length;
        for (int[] r : raw) {
            int a = values - 1 - r[1] % values;
            int b = r[2] % values;
            steps.add(new Program.Step(Program.Op.values()[r[0]], a, b, r[3]));
            values++;
        }
        return new Program(Arrays.asList(shapes), steps);
    }
}

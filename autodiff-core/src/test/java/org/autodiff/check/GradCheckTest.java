package org.autodiff.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.check.GradCheckReport.Mode;
import org.autodiff.core.DType;
import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class GradCheckTest {
    private static final Tensor X = Tensor.of(new double[] {0.3, -1.2, 0.7, 2.0, -0.4, 1.1}, 2, 3);

    /** y = x³ with both rules right; {@code wrongAt} ≥ 0 breaks one element of the chosen rule. */
    private static final class Cube extends Primitive {
        private final boolean wrongVjp;
        private final boolean wrongJvp;

        Cube(boolean wrongVjp, boolean wrongJvp) {
            this.wrongVjp = wrongVjp;
            this.wrongJvp = wrongJvp;
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        private Tensor derivative(boolean wrong) {
            Tensor d = input(0).square().mul(3);
            // The wrong rule is off only at element [1, 2], so the report must find that element.
            return wrong ? d.add(Tensor.of(new double[] {0, 0, 0, 0, 0, 0.5}, 2, 3)) : d;
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(derivative(wrongVjp))};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(derivative(wrongJvp));
        }
    }

    @Test
    void aCorrectCustomOpPasses() {
        GradCheckReport report = GradCheck.run(GradCheck.Options.DEFAULT, in -> new Cube(false, false).apply(in[0]), X);
        assertTrue(report.passed(), report::toString);
        // Both modes compare all 6 × 6 Jacobian elements.
        assertEquals(2 * 36, report.compared());
        GradCheck.check(in -> new Cube(false, false).apply(in[0]), X);
    }

    @Test
    void aWrongVjpIsReportedWithItsElementAndMode() {
        GradCheckFailure failure = assertThrows(GradCheckFailure.class,
                () -> GradCheck.check(in -> new Cube(true, false).apply(in[0]), X));
        GradCheckReport.Mismatch worst = failure.report().worst();
        assertEquals(Mode.REVERSE, worst.mode());
        assertEquals(0, worst.input());
        assertArrayEquals(new int[] {1, 2}, worst.inputIndex());
        assertArrayEquals(new int[] {1, 2}, worst.outputIndex());
        assertEquals(3 * 1.1 * 1.1 + 0.5, worst.analytic(), 1e-12);
        assertEquals(3 * 1.1 * 1.1, worst.numerical(), 1e-8);
        String message = failure.getMessage();
        assertTrue(message.contains("reverse mode") && message.contains("[1, 2]") && message.contains("input 0"), message);
    }

    @Test
    void aWrongJvpOnlyIsCaughtByForwardMode() {
        GradCheckReport report = GradCheck.run(GradCheck.Options.DEFAULT, in -> new Cube(false, true).apply(in[0]), X);
        assertFalse(report.passed());
        assertEquals(Mode.FORWARD, report.worst().mode());
        assertArrayEquals(new int[] {1, 2}, report.worst().inputIndex());
        assertTrue(report.toString().contains("forward mode"), report::toString);
        // Reverse mode alone does not see it.
        assertTrue(GradCheck.run(GradCheck.Options.DEFAULT.withModes(true, false),
                in -> new Cube(false, true).apply(in[0]), X).passed());
    }

    @Test
    void theWorstElementNamesTheInputAmongSeveral() {
        Tensor w = Tensor.of(new double[] {0.5, -0.25}, 2);
        // Input 1 feeds through the broken op, input 0 through a correct one.
        GradCheckFailure failure = assertThrows(GradCheckFailure.class, () -> GradCheck.check(
                in -> in[0].mul(2).add(new Cube(true, false).apply(in[1].reshape(2, 1).expand(2, 3).copy())), X, w));
        assertEquals(1, failure.report().worst().input());
        assertArrayEquals(new int[] {1}, failure.report().worst().inputIndex());
    }

    /** sin whose VJP is right in value but treats cos(x) as a constant: wrong second derivative. */
    private static final class SinWithDetachedRule extends Primitive {
        @Override protected Tensor forward(Tensor[] x) { return x[0].sin(); }
        @Override protected Tensor[] vjp(Tensor g)    { return new Tensor[] {g.mul(input(0).detach().cos())}; }
        @Override protected Tensor jvp(Tensor[] t)    { return t[0].mul(input(0).cos()); }
    }

    @Test
    void gradGradCheckCatchesAFirstOrderRuleThatIsNotDifferentiable() {
        GradCheck.check(in -> new SinWithDetachedRule().apply(in[0]), X);
        GradCheckFailure failure = assertThrows(GradCheckFailure.class,
                () -> GradCheck.gradGradCheck(in -> new SinWithDetachedRule().apply(in[0]), X));
        assertEquals(0, failure.report().worst().input());
        GradCheck.gradGradCheck(in -> in[0].sin().mul(in[0]), X);
    }

    @Test
    void float32InputsAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in[0].exp(), X.to(DType.FLOAT32)));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("float64"), e.getMessage());
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in[0].exp().to(DType.FLOAT32), X));
        assertTrue(out.getMessage().contains("output"), out.getMessage());
    }

    @Test
    void aFixedStepAndTighterTolerancesAreHonoured() {
        GradCheck.Options pytorch = GradCheck.Options.DEFAULT.withStep(1e-6);
        GradCheck.check(pytorch, in -> in[0].exp().sum(), X);
        // With zero tolerance, rounding in the difference quotient alone fails the check.
        assertFalse(GradCheck.run(pytorch.withTolerance(0, 0), in -> in[0].exp(), X).passed());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.DEFAULT.withStep(0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.Options.DEFAULT.withModes(false, false));
    }

    @Test
    void anOutputThatIgnoresAnInputHasAZeroJacobianForIt() {
        Tensor unused = Tensor.of(new double[] {1, 2}, 2);
        GradCheck.check(in -> in[0].sin(), X, unused);
    }

    @Test
    void aScalarOutputAndAScalarInputWork() {
        GradCheck.check(in -> in[0].mul(in[1]).sum(), X, Tensor.scalar(0.7));
        GradCheck.gradGradCheck(in -> in[0].mul(in[1]).exp().sum(), X, Tensor.scalar(0.7));
    }
}

package org.autodiff.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import org.autodiff.core.DType;
import org.autodiff.core.Primitive;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** Each law passes on a correct op and catches the kind of mistake it exists for, naming law, op and element. */
class LawsTest {
    private static final Tensor X = Tensor.of(new double[] {0.5, -1.25, 0.75}, 3);
    private static final Tensor Y = Tensor.of(new double[] {1.5, 0.25, -0.6}, 3);

    /** x³ with correct rules. */
    static class Cube extends Primitive {
        @Override
        protected Tensor forward(Tensor[] x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(input(0).square()).mul(3)};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(input(0).square()).mul(3);
        }
    }

    /** x³ whose reverse rule says 2x². */
    static class WrongVjp extends Cube {
        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(input(0).square()).mul(2)};
        }
    }

    /** x³ whose forward rule says 2x². */
    static class WrongJvp extends Cube {
        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(input(0).square()).mul(2);
        }
    }

    /** x³ whose reverse rule is not differentiable: it reads x detached, so grad-of-grad misses 6x. */
    static class DetachedVjp extends Cube {
        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(input(0).detach().square()).mul(3)};
        }
    }

    /** x³ whose reverse rule is not linear in the incoming gradient: it takes |g|. */
    static class NonlinearVjp extends Cube {
        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.abs().mul(input(0).square()).mul(3)};
        }
    }

    /** x·y² whose rule for x reads y detached: first derivatives right, the mixed second derivative lost on one side. */
    static class AsymmetricSecondOrder extends Primitive {
        @Override
        protected Tensor forward(Tensor[] in) {
            return in[0].mul(in[1].square());
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {g.mul(input(1).detach().square()), g.mul(input(0)).mul(input(1)).mul(2)};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return t[0].mul(input(1).square()).add(t[1].mul(input(0)).mul(input(1)).mul(2));
        }
    }

    private static OpCase cube(Object unused, java.util.function.Supplier<Primitive> op) {
        return OpCase.of("cube", in -> op.get().apply(in), X);
    }

    @Test
    void aCorrectPrimitivePassesEveryLaw() {
        assertDoesNotThrow(() -> Laws.checkAll("cube", Cube::new, X));
    }

    @Test
    void aWrongReverseRuleBreaksNumericEqualsReverseNamingTheWorstElement() {
        LawViolation v = assertThrows(LawViolation.class, () -> Laws.numericMatchesReverse(cube(null, WrongVjp::new)));
        assertEquals(Laws.NUMERIC_EQUALS_REVERSE, v.law());
        assertEquals("cube", v.op());
        // The worst element is the largest x (−1.25): error 1.25² = 1.5625 against the numerical 4.6875.
        assertTrue(v.getMessage().contains("[1]"), v::getMessage);
        assertTrue(v.getMessage().contains("-1.25"), "the inputs are shown: " + v.getMessage());
        assertThrows(LawViolation.class, () -> Laws.reverseMatchesForward(cube(null, WrongVjp::new)));
        assertThrows(LawViolation.class, () -> Laws.jvpAndVjpAreAdjoint(cube(null, WrongVjp::new), 1));
    }

    @Test
    void aWrongForwardRuleBreaksReverseEqualsForwardAndTheAdjointLaw() {
        assertDoesNotThrow(() -> Laws.numericMatchesReverse(cube(null, WrongJvp::new)));
        LawViolation v = assertThrows(LawViolation.class, () -> Laws.reverseMatchesForward(cube(null, WrongJvp::new)));
        assertEquals(Laws.REVERSE_EQUALS_FORWARD, v.law());
        assertTrue(v.worst().contains("reverse 4.6875 vs forward 3.125"), v::getMessage);
        assertEquals(Laws.ADJOINT, assertThrows(LawViolation.class,
                () -> Laws.jvpAndVjpAreAdjoint(cube(null, WrongJvp::new), 7)).law());
        LawViolation both = assertThrows(LawViolation.class, () -> Laws.numericMatchesBothModes(cube(null, WrongJvp::new)));
        assertTrue(both.worst().startsWith("forward mode (JVP)"), both::getMessage);
        assertDoesNotThrow(() -> Laws.numericMatchesBothModes(cube(null, Cube::new)));
    }

    @Test
    void aReverseRuleOnDetachedValuesBreaksSecondOrderOnly() {
        assertDoesNotThrow(() -> Laws.numericMatchesReverse(cube(null, DetachedVjp::new)));
        assertDoesNotThrow(() -> Laws.reverseMatchesForward(cube(null, DetachedVjp::new)));
        assertEquals(Laws.SECOND_ORDER, assertThrows(LawViolation.class,
                () -> Laws.secondOrderMatchesNumeric(cube(null, DetachedVjp::new))).law());
    }

    @Test
    void aMixedSecondDerivativeLostOnOneSideBreaksHessianSymmetry() {
        OpCase c = OpCase.of("xy2", in -> new AsymmetricSecondOrder().apply(in), X, Y);
        assertDoesNotThrow(() -> Laws.numericMatchesReverse(c));
        LawViolation v = assertThrows(LawViolation.class, () -> Laws.hessianIsSymmetric(c, 3));
        assertEquals(Laws.SYMMETRIC_HESSIAN, v.law());
        assertTrue(v.worst().startsWith("H["), v::getMessage);
    }

    @Test
    void aReverseRuleNotLinearInTheGradientBreaksTheTotalDerivativeOverSharedPaths() {
        // w = cube(x) reaches L by two paths, with gradients of opposite sign: |g₁ + g₂| ≠ |g₁| + |g₂|.
        LawViolation v = assertThrows(LawViolation.class, () -> Laws.totalDerivativeIsSumOverIntermediates("shared cube",
                in -> {
                    Tensor w = new NonlinearVjp().apply(in[0]);
                    return new Tensor[] {w.mul(2), w.mul(-3)};
                }, u -> u[0].add(u[1]).sum(), OpCase.FLOAT64_PRECISION, X));
        assertEquals(Laws.TOTAL_DERIVATIVE, v.law());
        assertTrue(v.worst().contains("sum over 2 intermediates"), v::getMessage);
        assertDoesNotThrow(() -> Laws.totalDerivativeIsSumOverIntermediates("shared cube", in -> {
            Tensor w = new Cube().apply(in[0]);
            return new Tensor[] {w.mul(2), w.mul(-3)};
        }, u -> u[0].add(u[1]).sum(), OpCase.FLOAT64_PRECISION, X));
    }

    @Test
    void anOpThatDependsOnTheDtypeBreaksFloat32EqualsFloat64() {
        OpCase c = OpCase.of("drift", in -> in[0].dtype() == DType.FLOAT32 ? in[0].mul(1.001) : in[0], X);
        assertEquals(Laws.FLOAT32, assertThrows(LawViolation.class, () -> Laws.float32MatchesFloat64(c, 1e-4, 1)).law());
        assertDoesNotThrow(() -> Laws.float32MatchesFloat64(OpCase.of("exp", in -> in[0].exp(), X), 1e-4, 1));
    }

    @Test
    void anOpThatReducesABroadcastOperandBreaksBroadcastEqualsExpanded() {
        Tensor b = Tensor.of(new double[] {0.5}, 1);
        OpCase c = OpCase.of("a + sum(b)", in -> in[0].add(in[1].sum()), X, b);
        assertEquals(Laws.BROADCAST, assertThrows(LawViolation.class, () -> Laws.broadcastEqualsExpanded(c, 1)).law());
        assertDoesNotThrow(() -> Laws.broadcastEqualsExpanded(OpCase.of("add", in -> in[0].add(in[1]), X, b), 1));
    }

    @Test
    void anErrorInputThatDoesNotRaiseOrRaisesTheWrongThingBreaksTheErrorLaw() {
        OpInfo silent = OpInfo.builder("lenient").cases(Arbitraries.just(OpCase.of("exp", in -> in[0].exp(), X)))
                .errors(ErrorInput.of("no problem at all", IllegalArgumentException.class, () -> X.exp(), "exp"))
                .build();
        assertTrue(assertThrows(LawViolation.class, () -> Laws.errorInputsRaise(silent)).worst().contains("no exception"));
        OpInfo wrongText = OpInfo.builder("reshape").cases(Arbitraries.just(OpCase.of("exp", in -> in[0].exp(), X)))
                .errors(ErrorInput.of("reshape to 4", IllegalArgumentException.class, () -> X.reshape(4), "no such text"))
                .build();
        assertTrue(assertThrows(LawViolation.class, () -> Laws.errorInputsRaise(wrongText)).worst().contains("lacks"));
    }

    @Test
    void checkAllFindsAWrongRuleInAUsersPrimitive() {
        LawViolation v = assertThrows(LawViolation.class, () -> Laws.checkAll("cube", WrongVjp::new,
                Tensor.wrap(new double[] {0.5, -1.25}, Shape.of(2))));
        assertEquals(Laws.NUMERIC_EQUALS_REVERSE, v.law());
    }
}

package org.autodiff.core.scalar;

import static org.autodiff.core.scalar.ExpressionArbitraries.expressions;
import static org.autodiff.core.scalar.ExpressionArbitraries.points;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.autodiff.check.CentralDifference;
import org.autodiff.core.scalar.ExpressionArbitraries.FunctionAtPoint;

/**
 * The laws that automatic derivatives obey, checked on random expression trees over every
 * operation of {@link Num} (see {@link ExpressionArbitraries} for how the trees stay smooth).
 */
class DerivativesProperties {

    /** Rounding in a sum of products of a few dozen factors stays far below this (observed ~1e-15). */
    private static final double ROUNDING = 1e-12;

    @Property(tries = 1000)
    void reverseModeMatchesCentralDifferences(@ForAll("functionsAtPoints") FunctionAtPoint c) {
        double[] automatic = Derivatives.reverse(c.f(), c.x());
        ToDoubleFunction<double[]> f = point -> Derivatives.value(c.f(), point);
        for (int i = 0; i < c.inputs(); i++) {
            int index = i;
            double h = CentralDifference.step(c.x()[i]);
            double numerical = CentralDifference.partial(f, c.x(), i, h);
            // The truncation error of a central difference falls fourfold when h halves, so
            // |D(h) − D(2h)| is about three times the error of D(h): a tolerance that grows
            // with the function's curvature (some trees oscillate fast) and is tiny otherwise.
            // The first term covers rounding of the quotient, ~ε/∛ε ≈ 4e-11 relative.
            double truncation = Math.abs(numerical - CentralDifference.partial(f, c.x(), i, 2 * h));
            // Where halving h moves the central difference by more than a percent, the tree
            // oscillates too fast at this point (e.g. sin((3x)⁹) near x = 1) for a central
            // difference to judge anything: such a point is discarded, not passed.
            Assume.that(truncation <= 0.01 * Math.max(1, Math.abs(numerical)));
            double tolerance = 1e-7 * max(1, Math.abs(automatic[i]), Math.abs(numerical)) + truncation;
            assertTrue(Math.abs(automatic[i] - numerical) <= tolerance,
                    () -> "∂f/∂x" + index + ": reverse mode " + automatic[index] + ", central difference "
                            + numerical + ", tolerance " + tolerance);
        }
    }

    @Property(tries = 1000)
    void reverseModeEqualsForwardMode(@ForAll("functionsAtPoints") FunctionAtPoint c) {
        double[] reverse = Derivatives.reverse(c.f(), c.x());
        double[] forward = Derivatives.forward(c.f(), c.x());
        for (int i = 0; i < c.inputs(); i++) {
            // Same local partials, summed in another order: only rounding may differ.
            double tolerance = ROUNDING * max(1, Math.abs(reverse[i]), Math.abs(forward[i]));
            assertTrue(Math.abs(reverse[i] - forward[i]) <= tolerance,
                    "∂f/∂x" + i + ": reverse " + reverse[i] + ", forward " + forward[i]);
        }
    }

    /** L(u1(x), …, um(x)) with each uj a random tree over x and L a random tree over u. */
    record Composition(Expression outer, List<Expression> inner, double[] x) implements ScalarFunction {
        @Override
        public <T extends Num<T>> T apply(List<T> x) {
            List<T> u = new ArrayList<>(inner.size());
            for (Expression uj : inner) {
                u.add(uj.apply(x));
            }
            return outer.apply(u);
        }

        @Override
        public String toString() {
            return "L(u) = " + outer + " with u = " + inner + " at x = " + Arrays.toString(x);
        }
    }

    @Property(tries = 1000)
    void totalDerivativeIsSumOverIntermediates(@ForAll("compositions") Composition c) {
        int m = c.inner().size();
        double[] u = new double[m];
        double[][] innerGradients = new double[m][];
        for (int j = 0; j < m; j++) {
            u[j] = Derivatives.value(c.inner().get(j), c.x());
            innerGradients[j] = Derivatives.reverse(c.inner().get(j), c.x());
        }
        double[] outerGradient = Derivatives.reverse(c.outer(), u);
        double[] whole = Derivatives.reverse(c, c.x());
        for (int i = 0; i < c.x().length; i++) {
            double sum = 0;
            double sumOfMagnitudes = 0;
            for (int j = 0; j < m; j++) {
                double term = outerGradient[j] * innerGradients[j][i];
                sum += term;
                sumOfMagnitudes += Math.abs(term);
            }
            double tolerance = ROUNDING * Math.max(1, sumOfMagnitudes);
            assertTrue(Math.abs(whole[i] - sum) <= tolerance,
                    "∂L/∂x" + i + ": whole graph " + whole[i] + ", Σj ∂L/∂uj·∂uj/∂xi = " + sum);
        }
    }

    /** Two random trees over the same inputs, two coefficients and a point. */
    record LinearCombination(Expression f, Expression g, double a, double b, double[] x) implements ScalarFunction {
        @Override
        public <T extends Num<T>> T apply(List<T> x) {
            return f.apply(x).mul(a).add(g.apply(x).mul(b));
        }

        @Override
        public String toString() {
            return a + "·f + " + b + "·g with f = " + f + ", g = " + g + " at x = " + Arrays.toString(x);
        }
    }

    @Property(tries = 1000)
    void gradientIsLinear(@ForAll("linearCombinations") LinearCombination c) {
        double[] whole = Derivatives.reverse(c, c.x());
        double[] gradientF = Derivatives.reverse(c.f(), c.x());
        double[] gradientG = Derivatives.reverse(c.g(), c.x());
        for (int i = 0; i < c.x().length; i++) {
            double aF = c.a() * gradientF[i];
            double bG = c.b() * gradientG[i];
            double tolerance = ROUNDING * Math.max(1, Math.abs(aF) + Math.abs(bG));
            assertTrue(Math.abs(whole[i] - (aF + bG)) <= tolerance,
                    "component " + i + ": ∇(af+bg) = " + whole[i] + ", a∇f + b∇g = " + (aF + bG));
        }
    }

    @Provide
    Arbitrary<FunctionAtPoint> functionsAtPoints() {
        return ExpressionArbitraries.functionsAtPoints();
    }

    @Provide
    Arbitrary<Composition> compositions() {
        return Arbitraries.integers().between(1, ExpressionArbitraries.MAX_INPUTS).flatMap(n ->
                Arbitraries.integers().between(1, 3).flatMap(m ->
                        Combinators.combine(expressions(m), expressions(n).list().ofSize(m), points(n))
                                .as(Composition::new)));
    }

    @Provide
    Arbitrary<LinearCombination> linearCombinations() {
        Arbitrary<Double> coefficients = Arbitraries.doubles().between(-3, 3);
        return Arbitraries.integers().between(1, ExpressionArbitraries.MAX_INPUTS).flatMap(n ->
                Combinators.combine(expressions(n), expressions(n), coefficients, coefficients, points(n))
                        .as(LinearCombination::new));
    }

    private static double max(double a, double b, double c) {
        return Math.max(a, Math.max(b, c));
    }
}

package org.autodiff.core.scalar;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.autodiff.core.scalar.Expression.Binary;
import org.autodiff.core.scalar.Expression.BinaryOp;
import org.autodiff.core.scalar.Expression.Constant;
import org.autodiff.core.scalar.Expression.Input;
import org.autodiff.core.scalar.Expression.Unary;
import org.autodiff.core.scalar.Expression.UnaryOp;
import org.autodiff.core.scalar.Expression.WithConstant;

/**
 * Random expression trees over every operation of {@link Num}, and points to evaluate them at.
 *
 * <p>Every tree is smooth at every point of [−2, 2]ⁿ, by construction rather than by
 * filtering: an operation that is undefined or has a kink somewhere gets an argument that
 * stays clear of it. log, sqrt, fractional powers and the base of {@code x^y} get
 * {@code softplus(e) + 0.1 ≥ 0.1}; a divisor gets ±(softplus(e) + 0.1); relu and abs get
 * ±(softplus(e) + 0.1) too, so each tree tests one side of the kink (the kink itself is a unit
 * test, as no difference quotient can check a subgradient); exp and a node exponent get
 * {@code 2·tanh(e)}, so that nested exponentials cannot overflow. These guards are ordinary
 * nodes of the tree and show in its printout.
 */
final class ExpressionArbitraries {
    /** The deepest nesting of generated operations; guards add a few fixed levels on top. */
    static final int MAX_DEPTH = 6;
    static final int MAX_INPUTS = 5;
    /** Every coordinate of a point, and every constant, lies in [−BOUND, BOUND]. */
    static final double BOUND = 2.0;

    private static final Double[] ANY_BASE_EXPONENTS = {2.0, 3.0};
    private static final Double[] POSITIVE_BASE_EXPONENTS = {-2.0, -1.0, -0.5, 0.5, 1.5};

    private ExpressionArbitraries() {
    }

    /** A function of a given number of inputs and a point in its domain. */
    record FunctionAtPoint(Expression f, double[] x) {
        int inputs() {
            return x.length;
        }

        @Override
        public String toString() {
            return "f = " + f + " at x = " + Arrays.toString(x);
        }
    }

    /** 1 to 5 inputs, a tree over them, and a point. */
    static Arbitrary<FunctionAtPoint> functionsAtPoints() {
        return Arbitraries.integers().between(1, MAX_INPUTS)
                .flatMap(n -> Combinators.combine(expressions(n), points(n)).as(FunctionAtPoint::new));
    }

    /** A point of [−2, 2]ⁿ. */
    static Arbitrary<double[]> points(int n) {
        return Arbitraries.doubles().between(-BOUND, BOUND).array(double[].class).ofSize(n);
    }

    /** A tree over inputs x0 … x(n−1), up to {@link #MAX_DEPTH} operations deep. */
    static Arbitrary<Expression> expressions(int n) {
        return expressions(n, MAX_DEPTH);
    }

    private static Arbitrary<Expression> expressions(int n, int depth) {
        if (depth == 0) {
            return leaves(n);
        }
        Arbitrary<Expression> sub = Arbitraries.lazy(() -> expressions(n, depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(1, leaves(n)),
                Tuple.of(3, unary(sub)),
                Tuple.of(3, binary(sub)));
    }

    private static Arbitrary<Expression> leaves(int n) {
        Arbitrary<Expression> input = Arbitraries.integers().between(0, n - 1).map(Input::new);
        Arbitrary<Expression> constant = constants().map(Constant::new);
        return Arbitraries.frequencyOf(Tuple.of(3, input), Tuple.of(1, constant));
    }

    private static Arbitrary<Double> constants() {
        return Arbitraries.doubles().between(-BOUND, BOUND).ofScale(2);
    }

    private static Arbitrary<Expression> unary(Arbitrary<Expression> sub) {
        return Combinators.combine(Arbitraries.of(UnaryOp.class), sub, Arbitraries.of(true, false))
                .as((op, e, negative) -> switch (op) {
                    case LOG, SQRT -> new Unary(op, positive(e));
                    case RELU, ABS -> new Unary(op, negative ? new Unary(UnaryOp.NEG, positive(e)) : positive(e));
                    case EXP -> new Unary(op, bounded(e));
                    default -> new Unary(op, e);
                });
    }

    private static Arbitrary<Expression> binary(Arbitrary<Expression> sub) {
        Arbitrary<Expression> twoTrees = Combinators.combine(Arbitraries.of(BinaryOp.class), sub, sub,
                        Arbitraries.of(true, false))
                .as((op, l, r, negative) -> switch (op) {
                    case DIV -> new Binary(op, l, negative ? new Unary(UnaryOp.NEG, positive(r)) : positive(r));
                    case POW -> new Binary(op, positive(l), bounded(r));
                    default -> new Binary(op, l, r);
                });
        Arbitrary<Expression> treeAndDouble = Combinators.combine(Arbitraries.of(BinaryOp.class), sub,
                        constants(), Arbitraries.of(ANY_BASE_EXPONENTS), Arbitraries.of(POSITIVE_BASE_EXPONENTS))
                .as((op, l, c, anyBaseExponent, positiveBaseExponent) -> switch (op) {
                    // a constant divisor kept away from 0 keeps the quotient's scale sane
                    case DIV -> new WithConstant(op, l, c >= 0 ? c + 0.5 : c - 0.5);
                    case POW -> c >= 0 ? new WithConstant(op, l, anyBaseExponent)
                            : new WithConstant(op, positive(l), positiveBaseExponent);
                    default -> new WithConstant(op, l, c);
                });
        return Arbitraries.oneOf(twoTrees, treeAndDouble);
    }

    /** softplus(e) + 0.1: at least 0.1 everywhere. */
    private static Expression positive(Expression e) {
        return new WithConstant(BinaryOp.ADD, new Unary(UnaryOp.SOFTPLUS, e), 0.1);
    }

    /** 2·tanh(e): within (−2, 2) everywhere. */
    private static Expression bounded(Expression e) {
        return new WithConstant(BinaryOp.MUL, new Unary(UnaryOp.TANH, e), 2.0);
    }
}

package org.autodiff.core.scalar;

import java.util.List;

/**
 * A random test function as a syntax tree, evaluable over any {@link Num} (so in reverse
 * mode, forward mode and plain arithmetic) and printed as the formula it computes, so that a
 * shrunk counterexample reads like maths.
 */
sealed interface Expression extends ScalarFunction {

    /** The i-th input, printed x0, x1, ... */
    record Input(int index) implements Expression {
        @Override
        public <T extends Num<T>> T apply(List<T> x) {
            return x.get(index);
        }

        @Override
        public String toString() {
            return "x" + index;
        }
    }

    /** A constant, lifted with {@link Num#constant(double)}. */
    record Constant(double value) implements Expression {
        @Override
        public <T extends Num<T>> T apply(List<T> x) {
            return x.get(0).constant(value);
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** A one-argument operation of {@link Num}. */
    record Unary(UnaryOp op, Expression argument) implements Expression {
        @Override
        public <T extends Num<T>> T apply(List<T> x) {
            return op.apply(argument.apply(x));
        }

        @Override
        public String toString() {
            return op.name().toLowerCase() + "(" + argument + ")";
        }
    }

    /** A two-argument operation of {@link Num} on two subtrees. */
    record Binary(BinaryOp op, Expression left, Expression right) implements Expression {
        @Override
        public <T extends Num<T>> T apply(List<T> x) {
            return op.apply(left.apply(x), right.apply(x));
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol + " " + right + ")";
        }
    }

    /** A two-argument operation whose right operand is a plain double (the double overloads). */
    record WithConstant(BinaryOp op, Expression left, double right) implements Expression {
        @Override
        public <T extends Num<T>> T apply(List<T> x) {
            return op.apply(left.apply(x), right);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol + " " + right + ")";
        }
    }

    /** The one-argument operations. */
    enum UnaryOp {
        NEG, EXP, LOG, SQRT, SIN, COS, TANH, SIGMOID, RELU, SOFTPLUS, ABS;

        <T extends Num<T>> T apply(T a) {
            return switch (this) {
                case NEG -> a.neg();
                case EXP -> a.exp();
                case LOG -> a.log();
                case SQRT -> a.sqrt();
                case SIN -> a.sin();
                case COS -> a.cos();
                case TANH -> a.tanh();
                case SIGMOID -> a.sigmoid();
                case RELU -> a.relu();
                case SOFTPLUS -> a.softplus();
                case ABS -> a.abs();
            };
        }
    }

    /** The two-argument operations. */
    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^");

        final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        <T extends Num<T>> T apply(T a, T b) {
            return switch (this) {
                case ADD -> a.add(b);
                case SUB -> a.sub(b);
                case MUL -> a.mul(b);
                case DIV -> a.div(b);
                case POW -> a.pow(b);
            };
        }

        <T extends Num<T>> T apply(T a, double b) {
            return switch (this) {
                case ADD -> a.add(b);
                case SUB -> a.sub(b);
                case MUL -> a.mul(b);
                case DIV -> a.div(b);
                case POW -> a.pow(b);
            };
        }
    }
}

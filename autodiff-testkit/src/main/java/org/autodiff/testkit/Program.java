package org.autodiff.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * A random differentiable program: a DAG of registry ops over some inputs, in which every step
 * may read any earlier value, so a value used twice (a shared subexpression) reaches the output
 * by several paths and its gradient is a sum over them. Each step infers its shape from its
 * operands; an operand whose shape does not broadcast with the other is summed to a 0-d value
 * first, and the ops with a domain (log, sqrt, a divisor, exp) read a guarded operand
 * (softplus(v) + 0.1, tanh(v)), so every program is smooth everywhere. Its text lists each step
 * with its shape:
 *
 * <pre>
 * x0: [2, 3]
 * x1: [3]
 * v2 = mul(tanh(x0), x1)   [2, 3]
 * v3 = softmax(v2, dim 1)   [2, 3]
 * v4 = add(v3, v2)   [2, 3]
 * out = v4
 * </pre>
 *
 * @param inputShapes the inputs' shapes
 * @param steps the steps, each reading inputs or earlier steps by index
 */
public record Program(List<Shape> inputShapes, List<Step> steps) {
    /**
     * Checks the components.
     *
     * @param inputShapes the inputs' shapes
     * @param steps the steps
     */
    public Program {
        inputShapes = List.copyOf(inputShapes);
        steps = List.copyOf(steps);
        if (inputShapes.isEmpty()) {
            throw new IllegalArgumentException("Program: at least one input");
        }
    }

    /** The ops a step may apply, each named after its registry entry. */
    public enum Op {
        /** tanh(a). */
        TANH("tanh"),
        /** sin(a). */
        SIN("sin"),
        /** sigmoid(a). */
        SIGMOID("sigmoid"),
        /** softplus(a). */
        SOFTPLUS("softplus"),
        /** exp(tanh(a)): bounded, so nested exponentials cannot overflow. */
        EXP("exp"),
        /** log(softplus(a) + 0.1). */
        LOG("log"),
        /** sqrt(softplus(a) + 0.1). */
        SQRT("sqrt"),
        /** a + b. */
        ADD("add"),
        /** a − b. */
        SUB("sub"),
        /** tanh(a) · b: bounded growth. */
        MUL("mul"),
        /** a / (softplus(b) + 0.1). */
        DIV("div"),
        /** a.sum(dim, keepDim true), or a.sum() for a 0-d a. */
        SUM("sum"),
        /** a.softmax(dim), or tanh(a) for a 0-d a. */
        SOFTMAX("softmax"),
        /** a.logSumExp(dim, keepDim false), or a for a 0-d a. */
        LOG_SUM_EXP("logSumExp"),
        /** a.transpose(0, −1) when a has 2 dims or more, else −a. */
        TRANSPOSE("transpose"),
        /** a · bᵀ (matmul) for two matrices with equal column counts, else a + b as ADD. */
        MATMUL("matmul");

        private final String entry;

        Op(String entry) {
            this.entry = entry;
        }

        /**
         * The registry entry this op exercises.
         *
         * @return its name in {@link OpRegistry}
         */
        public String entry() {
            return entry;
        }

        /** Whether the op reads a second operand. */
        boolean binary() {
            return this == ADD || this == SUB || this == MUL || this == DIV || this == MATMUL;
        }
    }

    /**
     * One step: an op over one or two earlier values (inputs first, then steps) and a dim for
     * the ops along a dim (taken modulo the operand's rank).
     *
     * @param op the op
     * @param a the index of the first operand
     * @param b the index of the second operand (ignored by unary ops)
     * @param dim the dim, for sum, softmax and logSumExp
     */
    public record Step(Op op, int a, int b, int dim) {
        /**
         * Checks the components.
         *
         * @param op the op
         * @param a the first operand's index
         * @param b the second operand's index
         * @param dim the dim
         */
        public Step {
            Objects.requireNonNull(op, "Step: op");
        }
    }

    /**
     * Runs the program.
     *
     * @param inputs one tensor per input shape
     * @return the output: the last step's value, or the first input when there are no steps
     */
    public Tensor apply(Tensor... inputs) {
        List<Tensor> values = run(inputs);
        return values.get(values.size() - 1);
    }

    /**
     * Runs the program and returns every value: the inputs, then each step's result.
     *
     * @param inputs one tensor per input shape
     * @return the values in order
     */
    public List<Tensor> run(Tensor... inputs) {
        if (inputs.length != inputShapes.size()) {
            throw new IllegalArgumentException("Program: " + inputShapes.size() + " inputs expected, got " + inputs.length);
        }
        List<Tensor> values = new ArrayList<>(Arrays.asList(inputs));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.a() < 0 || s.a() >= values.size() || (s.op().binary() && (s.b() < 0 || s.b() >= values.size()))) {
                throw new IllegalArgumentException("Program: step " + (inputs.length + i) + " reads a value not yet computed");
            }
            values.add(step(s, values.get(s.a()), values.get(s.b())));
        }
        return values;
    }

    private static Tensor step(Step s, Tensor a, Tensor b) {
        int rank = a.dim();
        int dim = rank == 0 ? 0 : Math.floorMod(s.dim(), rank);
        return switch (s.op()) {
            case TANH -> a.tanh();
            case SIN -> a.sin();
            case SIGMOID -> a.sigmoid();
            case SOFTPLUS -> a.softplus();
            case EXP -> a.tanh().exp();
            case LOG -> positive(a).log();
            case SQRT -> positive(a).sqrt();
            case ADD -> a.add(broadcastable(a, b));
            case SUB -> a.sub(broadcastable(a, b));
            case MUL -> a.tanh().mul(broadcastable(a, b));
            case DIV -> a.div(positive(broadcastable(a, b)));
            case SUM -> rank == 0 ? a.sum() : a.sum(dim, true);
            case SOFTMAX -> rank == 0 ? a.tanh() : a.softmax(dim);
            case LOG_SUM_EXP -> rank == 0 ? a : a.logSumExp(dim, false);
            case TRANSPOSE -> rank >= 2 ? a.transpose(0, -1) : a.neg();
            case MATMUL -> rank == 2 && b.dim() == 2 && a.size(1) == b.size(1)
                    ? a.matmul(b.transpose(0, 1)) : a.add(broadcastable(a, b));
        };
    }

    private static Tensor positive(Tensor v) {
        return v.softplus().add(0.1);
    }

    /** b itself when it broadcasts with a, else its sum (a 0-d value broadcasts with anything). */
    private static Tensor broadcastable(Tensor a, Tensor b) {
        try {
            TensorArbitraries.broadcast(a.shape(), b.shape());
            return b;
        } catch (IllegalArgumentException e) {
            return b.sum();
        }
    }

    /**
     * This program at the given inputs as a case for the laws, named "program".
     *
     * @param inputs float64 inputs, one per input shape
     * @return the case
     */
    public OpCase at(Tensor... inputs) {
        return new OpCase("program", "program\n" + this, this::apply, inputs,
                org.autodiff.check.GradCheck.Options.DEFAULT, OpCase.FLOAT64_PRECISION, true);
    }

    /**
     * How many times each value is read by later steps: a count above 1 marks a shared subexpression.
     *
     * @return the read count of each value (inputs first)
     */
    public int[] uses() {
        int[] uses = new int[inputShapes.size() + steps.size()];
        for (Step s : steps) {
            uses[s.a()]++;
            if (s.op().binary()) {
                uses[s.b()]++;
            }
        }
        return uses;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        Tensor[] zeros = new Tensor[inputShapes.size()];
        for (int i = 0; i < zeros.length; i++) {
            zeros[i] = Tensor.zeros(inputShapes.get(i).dims());
            sb.append('x').append(i).append(": ").append(inputShapes.get(i)).append('\n');
        }
        // Shapes by running the program on zeros: shape inference is the program itself.
        List<Tensor> values = run(zeros);
        int n = zeros.length;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            sb.append('v').append(n + i).append(" = ").append(s.op().entry()).append('(').append(name(s.a(), n));
            if (s.op().binary()) {
                sb.append(", ").append(name(s.b(), n));
            }
            if (s.op() == Op.SUM || s.op() == Op.SOFTMAX || s.op() == Op.LOG_SUM_EXP) {
                sb.append(", dim ").append(s.dim());
            }
            sb.append(")   ").append(values.get(n + i).shape()).append('\n');
        }
        return sb.append("out = ").append(name(n + steps.size() - 1, n)).toString();
    }

    private static String name(int index, int inputs) {
        return (index < inputs ? "x" : "v") + index;
    }
}

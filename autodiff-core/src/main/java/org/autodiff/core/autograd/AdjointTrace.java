package org.autodiff.core.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * One reverse-mode pass, node by node, in the order the {@link GraphWalker} visited the nodes:
 * each node's value, its adjoint (the output's first, seeded with 1), the terms its consumers
 * pushed into that adjoint (several terms when several paths reach it: the adjoint is their sum,
 * the total derivative), and for each of its inputs the local derivative applied along the edge
 * and the contribution sent across it. Made by {@code Autograd.trace(output)}.
 *
 * <p>For w = a·b + c, φ = w·c, L = φ² the trace reads L̄ = 1, φ̄ = L̄·∂L/∂φ, w̄ = φ̄·∂φ/∂w, and
 * c̄ = φ̄·∂φ/∂c + w̄·∂w/∂c, one term per path from L to c.
 */
public final class AdjointTrace {
    private final String output;
    private final List<Step> steps;

    /**
     * One node's visit.
     *
     * @param index   its position in the pass, from 1 (the output)
     * @param node    its label: the tensor's name, else its op and index ("mul#4"), "leaf#7" for an unnamed leaf
     * @param op      the op that computed it, or "leaf"
     * @param value   its value
     * @param adjoint ∂output/∂node, the sum of {@code terms}
     * @param terms   what each consumer pushed into the adjoint (for the output: the seed)
     * @param edges   one per input of its op, in operand order (none for a leaf)
     */
    public record Step(int index, String node, String op, Tensor value, Tensor adjoint, List<Term> terms,
                       List<TraceEdge> edges) {
        /** Copies the lists, so a step cannot change after the pass. */
        public Step {
            terms = List.copyOf(terms);
            edges = List.copyOf(edges);
        }

        /**
         * The node as pictures head it.
         *
         * @return "c (leaf)" for a leaf, "φ = mul" for a named op's result, "mul#4" for an unnamed one
         */
        public String title() {
            if (op.equals("leaf")) {
                return node + " (leaf)";
            }
            return node.startsWith(op + "#") ? node : node + " = " + op;
        }
    }

    /**
     * One term of a node's adjoint: what one consumer sent along one edge.
     *
     * @param from         the consumer's label, or "seed" for the output's seed gradient
     * @param operand      which operand of the consumer this node is ("" for the seed)
     * @param contribution the consumer's adjoint times its local derivative, in this node's shape
     */
    public record Term(String from, String operand, Tensor contribution) {
    }

    /**
     * A trace of a finished pass.
     *
     * @param output the output's label
     * @param steps  the visits in order
     */
    public AdjointTrace(String output, List<Step> steps) {
        this.output = Objects.requireNonNull(output, "output");
        this.steps = List.copyOf(steps);
    }

    /**
     * The differentiated output's label.
     *
     * @return its name, or its op and index
     */
    public String output() {
        return output;
    }

    /**
     * The visits in the order backward made them.
     *
     * @return an unmodifiable list, the output first
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * The visit of the node with this label.
     *
     * @param node a label as {@link Step#node()} shows it
     * @return its step
     * @throws IllegalArgumentException if no visited node has that label
     */
    public Step step(String node) {
        for (Step s : steps) {
            if (s.node().equals(node)) {
                return s;
            }
        }
        List<String> labels = new ArrayList<>();
        steps.forEach(s -> labels.add(s.node()));
        throw new IllegalArgumentException("AdjointTrace.step: no node '" + node + "' in the trace of " + output
                + "; the nodes are " + labels);
    }

    /**
     * The trace as aligned text, one line per edge that carries a derivative (a node without one
     * gets one line; constant operands are left out).
     *
     * @return the table, a title line first
     */
    public String toText() {
        return TraceTable.text(title(), HEADER, rows(false));
    }

    /**
     * The trace as a markdown table.
     *
     * @return the title as a paragraph, then the table
     */
    public String toMarkdown() {
        return TraceTable.markdown(title(), HEADER, rows(false));
    }

    /**
     * The trace as CSV with every digit: the text table's columns, the adjoint's sum written
     * out as terms, each term followed by its consumer in parentheses.
     *
     * @return a header line and one line per edge
     */
    public String toCsv() {
        return TraceTable.csv(HEADER, rows(true));
    }

    @Override
    public String toString() {
        return toText();
    }

    /**
     * A value as the trace tables print it, for pictures and reports that show a trace.
     *
     * @param value a tensor, or null
     * @return one number, nested brackets up to 8 elements, else the shape and the norm; "" for null
     */
    public static String format(Tensor value) {
        return TraceTable.values(value, false);
    }

    /**
     * A local derivative as the trace tables print it.
     *
     * @param jacobian a {@link TraceEdge#localDerivative()}, or null
     * @return one number, "diag [...]" for an elementwise op's Jacobian, the Jacobian, or "-" for null
     */
    public static String formatDerivative(Tensor jacobian) {
        return TraceTable.derivative(jacobian, false);
    }

    private static final String[] HEADER = {
        "step", "node", "op", "value", "adjoint", "input", "operand", "local derivative", "contribution",
    };

    private String title() {
        return "Adjoint trace of " + output + ": reverse mode, nodes in the order backward visits them; "
                + "adjoint = ∂" + output + "/∂node, the sum of one term per path into the node";
    }

    private List<String[]> rows(boolean exact) {
        List<String[]> rows = new ArrayList<>();
        for (Step s : steps) {
            String[] node = {Integer.toString(s.index()), s.node(), s.op(), TraceTable.values(s.value(), exact),
                adjoint(s, exact)};
            // Constant operands take no derivative: the table leaves them out, the graph picture draws them.
            List<TraceEdge> differentiable = s.edges().stream().filter(e -> e.contribution() != null).toList();
            if (differentiable.isEmpty()) {
                rows.add(new String[] {node[0], node[1], node[2], node[3], node[4], "", "", "", ""});
            }
            for (int e = 0; e < differentiable.size(); e++) {
                TraceEdge edge = differentiable.get(e);
                String local = (exact ? "" : "∂" + s.node() + "/∂" + edge.input() + " = ")
                        + TraceTable.derivative(edge.localDerivative(), exact);
                String[] row = new String[HEADER.length];
                for (int c = 0; c < 5; c++) {
                    row[c] = e == 0 || exact ? node[c] : "";
                }
                row[5] = edge.input();
                row[6] = edge.operand();
                row[7] = local;
                row[8] = TraceTable.values(edge.contribution(), exact);
                rows.add(row);
            }
        }
        return rows;
    }

    /** "1 (seed)", "-10", or for several paths "-40 = -50 (via φ) + 10 (via w)". */
    private static String adjoint(Step s, boolean exact) {
        String total = TraceTable.values(s.adjoint(), exact);
        if (s.terms().size() == 1 && s.terms().get(0).from().equals("seed")) {
            return total + " (seed)";
        }
        if (s.terms().size() < 2) {
            return total;
        }
        StringBuilder sum = new StringBuilder(total).append(" = ");
        for (int i = 0; i < s.terms().size(); i++) {
            Term t = s.terms().get(i);
            boolean twice = s.terms().stream().filter(o -> o.from().equals(t.from())).count() > 1;
            sum.append(i == 0 ? "" : " + ").append(TraceTable.values(t.contribution(), exact)).append(" (via ")
                    .append(t.from()).append(twice ? " as " + t.operand() : "").append(')');
        }
        return sum.toString();
    }
}

package org.autodiff.core.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * One forward-mode evaluation, op by op in the order the ops ran: each result's value and its
 * tangent (its directional derivative along the seed direction), and for each edge the local
 * derivative and the term it adds to the tangent. Made by {@code Autograd.traceForward}.
 *
 * <p>For w = a·b + c, φ = w·c, L = φ² and the direction (ȧ, ḃ, ċ) = (1, 0, 0) it reads
 * ẇ = b·ȧ, φ̇ = c·ẇ + w·ċ, L̇ = 2φ·φ̇ = ∂L/∂a: the mirror image of the adjoint trace, one pass per
 * input direction instead of one per output.
 */
public final class TangentTrace {
    private final String output;
    private final List<Step> steps;

    /**
     * One tensor of the evaluation.
     *
     * @param index   its position, from 1 (the inputs come first)
     * @param node    its label: the tensor's name, else its op and index ("mul#4")
     * @param op      the op that computed it, or "input"
     * @param value   its value
     * @param tangent its tangent: the seed for an input, else the sum of its edges' contributions
     * @param edges   one per operand of its op (none for an input)
     */
    public record Step(int index, String node, String op, Tensor value, Tensor tangent, List<TraceEdge> edges) {
        /** Copies the list, so a step cannot change after the evaluation. */
        public Step {
            edges = List.copyOf(edges);
        }
    }

    /**
     * A trace of a finished evaluation.
     *
     * @param output the function's result's label
     * @param steps  the tensors in order
     */
    public TangentTrace(String output, List<Step> steps) {
        this.output = Objects.requireNonNull(output, "output");
        this.steps = List.copyOf(steps);
    }

    /**
     * The function's result's label.
     *
     * @return its name, or its op and index
     */
    public String output() {
        return output;
    }

    /**
     * The tensors in the order the ops made them, the inputs first.
     *
     * @return an unmodifiable list
     */
    public List<Step> steps() {
        return steps;
    }

    /**
     * The step of the tensor with this label.
     *
     * @param node a label as {@link Step#node()} shows it
     * @return the last step with that label (the function's result if it has it)
     * @throws IllegalArgumentException if no step has that label
     */
    public Step step(String node) {
        Step found = null;
        List<String> labels = new ArrayList<>();
        for (Step s : steps) {
            labels.add(s.node());
            if (s.node().equals(node)) {
                found = s;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("TangentTrace.step: no node '" + node + "' in the trace of " + output
                    + "; the nodes are " + labels);
        }
        return found;
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
     * The trace as CSV with every digit.
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

    private static final String[] HEADER = {
        "step", "node", "op", "value", "tangent", "input", "operand", "local derivative", "contribution",
    };

    private String title() {
        StringBuilder seed = new StringBuilder();
        for (Step s : steps) {
            if (s.op().equals("input")) {
                // A one-letter name takes a dot (ȧ), as the seeds write tangents; longer ones a d prefix.
                String dot = s.node().codePointCount(0, s.node().length()) == 1 ? s.node() + "\u0307" : "d" + s.node();
                seed.append(seed.length() == 0 ? "" : ", ").append(dot).append(" = ")
                        .append(TraceTable.values(s.tangent(), false));
            }
        }
        return "Tangent trace of " + output + ": forward mode, ops in the order they ran, seed direction " + seed
                + "; tangent = the node's derivative along it, the sum of its edges' contributions";
    }

    private List<String[]> rows(boolean exact) {
        List<String[]> rows = new ArrayList<>();
        for (Step s : steps) {
            String[] node = {Integer.toString(s.index()), s.node(), s.op(), TraceTable.values(s.value(), exact),
                tangent(s, exact)};
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

    /** "1 (seed)" for an input, "-3" for one term, "-3 = -3 (via w) + 0 (via c)" for several. */
    private static String tangent(Step s, boolean exact) {
        String total = s.tangent() == null ? "0" : TraceTable.values(s.tangent(), exact);
        if (s.op().equals("input")) {
            return total + " (seed)";
        }
        List<TraceEdge> terms = s.edges().stream().filter(e -> e.contribution() != null).toList();
        if (terms.size() < 2) {
            return total;
        }
        StringBuilder sum = new StringBuilder(total).append(" = ");
        for (int i = 0; i < terms.size(); i++) {
            sum.append(i == 0 ? "" : " + ").append(TraceTable.values(terms.get(i).contribution(), exact)).append(" (via ")
                    .append(terms.get(i).input()).append(')');
        }
        return sum.toString();
    }
}

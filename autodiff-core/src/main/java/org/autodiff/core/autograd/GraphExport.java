package org.autodiff.core.autograd;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * Writes a computation graph in Graphviz DOT, for looking at a wrong gradient. From a tensor: one
 * box per tensor with the op that computed it, its shape and dtype, and the norm of its gradient
 * when it has one; an edge from each input to the tensor computed from it. From an
 * {@link AdjointTrace}: every node with its name, op, value and adjoint, and on each edge the
 * operand it feeds and the local derivative applied along it. Render it with
 * {@code dot -Tsvg graph.dot -o graph.svg}.
 */
public final class GraphExport {
    private GraphExport() {
    }

    /** The DOT text of the graph that produced {@code root} (the graph must not have been freed to show its inputs). */
    public static String toDot(Tensor root) {
        Objects.requireNonNull(root, "root");
        Map<Tensor, Integer> ids = new IdentityHashMap<>();
        StringBuilder nodes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ids.put(root, 0);
        stack.push(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.pop();
            int id = ids.get(t);
            nodes.append(String.format(Locale.ROOT, "  n%d [label=\"%s\", %s];%n", id, label(t), style(t, t == root)));
            for (Tensor input : t.gradFnInputs()) {
                Integer inputId = ids.get(input);
                if (inputId == null) {
                    inputId = ids.size();
                    ids.put(input, inputId);
                    stack.push(input);
                }
                edges.append(String.format(Locale.ROOT, "  n%d -> n%d;%n", inputId, id));
            }
        }
        return "digraph autodiff {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
                + nodes + edges + "}\n";
    }

    /**
     * The DOT text of a traced backward pass: one box per node with its label, op, value and
     * adjoint (every node, not only leaves), a dashed box per constant operand, and on each edge
     * from an input to its consumer the operand and the local derivative ∂consumer/∂input.
     *
     * @param trace the pass, from {@code Autograd.trace}
     * @return the DOT text, inputs at the bottom and the output at the top
     */
    public static String toDot(AdjointTrace trace) {
        Objects.requireNonNull(trace, "trace");
        StringBuilder nodes = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        Map<String, Integer> ids = new HashMap<>();
        for (AdjointTrace.Step s : trace.steps()) {
            ids.put(s.node(), s.index());
        }
        int constants = 0;
        for (AdjointTrace.Step s : trace.steps()) {
            String label = escape(s.title()) + "\\nvalue " + escape(TraceTable.values(s.value(), false))
                    + "\\nadjoint " + escape(TraceTable.values(s.adjoint(), false));
            String style = s.index() == 1 ? "style=filled, fillcolor=\"#f4cccc\""
                    : s.op().equals("leaf") ? "style=filled, fillcolor=\"#cfe2f3\"" : "style=rounded";
            nodes.append(String.format(Locale.ROOT, "  n%d [label=\"%s\", %s];%n", s.index(), label, style));
            for (TraceEdge e : s.edges()) {
                String from;
                String edgeLabel;
                if (e.contribution() == null) {
                    from = "c" + constants++;
                    nodes.append(String.format(Locale.ROOT, "  %s [label=\"%s\", style=dashed];%n", from,
                            escape(e.input()) + "\\n" + escape(TraceTable.values(e.constant(), false))));
                    edgeLabel = escape(e.operand());
                } else {
                    from = "n" + ids.get(e.input());
                    edgeLabel = escape(e.operand()) + "\\n∂" + escape(s.node()) + "/∂" + escape(e.input()) + " = "
                            + escape(TraceTable.derivative(e.localDerivative(), false));
                }
                edges.append(String.format(Locale.ROOT, "  %s -> n%d [label=\"%s\"];%n", from, s.index(), edgeLabel));
            }
        }
        return "digraph autodiff {\n  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=9];\n" + nodes + edges + "}\n";
    }

    private static String label(Tensor t) {
        String op = t.gradFnName() != null ? t.gradFnName() : t.requiresGrad() ? "leaf" : "constant";
        StringBuilder s = new StringBuilder(t.name() == null ? op : escape(t.name()) + " (" + op + ")").append("\\n").append(t.shape()).append(' ').append(t.dtype());
        if (t.grad() != null) {
            s.append(String.format(Locale.ROOT, "\\n‖grad‖ = %.4g", t.grad().detach().norm().item()));
        }
        return s.toString();
    }

    /** A name as DOT label text: quotes and backslashes escaped, so any name is safe. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String style(Tensor t, boolean root) {
        if (root) {
            return "style=filled, fillcolor=\"#f4cccc\"";
        }
        if (t.gradFnName() == null) {
            return t.requiresGrad() ? "style=filled, fillcolor=\"#cfe2f3\"" : "style=dashed";
        }
        return "style=rounded";
    }
}

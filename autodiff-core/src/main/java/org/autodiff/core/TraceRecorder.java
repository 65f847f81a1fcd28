package org.autodiff.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.autograd.AdjointTrace;
import org.autodiff.core.autograd.TraceEdge;

/**
 * Listens to one reverse pass of the {@link org.autodiff.core.autograd.GraphWalker} and keeps
 * what {@link AdjointTrace} shows: the nodes in the order they propagate, the seed, and every
 * edge's local derivative and contribution. It walks nothing itself; the nodes report to it.
 */
final class TraceRecorder {
    /** What is known about one node; labels are given once the pass is over. */
    private static final class Node {
        Tensor tensor;
        String op;
        Tensor adjoint;
        int step;
        final List<Incoming> terms = new ArrayList<>();
        final List<Outgoing> edges = new ArrayList<>();
    }

    private record Incoming(Node from, int operandCount, int operand, Tensor contribution) {
    }

    /** An edge of a visited node; {@code target} is null for a constant input (its tensor is then {@code constant}). */
    private record Outgoing(Node target, Tensor constant, int operandCount, int operand, Tensor jacobian,
                            Tensor contribution) {
    }

    private final Map<TensorNode, Node> nodes = new IdentityHashMap<>();
    private final List<Node> visited = new ArrayList<>();

    private Node node(TensorNode n) {
        return nodes.computeIfAbsent(n, k -> new Node());
    }

    /** The output's seed gradient, its adjoint's only term. */
    void seed(TensorNode root, Tensor seed) {
        node(root).terms.add(new Incoming(null, 0, 0, seed.detach()));
    }

    /** A node propagates, holding its summed adjoint. */
    void visit(TensorNode n, Tensor tensor, String op, Tensor adjoint) {
        Node node = node(n);
        node.tensor = tensor;
        node.op = op;
        node.adjoint = adjoint.detach();
        visited.add(node);
        node.step = visited.size();
    }

    /**
     * One edge of a propagating op node.
     *
     * @param from         the op's node
     * @param inputs       the op's inputs
     * @param i            the edge's operand
     * @param jacobian     ∂output/∂input i, or null
     * @param contribution what the op sends into input i's adjoint, or null for a constant input
     */
    void edge(TensorNode from, Tensor[] inputs, int i, Tensor jacobian, Tensor contribution) {
        Node source = node(from);
        TensorNode targetNode = contribution == null ? null : inputs[i].node();
        Node target = targetNode == null ? null : node(targetNode);
        Tensor c = contribution == null ? null : contribution.detach();
        source.edges.add(new Outgoing(target, target == null ? inputs[i] : null, inputs.length, i, jacobian, c));
        if (target != null) {
            target.terms.add(new Incoming(source, inputs.length, i, c));
        }
    }

    /** The trace of the finished pass; {@code root} is the differentiated output. */
    AdjointTrace finish(TensorNode root) {
        List<AdjointTrace.Step> steps = new ArrayList<>();
        for (Node n : visited) {
            List<AdjointTrace.Term> terms = new ArrayList<>();
            for (Incoming in : n.terms) {
                terms.add(in.from == null ? new AdjointTrace.Term("seed", "", in.contribution)
                        : new AdjointTrace.Term(label(in.from), TraceEdge.operandName(in.operandCount, in.operand),
                                in.contribution));
            }
            List<TraceEdge> edges = new ArrayList<>();
            for (Outgoing out : n.edges) {
                String input = out.target != null ? label(out.target)
                        : out.constant.name() != null ? out.constant.name() : "const";
                edges.add(new TraceEdge(input, TraceEdge.operandName(out.operandCount, out.operand), out.jacobian,
                        out.contribution, out.constant == null ? null : out.constant.detach()));
            }
            steps.add(new AdjointTrace.Step(n.step, label(n), n.op, n.tensor.detach(), n.adjoint, terms, edges));
        }
        Node output = nodes.get(root);
        return new AdjointTrace(output == null || output.tensor == null ? "output" : label(output), steps);
    }

    /** A tensor's name, else its op and step ("mul#4"). */
    private static String label(Node n) {
        if (n.tensor != null && n.tensor.name() != null) {
            return n.tensor.name();
        }
        return (n.op == null ? "node" : n.op) + "#" + n.step;
    }
}

package org.autodiff.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.autodiff.core.autograd.TangentTrace;
import org.autodiff.core.autograd.TraceEdge;

/**
 * Listens to the ops applied during {@link Autograd#traceForward} and keeps what
 * {@link TangentTrace} shows: each tangent-carrying result in the order the ops ran, and along
 * each edge the local derivative and the term it adds to the result's tangent.
 */
final class TangentRecorder {
    private static final ThreadLocal<TangentRecorder> CURRENT = new ThreadLocal<>();

    /** One recorded tensor; labels are given when the function has returned (names come after ops). */
    private static final class Entry {
        final Tensor tensor;
        final String op;
        final Tensor tangent;
        final List<Edge> edges;
        final int step;

        Entry(Tensor tensor, String op, Tensor tangent, List<Edge> edges, int step) {
            this.tensor = tensor;
            this.op = op;
            this.tangent = tangent;
            this.edges = edges;
            this.step = step;
        }
    }

    private record Edge(Tensor input, int operandCount, int operand, Tensor jacobian, Tensor contribution) {
    }

    private final Map<Tensor, Entry> byTensor = new IdentityHashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    /** The recorder of the trace running on this thread, or null. */
    static TangentRecorder current() {
        return CURRENT.get();
    }

    /** Evaluates {@code f} on the tangent-carrying {@code duals}, recording every op, and returns the trace. */
    static TangentTrace run(Function<Tensor[], Tensor> f, Tensor[] duals) {
        TangentRecorder recorder = new TangentRecorder();
        for (Tensor d : duals) {
            recorder.add(d, "input", d.tangent(), List.of());
        }
        TangentRecorder previous = CURRENT.get();
        CURRENT.set(recorder);
        Tensor y;
        try {
            y = Objects.requireNonNull(f.apply(duals.clone()), "traceForward: the function returned null");
        } finally {
            CURRENT.set(previous);
        }
        return recorder.finish(y);
    }

    /** One op has run on tangent-carrying inputs: its edges' terms and local derivatives, by the op's own JVP. */
    void record(Primitive op, Tensor[] inputs, Tensor[] tangents, Tensor out) {
        List<Edge> edges = new ArrayList<>();
        try (var noGrad = GradMode.noGrad(); var suspended = ForwardMode.suspend()) {
            for (int i = 0; i < inputs.length; i++) {
                if (tangents[i] == null) {
                    edges.add(new Edge(inputs[i], inputs.length, i, null, null));
                    continue;
                }
                Tensor[] only = new Tensor[inputs.length];
                only[i] = tangents[i];
                Tensor contribution = asOutput(op.jvp(only), out);
                edges.add(new Edge(inputs[i], inputs.length, i, jacobian(op, inputs, i, out), contribution));
            }
        }
        add(out, op.name(), out.tangent(), edges);
    }

    /** ∂out/∂input i, shape {@code out.shape ++ input.shape}, one JVP per input element; null if too large. */
    private static Tensor jacobian(Primitive op, Tensor[] inputs, int i, Tensor out) {
        int m = out.numel();
        int n = inputs[i].numel();
        if ((long) m * n > TraceEdge.MAX_JACOBIAN_ELEMENTS) {
            return null;
        }
        double[] jacobian = new double[m * n];
        for (int k = 0; k < n; k++) {
            double[] oneHot = new double[n];
            oneHot[k] = 1;
            Tensor[] only = new Tensor[inputs.length];
            only[i] = Tensor.wrap(oneHot, inputs[i].shape()).to(inputs[i].dtype());
            double[] column = asOutput(op.jvp(only), out).toDoubleArray();
            for (int r = 0; r < m; r++) {
                jacobian[r * n + k] = column[r];
            }
        }
        int[] outDims = out.shape().dims();
        int[] inDims = inputs[i].shape().dims();
        int[] dims = Arrays.copyOf(outDims, outDims.length + inDims.length);
        System.arraycopy(inDims, 0, dims, outDims.length, inDims.length);
        return Tensor.wrap(jacobian, Shape.of(dims));
    }

    /** A JVP's result as the output's tangent would be: broadcast to its shape, in its dtype (zeros for null). */
    private static Tensor asOutput(Tensor t, Tensor out) {
        return t == null ? Tensor.zerosLike(out) : t.expand(out.shape()).to(out.dtype()).detach();
    }

    private void add(Tensor t, String op, Tensor tangent, List<Edge> edges) {
        Entry e = new Entry(t, op, tangent == null ? null : tangent.detach(), edges, entries.size() + 1);
        entries.add(e);
        byTensor.put(t, e);
    }

    private TangentTrace finish(Tensor y) {
        List<TangentTrace.Step> steps = new ArrayList<>();
        for (Entry e : entries) {
            List<TraceEdge> edges = new ArrayList<>();
            for (Edge edge : e.edges) {
                edges.add(new TraceEdge(label(edge.input), TraceEdge.operandName(edge.operandCount, edge.operand),
                        edge.jacobian, edge.contribution, edge.contribution == null ? edge.input.detach() : null));
            }
            steps.add(new TangentTrace.Step(e.step, label(e.tensor), e.op, e.tensor.detach(), e.tangent, edges));
        }
        return new TangentTrace(label(y), steps);
    }

    /** A recorded tensor's name, else its op and step ("mul#4"); an unrecorded one's name, else "const". */
    private String label(Tensor t) {
        if (t.name() != null) {
            return t.name();
        }
        Entry e = byTensor.get(t);
        return e == null ? "const" : e.op + "#" + e.step;
    }
}

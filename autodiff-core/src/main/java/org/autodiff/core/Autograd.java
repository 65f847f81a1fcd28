package org.autodiff.core;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.autodiff.core.autograd.AdjointTrace;
import org.autodiff.core.autograd.GraphNode;
import org.autodiff.core.autograd.GraphWalker;
import org.autodiff.core.autograd.TangentTrace;

/**
 * Reverse mode on tensors, as {@code torch.autograd}: {@link #backward} accumulates gradients into
 * the leaves' {@link Tensor#grad()}, {@link #grad} returns gradients without touching them. Both
 * seed the outputs' adjoints and hand the graph to the one {@link GraphWalker}. {@link #trace}
 * records such a pass node by node ({@link #traceForward} its forward-mode counterpart), and
 * {@link #detectAnomaly} finds the op that made the first NaN or infinity.
 */
public final class Autograd {
    /** The pass running on this thread: where {@link #grad} collects its results. */
    private static final ThreadLocal<Pass> PASS = new ThreadLocal<>();

    private Autograd() {
    }

    private static final class Pass {
        final boolean accumulate;
        final Map<TensorNode, Tensor> captured = new IdentityHashMap<>();
        final Set<TensorNode> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Set by {@link #trace}: the nodes report each visit and edge to it. */
        TraceRecorder recorder;

        Pass(boolean accumulate) {
            this.accumulate = accumulate;
        }
    }

    /**
     * Computes the gradient of {@code output} with respect to every leaf that requires one, adding
     * it into their {@link Tensor#grad()}.
     *
     * @param gradOutput  ∂L/∂output, shaped like output; may be null only for a one-element output
     * @param retainGraph keep the saved values so the graph can be walked again (implied by createGraph)
     * @param createGraph record the backward pass itself, so gradients can be differentiated again
     */
    public static void backward(Tensor output, Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        Objects.requireNonNull(output, "output");
        run(new Tensor[] {output}, new Tensor[] {gradOutput}, retainGraph, createGraph, new Pass(true));
    }

    /**
     * Returns the gradients of {@code outputs} (weighted by {@code gradOutputs}, which may be null
     * for one-element outputs) with respect to {@code inputs}, as {@code torch.autograd.grad};
     * leaves' {@code grad} fields are left alone.
     *
     * @param allowUnused if false, an input the outputs do not depend on is an error; if true its
     *                    gradient is returned as null
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs,
                                boolean retainGraph, boolean createGraph, boolean allowUnused) {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(inputs, "inputs");
        Pass pass = new Pass(false);
        TensorNode[] nodes = new TensorNode[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
            nodes[i] = inputs[i].node();
            pass.wanted.add(nodes[i]);
            if (nodes[i] == null) {
                throw new IllegalArgumentException("grad: inputs[" + i + "]" + inputs[i].nameTag() + " (shape "
                        + inputs[i].shape() + ") does not require grad; call requiresGrad(true) on it before computing the outputs");
            }
        }
        run(outputs, gradOutputs == null ? new Tensor[outputs.length] : gradOutputs, retainGraph, createGraph, pass);
        Tensor[] result = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            result[i] = pass.captured.get(nodes[i]);
            if (result[i] == null && !allowUnused) {
                throw new IllegalArgumentException("grad: inputs[" + i + "]" + inputs[i].nameTag() + " (shape "
                        + inputs[i].shape() + ") was not used to compute the outputs; pass allowUnused = true if this is expected");
            }
        }
        return result;
    }

    /** The gradient of a one-element {@code output} with respect to each input; a shorthand for {@link #grad}. */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(new Tensor[] {output}, inputs, null, false, false, false);
    }

    /**
     * Runs one backward pass from a one-element {@code output} and records it node by node, in
     * the order the graph walker visits the nodes: each node's value and adjoint (the output's
     * first, seeded with 1), the term each consumer added to it (a node reached by several paths
     * shows one term per path into it, and their sum), and for each edge the local derivative
     * and the contribution. Leaves' {@code grad} fields are left alone and the graph is kept, so
     * the trace changes nothing a later {@code backward()} sees.
     *
     * <pre>{@code
     * Tensor a = Tensor.scalar(2.0).requiresGrad(true).name("a");   // and b = 3, c = -1
     * Tensor w = a.mul(b).add(c).name("w");
     * Tensor phi = w.mul(c).name("φ");
     * Tensor loss = phi.pow(2).name("L");
     * System.out.println(Autograd.trace(loss).toText());           // c's adjoint: -40 = -50 (via φ) + 10 (via w)
     * }</pre>
     *
     * @param output the tensor to differentiate; one element
     * @return the trace, printable as text, markdown or CSV
     */
    public static AdjointTrace trace(Tensor output) {
        return trace(output, null);
    }

    /**
     * {@link #trace(Tensor)} with ∂L/∂output = {@code gradOutput}, for an output of any shape.
     *
     * @param output     the tensor to differentiate
     * @param gradOutput the seed, shaped like output; may be null only for a one-element output
     * @return the trace of the pass
     */
    public static AdjointTrace trace(Tensor output, Tensor gradOutput) {
        Objects.requireNonNull(output, "output");
        Pass pass = new Pass(false);
        pass.recorder = new TraceRecorder();
        run(new Tensor[] {output}, new Tensor[] {gradOutput}, true, false, pass);
        return pass.recorder.finish(output.node());
    }

    /**
     * The forward-mode counterpart of {@link #trace(Tensor)}: evaluates {@code f} with each input
     * carrying the tangent {@code direction[i]} and records, op by op in the order they run, each
     * result's value and tangent, and for each edge the local derivative and the term it adds to
     * the tangent. With direction (ȧ, ḃ, ċ) = (1, 0, 0) the last tangent is ∂L/∂a.
     *
     * @param f         the function; name its intermediates ({@code x.name("w")}) to see them by name
     * @param inputs    the point; each input's name labels it
     * @param direction one tangent per input, each shaped like its input
     * @return the trace, printable as text, markdown or CSV
     */
    public static TangentTrace traceForward(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor[] direction) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(direction, "direction");
        if (direction.length != inputs.length) {
            throw new IllegalArgumentException("traceForward: " + inputs.length + " inputs but " + direction.length
                    + " tangents in the direction");
        }
        Tensor[] duals = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
            duals[i] = x.detach().name(x.name()).withTangent(Objects.requireNonNull(direction[i], "direction[" + i + "]"));
        }
        return TangentRecorder.run(f, duals);
    }

    /**
     * Turns on {@linkplain AnomalyMode anomaly mode} on this thread until the scope is closed, as
     * PyTorch's {@code torch.autograd.detect_anomaly()}: ops record where they were created, and
     * the first NaN or ±infinity one makes, in forward or in backward, raises an
     * {@link AnomalyException}.
     *
     * <pre>{@code
     * try (var scope = Autograd.detectAnomaly()) {
     *     x.log().sum().backward();    // AnomalyException: log made NaN in forward, at element [2] ...
     * }
     * }</pre>
     *
     * @return the scope to close
     */
    public static GradMode.Scope detectAnomaly() {
        return AnomalyMode.enable();
    }

    /** The trace being recorded by the pass running on this thread, or null. */
    static TraceRecorder recorder() {
        Pass pass = PASS.get();
        return pass == null ? null : pass.recorder;
    }

    private static void run(Tensor[] outputs, Tensor[] gradOutputs, boolean retainGraph, boolean createGraph, Pass pass) {
        if (gradOutputs.length != outputs.length) {
            throw new IllegalArgumentException("backward: " + outputs.length + " outputs but " + gradOutputs.length
                    + " gradients");
        }
        TensorNode[] roots = new TensorNode[outputs.length];
        Tensor[] seeds = new Tensor[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            Tensor out = Objects.requireNonNull(outputs[i], "outputs[" + i + "]");
            roots[i] = out.node();
            if (roots[i] == null) {
                throw new IllegalStateException("backward: output " + i + out.nameTag() + " (shape " + out.shape()
                        + ") does not require grad and has no grad function: no input it was computed from requires grad");
            }
            seeds[i] = seed(out, gradOutputs[i]);
        }
        Pass previous = PASS.get();
        PASS.set(pass);
        try (var mode = GradMode.set(createGraph)) {
            GraphWalker.backward(new SeedNode(roots, seeds), retainGraph || createGraph);
        } finally {
            PASS.set(previous);
        }
    }

    private static Tensor seed(Tensor out, Tensor gradOutput) {
        if (gradOutput == null) {
            if (out.numel() != 1) {
                throw new IllegalArgumentException("backward: a gradient can be implied only for a one-element output, "
                        + "but the output has shape " + out.shape() + "; pass backward(gradOutput) with that shape");
            }
            return Tensor.onesLike(out);
        }
        if (!gradOutput.shape().equals(out.shape())) {
            throw new IllegalArgumentException("backward: gradOutput has shape " + gradOutput.shape()
                    + " but the output has shape " + out.shape());
        }
        return gradOutput.to(out.dtype());
    }

    /** Called by a node as it propagates: a {@link #grad} call may want its adjoint. */
    static void capture(TensorNode node, Tensor adjoint) {
        Pass pass = PASS.get();
        if (pass != null && pass.wanted.contains(node)) {
            pass.captured.merge(node, adjoint, Tensor::add);
        }
    }

    /** Whether the running pass is a {@link #backward} (accumulating into leaves) rather than a {@link #grad}. */
    static boolean accumulatesIntoLeaves() {
        Pass pass = PASS.get();
        return pass == null || pass.accumulate;
    }

    /** The root of one pass: pushes each output's seed gradient into it. */
    private static final class SeedNode extends GraphNode {
        private final TensorNode[] roots;
        private final Tensor[] seeds;

        SeedNode(TensorNode[] roots, Tensor[] seeds) {
            this.roots = roots;
            this.seeds = seeds;
        }

        @Override
        protected int inputCount() {
            return roots.length;
        }

        @Override
        protected GraphNode input(int i) {
            return roots[i];
        }

        @Override
        protected void propagate() {
            TraceRecorder trace = recorder();
            for (int i = 0; i < roots.length; i++) {
                if (trace != null) {
                    trace.seed(roots[i], seeds[i]);
                }
                roots[i].accumulate(seeds[i]);
            }
        }

        @Override
        protected void release() {
        }
    }
}

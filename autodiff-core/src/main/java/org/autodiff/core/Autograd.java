package org.autodiff.core;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.autodiff.core.autograd.GraphNode;
import org.autodiff.core.autograd.GraphWalker;

/**
 * Reverse mode on tensors, as {@code torch.autograd}: {@link #backward} accumulates gradients into
 * the leaves' {@link Tensor#grad()}, {@link #grad} returns gradients without touching them. Both
 * seed the outputs' adjoints and hand the graph to the one {@link GraphWalker}.
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
            for (int i = 0; i < roots.length; i++) {
                roots[i].accumulate(seeds[i]);
            }
        }

        @Override
        protected void release() {
        }
    }
}

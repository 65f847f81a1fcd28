package org.autodiff.core;

import java.util.Arrays;
import org.autodiff.core.autograd.GraphNode;
import org.autodiff.core.autograd.TraceEdge;

/**
 * The graph node of a non-leaf tensor: the primitive that produced it. Its adjoint collects the
 * gradient from every consumer; when the walker runs it, the primitive's VJP turns that into
 * the inputs' adjoints, reduced to each input's shape and dtype here, once for every op.
 */
final class OpNode extends TensorNode {
    private Primitive op;
    /** Kept apart from op, which is dropped when the graph is freed, for messages after that. */
    private final String opName;
    /** Where the op was applied, recorded only in anomaly mode (see {@link AnomalyCheck#creationSite()}). */
    private final StackTraceElement[] creationSite;

    OpNode(Primitive op, StackTraceElement[] creationSite) {
        this.op = op;
        this.opName = op.name();
        this.creationSite = creationSite;
    }

    String opName() {
        return opName;
    }

    /** The recorded inputs, or null once the graph has been freed. */
    Tensor[] inputs() {
        return op == null ? null : op.recordedInputs();
    }

    @Override
    Tensor tensor() {
        return op.output();
    }

    @Override
    protected int inputCount() {
        return op == null ? 0 : op.recordedInputs().length;
    }

    @Override
    protected GraphNode input(int i) {
        return op.recordedInputs()[i].node();
    }

    @Override
    protected void propagate() {
        if (op == null) {
            throw new IllegalStateException("trying to backward through the graph a second time (at op " + opName
                    + "): its saved values were freed after the first backward(). Pass retainGraph = true to the "
                    + "first backward() if you need to backward through the graph again.");
        }
        Tensor g = takeAdjoint();
        if (g == null) {
            return;
        }
        op.checkSavedVersions();
        TraceRecorder trace = Autograd.recorder();
        if (trace != null) {
            trace.visit(this, op.output(), opName, g);
        }
        boolean anomalyMode = AnomalyMode.anyOpen && AnomalyMode.isEnabled();
        Tensor[] inputs = op.recordedInputs();
        Tensor[] grads;
        if (anomalyMode) {
            AnomalyCheck.arriving(op, creationSite, g);
            try (var rule = AnomalyMode.insideBackwardRule()) {
                grads = op.vjp(g);
            }
        } else {
            grads = op.vjp(g);
        }
        if (grads.length != inputs.length) {
            throw new IllegalStateException(opName + ".vjp returned " + grads.length + " gradients for "
                    + inputs.length + " inputs");
        }
        Tensor[] jacobians = trace == null ? null : localJacobians(inputs);
        for (int i = 0; i < inputs.length; i++) {
            TensorNode target = inputs[i].node();
            Tensor contribution = target != null && grads[i] != null ? reduceToInput(grads[i], inputs[i]) : null;
            if (anomalyMode && contribution != null) {
                AnomalyCheck.backward(op, creationSite, g, inputs, i, contribution);
            }
            if (trace != null) {
                trace.edge(this, inputs, i, jacobians[i], contribution);
            }
            if (contribution != null) {
                target.accumulate(contribution, isFresh(contribution, g, inputs, grads, i));
            }
        }
    }

    /**
     * Whether input i's contribution is a tensor no one else holds, which a leaf may keep as
     * its gradient without a copy (as PyTorch's AccumulateGrad does when it holds the only
     * reference): a built-in op's VJP either computes a new tensor or passes g, a view of it, or
     * the same tensor to several inputs through; so a contribution is fresh when it owns its
     * storage densely and shares it with none of g, the op's inputs, output and other gradients.
     * A user-defined op's VJP may return a tensor it keeps, so its results never count as fresh.
     */
    private boolean isFresh(Tensor contribution, Tensor g, Tensor[] inputs, Tensor[] grads, int i) {
        if (!op.isBuiltIn() || !contribution.isDense() || contribution.sharesStorageWith(g)
                || contribution.sharesStorageWith(op.output())) {
            return false;
        }
        for (int j = 0; j < inputs.length; j++) {
            if (contribution.sharesStorageWith(inputs[j]) || j != i && contribution.sharesStorageWith(grads[j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * For a trace: the Jacobian ∂output/∂input of each input that takes a gradient, shape
     * {@code output.shape ++ input.shape}, one VJP per output element with a one-hot gradient;
     * null where it would exceed {@link TraceEdge#MAX_JACOBIAN_ELEMENTS}.
     */
    private Tensor[] localJacobians(Tensor[] inputs) {
        Tensor out = op.output();
        int m = out.numel();
        Tensor[] result = new Tensor[inputs.length];
        double[][] jacobians = new double[inputs.length][];
        boolean any = false;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].node() != null && (long) m * inputs[i].numel() <= TraceEdge.MAX_JACOBIAN_ELEMENTS) {
                jacobians[i] = new double[m * inputs[i].numel()];
                any = true;
            }
        }
        if (!any) {
            return result;
        }
        try (var noGrad = GradMode.noGrad()) {
            for (int k = 0; k < m; k++) {
                double[] oneHot = new double[m];
                oneHot[k] = 1;
                Tensor[] rows = op.vjp(Tensor.wrap(oneHot, out.shape()).to(out.dtype()));
                for (int i = 0; i < inputs.length; i++) {
                    if (jacobians[i] != null && rows[i] != null) {
                        double[] row = reduceToInput(rows[i], inputs[i]).toDoubleArray();
                        System.arraycopy(row, 0, jacobians[i], k * row.length, row.length);
                    }
                }
            }
        }
        int[] outDims = out.shape().dims();
        for (int i = 0; i < inputs.length; i++) {
            if (jacobians[i] != null) {
                int[] inDims = inputs[i].shape().dims();
                int[] dims = Arrays.copyOf(outDims, outDims.length + inDims.length);
                System.arraycopy(inDims, 0, dims, outDims.length, inDims.length);
                result[i] = Tensor.wrap(jacobians[i], Shape.of(dims));
            }
        }
        return result;
    }

    /** The one place where broadcasting and dtype promotion are undone for a gradient. */
    private Tensor reduceToInput(Tensor grad, Tensor input) {
        if (!grad.shape().equals(input.shape())) {
            if (!input.shape().broadcastsTo(grad.shape())) {
                throw new IllegalStateException(opName + ".vjp returned a gradient of shape " + grad.shape()
                        + " for an input of shape " + input.shape());
            }
            grad = grad.sumToSize(input.shape());
        }
        return grad.to(input.dtype());
    }

    @Override
    protected void release() {
        if (op != null) {
            op.releaseSaved();
            op = null;
        }
    }
}

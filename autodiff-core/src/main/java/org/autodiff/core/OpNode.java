package org.autodiff.core;

import org.autodiff.core.autograd.GraphNode;

/**
 * The graph node of a non-leaf tensor: the primitive that produced it. Its adjoint collects the
 * gradient from every consumer; when the walker runs it, the primitive's VJP turns that into
 * the inputs' adjoints, reduced to each input's shape and dtype here, once for every op.
 */
final class OpNode extends TensorNode {
    private Primitive op;
    private final String opName;

    OpNode(Primitive op) {
        this.op = op;
        this.opName = op.name();
    }

    String opName() {
        return opName;
    }

    /** The recorded inputs, or null once the graph has been freed. */
    Tensor[] inputs() {
        return op == null ? null : op.recordedInputs();
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
        Tensor[] inputs = op.recordedInputs();
        Tensor[] grads = op.vjp(g);
        if (grads.length != inputs.length) {
            throw new IllegalStateException(opName + ".vjp returned " + grads.length + " gradients for "
                    + inputs.length + " inputs");
        }
        for (int i = 0; i < inputs.length; i++) {
            TensorNode target = inputs[i].node();
            if (target != null && grads[i] != null) {
                target.accumulate(reduceToInput(grads[i], inputs[i]));
            }
        }
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

package org.autodiff.core;

import org.autodiff.core.autograd.GraphNode;

/** The graph node of a leaf tensor that requires a gradient: it accumulates into {@link Tensor#grad()}. */
final class LeafNode extends TensorNode {
    private final Tensor leaf;
    /**
     * Whether no other tensor holds the adjoint's storage (a sum, or a built-in op's fresh
     * result): the leaf then keeps it as its gradient without a copy, unless a hook has seen it.
     */
    private boolean adjointFresh;

    LeafNode(Tensor leaf) {
        this.leaf = leaf;
    }

    @Override
    Tensor tensor() {
        return leaf;
    }

    @Override
    protected int inputCount() {
        return 0;
    }

    @Override
    protected GraphNode input(int i) {
        throw new IndexOutOfBoundsException(i);
    }

    @Override
    protected void propagate() {
        Tensor g = takeAdjoint();
        if (g == null) {
            return;
        }
        TraceRecorder trace = Autograd.recorder();
        if (trace != null) {
            trace.visit(this, leaf, "leaf", g);
        }
        if (Autograd.accumulatesIntoLeaves()) {
            // A hook or a trace may keep the gradient it sees.
            leaf.accumulateGrad(g, adjointFresh && trace == null && leaf.hooks().isEmpty());
        }
    }

    @Override
    void adjointFresh(boolean fresh) {
        adjointFresh = fresh;
    }

    @Override
    protected void release() {
    }
}

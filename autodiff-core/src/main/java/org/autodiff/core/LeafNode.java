package org.autodiff.core;

import org.autodiff.core.autograd.GraphNode;

/** The graph node of a leaf tensor that requires a gradient: it accumulates into {@link Tensor#grad()}. */
final class LeafNode extends TensorNode {
    private final Tensor leaf;

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
            leaf.accumulateGrad(g, adjointFresh());
        }
    }

    @Override
    protected void release() {
    }
}

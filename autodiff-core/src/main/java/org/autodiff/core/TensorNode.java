package org.autodiff.core;

import java.util.function.UnaryOperator;
import org.autodiff.core.autograd.GraphNode;

/**
 * What the tensor engine adds to a graph node: an adjoint that sums what every consumer pushes
 * into it (the total derivative), passed through the tensor's gradient hooks and, for a
 * non-leaf asked to {@code retainGrad()}, kept as the tensor's gradient. The hooks and that flag
 * live on the tensor, which few tensors use, so a node holds only its adjoint.
 */
abstract class TensorNode extends GraphNode {
    private Tensor adjoint;
    /**
     * Whether no other tensor holds the adjoint's storage: a sum made here, or a built-in op's
     * fresh result, not seen by a hook. A leaf keeps such a gradient as it is, without a copy.
     */
    private boolean adjointFresh;

    /** The tensor this node computes (an op's output, while the graph is not freed) or stands for (a leaf). */
    abstract Tensor tensor();

    /** Adds one consumer's contribution to this node's adjoint. */
    final void accumulate(Tensor g) {
        accumulate(g, false);
    }

    /**
     * Adds one consumer's contribution to this node's adjoint.
     *
     * @param fresh whether no other tensor holds g's storage (see {@link OpNode#isFresh})
     */
    final void accumulate(Tensor g, boolean fresh) {
        adjointFresh = adjoint == null ? fresh : true;
        adjoint = adjoint == null ? g : adjoint.add(g);
    }

    /** Whether the adjoint last taken by {@link #takeAdjoint} is held by nothing else (hooks have not seen it). */
    final boolean adjointFresh() {
        return adjointFresh;
    }

    /** The summed adjoint, passed through the hooks and handed to a pending {@code grad()} call; then cleared. */
    final Tensor takeAdjoint() {
        Tensor g = adjoint;
        adjoint = null;
        if (g == null) {
            return null;
        }
        Tensor owner = tensor();
        // A hook may keep the gradient it sees.
        adjointFresh &= owner.hooks().isEmpty();
        for (UnaryOperator<Tensor> hook : owner.hooks()) {
            Tensor replaced = hook.apply(g);
            if (replaced != null) {
                if (!replaced.shape().equals(g.shape())) {
                    throw new IllegalStateException("a gradient hook returned shape " + replaced.shape()
                            + " for a gradient of shape " + g.shape());
                }
                // As PyTorch: the gradient of a leaf must stay in the leaf's dtype.
                if (replaced.dtype() != g.dtype()) {
                    throw new IllegalStateException("a gradient hook returned dtype " + replaced.dtype()
                            + " for a gradient of dtype " + g.dtype() + " (shape " + g.shape() + ")");
                }
                g = replaced;
            }
        }
        if (owner.retainsGradAsNonLeaf() && Autograd.accumulatesIntoLeaves()) {
            owner.accumulateGrad(g, false);
        }
        Autograd.capture(this, g);
        return g;
    }
}

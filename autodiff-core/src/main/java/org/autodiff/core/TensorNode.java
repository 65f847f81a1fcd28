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
        // A sum is a new tensor, held by nothing else.
        adjointFresh(adjoint == null ? fresh : true);
        adjoint = adjoint == null ? g : adjoint.add(g);
    }

    /**
     * Told whether no other tensor holds the adjoint's storage now. Only a leaf keeps track (see
     * {@link LeafNode}): an interior node's adjoint goes on to its op's VJP, and a field here
     * would cost 8 bytes on every node of a graph.
     *
     * @param fresh whether the adjoint is a tensor no one else holds
     */
    void adjointFresh(boolean fresh) {
    }

    /** The summed adjoint, passed through the hooks and handed to a pending {@code grad()} call; then cleared. */
    final Tensor takeAdjoint() {
        Tensor g = adjoint;
        adjoint = null;
        if (g == null) {
            return null;
        }
        Tensor owner = tensor();
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

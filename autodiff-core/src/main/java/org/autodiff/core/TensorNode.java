package org.autodiff.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.autodiff.core.autograd.GraphNode;

/**
 * What the tensor engine adds to a graph node: an adjoint that sums what every consumer pushes
 * into it (the total derivative), the tensor's gradient hooks, and for a non-leaf asked to
 * {@code retainGrad()} the tensor that keeps the adjoint as its gradient.
 */
abstract class TensorNode extends GraphNode {
    private Tensor adjoint;
    private List<UnaryOperator<Tensor>> hooks;
    /** The non-leaf tensor whose gradient backward keeps (retainGrad), or null. */
    private Tensor retained;

    /** Adds one consumer's contribution to this node's adjoint. */
    final void accumulate(Tensor g) {
        adjoint = adjoint == null ? g : adjoint.add(g);
    }

    /** The summed adjoint, passed through the hooks and handed to a pending {@code grad()} call; then cleared. */
    final Tensor takeAdjoint() {
        Tensor g = adjoint;
        adjoint = null;
        if (g != null && hooks != null) {
            for (UnaryOperator<Tensor> hook : hooks) {
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
        }
        if (g != null) {
            if (retained != null && Autograd.accumulatesIntoLeaves()) {
                retained.accumulateGrad(g);
            }
            Autograd.capture(this, g);
        }
        return g;
    }

    final void retainGradIn(Tensor owner) {
        retained = owner;
    }

    final boolean retainsGrad() {
        return retained != null;
    }

    final void addHook(UnaryOperator<Tensor> hook) {
        if (hooks == null) {
            hooks = new ArrayList<>();
        }
        hooks.add(hook);
    }
}

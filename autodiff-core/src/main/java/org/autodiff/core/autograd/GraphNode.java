package org.autodiff.core.autograd;

/**
 * A vertex of a reverse-mode computation graph, as the {@link GraphWalker} sees it.
 *
 * <p>Both engines build on it: a scalar node of the scalar engine and the recorded op of a
 * tensor. A node knows its inputs (the nodes its value was computed from) and how to push its
 * own adjoint into theirs: {@code input.adjoint += this.adjoint * ∂this/∂input}. Everything
 * about order, sharing and memory is the walker's business, written once.
 */
public abstract class GraphNode {
    /** Consumers of this node that have not yet pushed their adjoint into it; walker state. */
    int pendingConsumers;

    /**
     * Number of input slots; {@link #input(int)} may return null for some of them.
     *
     * @return the number of input slots
     */
    protected abstract int inputCount();

    /**
     * The i-th input node, or null when no gradient flows into that input.
     *
     * @param i the slot
     * @return the input node, or null
     */
    protected abstract GraphNode input(int i);

    /**
     * Adds this node's contribution to the adjoint of each of its inputs. Called exactly once
     * per backward pass, after every consumer of this node has contributed to its adjoint.
     */
    protected abstract void propagate();

    /** Frees what {@link #propagate()} needed (saved values), after a pass that does not retain. */
    protected abstract void release();
}

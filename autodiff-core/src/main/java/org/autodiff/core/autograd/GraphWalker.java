package org.autodiff.core.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse-mode graph traversal, written once for both the scalar and the tensor engine.
 *
 * <p>Like PyTorch's engine it first counts, for every node reachable from the root, how many
 * consumers will push an adjoint into it, then runs a node when that count reaches zero. So a
 * node shared by several paths (a diamond) propagates once, after its adjoint holds the sum
 * over all paths: the total derivative. Both phases use explicit stacks, never recursion, so a
 * chain of millions of nodes runs on the default thread stack.
 */
public final class GraphWalker {
    private GraphWalker() {
    }

    /**
     * Propagates adjoints from {@code root} (whose adjoint the caller has seeded) to every node
     * it depends on.
     *
     * @param root        the node to differentiate
     * @param retainGraph if false, each node's saved values are released once it has propagated
     */
    public static void backward(GraphNode root, boolean retainGraph) {
        List<GraphNode> discovered = countConsumers(root);
        boolean completed = false;
        try {
            ArrayDeque<GraphNode> ready = new ArrayDeque<>();
            ready.push(root);
            while (!ready.isEmpty()) {
                GraphNode node = ready.pop();
                node.propagate();
                for (int i = 0, n = node.inputCount(); i < n; i++) {
                    GraphNode input = node.input(i);
                    if (input != null && --input.pendingConsumers == 0) {
                        ready.push(input);
                    }
                }
                if (!retainGraph) {
                    node.release();
                }
            }
            completed = true;
        } finally {
            if (!completed) {
                // A rule threw: leave no stale counts behind for the next pass.
                for (GraphNode node : discovered) {
                    node.pendingConsumers = 0;
                }
            }
        }
    }

    /** Visits every node reachable from root once, counting the edges that enter each. */
    private static List<GraphNode> countConsumers(GraphNode root) {
        List<GraphNode> discovered = new ArrayList<>();
        ArrayDeque<GraphNode> stack = new ArrayDeque<>();
        stack.push(root);
        discovered.add(root);
        while (!stack.isEmpty()) {
            GraphNode node = stack.pop();
            for (int i = 0, n = node.inputCount(); i < n; i++) {
                GraphNode input = node.input(i);
                if (input != null && input.pendingConsumers++ == 0) {
                    stack.push(input);
                    discovered.add(input);
                }
            }
        }
        return discovered;
    }
}

package org.autodiff.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.function.IntFunction;
import org.autodiff.core.Tensor;
import org.autodiff.core.scalar.Scalar;

/**
 * Heap retained per recorded graph node, measured as a plain program rather than under JMH:
 * the used heap after a full collection with a graph of N nodes held, minus the used heap
 * after a full collection before building it, divided by N. Everything the graph keeps alive
 * counts: the node, its value, its local-derivative state and the saved inputs.
 *
 * <p>The graphs are the chain {@code h ← tanh(h·w + b)} of {@link ScalarEngineBenchmark}: on
 * the scalar engine, and on one-element tensors (the tensor engine's fixed cost per node).
 * Run with {@code java -cp benchmarks.jar org.autodiff.bench.RetainedBytesPerNode}.
 */
public final class RetainedBytesPerNode {
    private static final int SCALAR_NODES = 1_000_000;
    private static final int TENSOR_NODES = 200_000;

    private RetainedBytesPerNode() {
    }

    public static void main(String[] args) {
        System.out.println("| graph | nodes | bytes per node |");
        System.out.println("|---|---:|---:|");
        for (String row : rows()) {
            System.out.println(row);
        }
    }

    /** One Markdown table row per graph kind. */
    static String[] rows() {
        return new String[] {
            row("scalar engine (Scalar)", SCALAR_NODES, RetainedBytesPerNode::scalarChain),
            row("tensor engine, one-element float64 tensors", TENSOR_NODES, RetainedBytesPerNode::tensorChain),
        };
    }

    private static String row(String name, int nodes, IntFunction<Object> build) {
        build.apply(nodes / 10); // warm the classes up so their metadata is not counted
        long before = usedHeapAfterGc();
        Object root = build.apply(nodes);
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(root);
        return String.format("| %s | %,d | %.0f |", name, nodes, (after - before) / (double) nodes);
    }

    /** Four nodes per step (mul, add, tanh, and the running sum's add), as the JMH benchmark. */
    private static Object scalarChain(int nodes) {
        Scalar w = Scalar.of(0.9);
        Scalar b = Scalar.of(0.1);
        Scalar h = Scalar.of(0.5);
        Scalar sum = Scalar.of(0);
        for (int step = 0; step < nodes / 4; step++) {
            h = h.mul(w).add(b).tanh();
            sum = sum.add(h);
        }
        return sum;
    }

    private static Object tensorChain(int nodes) {
        Tensor w = Tensor.of(new double[] {0.9}, 1).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0.1}, 1).requiresGrad(true);
        Tensor h = Tensor.of(new double[] {0.5}, 1);
        Tensor sum = Tensor.of(new double[] {0}, 1);
        for (int step = 0; step < nodes / 4; step++) {
            h = h.mul(w).add(b).tanh();
            sum = sum.add(h);
        }
        return sum;
    }

    /** Used heap after full collections, in bytes. */
    static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several collections: the last one's figure is stable once nothing more is freed.
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

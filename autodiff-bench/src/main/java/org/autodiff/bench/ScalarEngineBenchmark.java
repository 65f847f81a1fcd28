package org.autodiff.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff.core.scalar.Scalar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Builds a scalar graph of about {@code nodes} nodes and differentiates it: the cost per node
 * of recording an operation and of walking it backward, allocation included.
 *
 * <p>The graph is a recurrent chain {@code h ← tanh(h·w + b)}, every state also added into a
 * running sum, so it mixes unary and binary nodes, has two leaves shared by every step (each
 * with hundreds of thousands of consumers) and is as deep as it is large.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScalarEngineBenchmark {

    /** Four nodes per step: mul, add, tanh and the sum's add. */
    private static final int NODES_PER_STEP = 4;

    @Param("1000000")
    public int nodes;

    /** Forward pass then one backward pass; returns a gradient so nothing is optimised away. */
    @Benchmark
    public double forwardAndBackward() {
        Scalar w = Scalar.of(0.9);
        Scalar b = Scalar.of(0.1);
        Scalar h = Scalar.of(0.5);
        Scalar sum = Scalar.of(0);
        for (int step = 0; step < nodes / NODES_PER_STEP; step++) {
            h = h.mul(w).add(b).tanh();
            sum = sum.add(h);
        }
        sum.backward();
        return w.grad() + b.grad();
    }

    /** The forward pass alone, to split the cost between recording and walking. */
    @Benchmark
    public Scalar forwardOnly() {
        Scalar w = Scalar.of(0.9);
        Scalar b = Scalar.of(0.1);
        Scalar h = Scalar.of(0.5);
        Scalar sum = Scalar.of(0);
        for (int step = 0; step < nodes / NODES_PER_STEP; step++) {
            h = h.mul(w).add(b).tanh();
            sum = sum.add(h);
        }
        return sum;
    }
}

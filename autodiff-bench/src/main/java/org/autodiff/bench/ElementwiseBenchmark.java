package org.autodiff.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Elementwise ops and reductions on a float32 [1024, 1024] tensor (2²⁰ elements), no gradient
 * recorded: the per-element cost of the backend and the per-op overhead of the tensor layer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class ElementwiseBenchmark {
    static final int ROWS = 1024;
    static final int COLUMNS = 1024;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        a = Tensor.of(BenchData.uniform(1, ROWS * COLUMNS, 1), ROWS, COLUMNS);
        b = Tensor.of(BenchData.uniform(2, ROWS * COLUMNS, 1), ROWS, COLUMNS);
    }

    /** a + b. */
    @Benchmark
    public Tensor add() {
        return a.add(b);
    }

    /**
     * a += b, in place (PyTorch's {@code add_}): the kernel without the JVM's allocation and
     * zeroing of a new 4 MiB result. a grows by b each call, far from float32's range.
     */
    @Benchmark
    public Tensor addInPlace() {
        return a.addInPlace(b, 1);
    }

    /** exp(a): a transcendental map. */
    @Benchmark
    public Tensor exp() {
        return a.exp();
    }

    /** The sum of all elements. */
    @Benchmark
    public Tensor sum() {
        return a.sum();
    }

    /** Row sums (over dim 1). */
    @Benchmark
    public Tensor sumDim() {
        return a.sum(1, false);
    }
}

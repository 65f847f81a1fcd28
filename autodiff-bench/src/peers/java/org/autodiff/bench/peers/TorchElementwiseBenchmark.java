package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.concurrent.TimeUnit;
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

/** PyTorch's side of {@code ElementwiseBenchmark}: float32 [1024, 1024]. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TorchElementwiseBenchmark {
    private NDArray a;
    private NDArray b;

    @Setup
    public void setUp() {
        a = TorchRuntime.uniform(1, 1, 1024, 1024);
        b = TorchRuntime.uniform(2, 1, 1024, 1024);
    }

    @Benchmark
    public NDArray add() {
        try (NDScope ignored = new NDScope()) {
            return a.add(b);
        }
    }

    /** a += b, in place ({@code add_}). */
    @Benchmark
    public NDArray addInPlace() {
        return a.addi(b);
    }

    @Benchmark
    public NDArray exp() {
        try (NDScope ignored = new NDScope()) {
            return a.exp();
        }
    }

    @Benchmark
    public NDArray sum() {
        try (NDScope ignored = new NDScope()) {
            return a.sum();
        }
    }

    @Benchmark
    public NDArray sumDim() {
        try (NDScope ignored = new NDScope()) {
            return a.sum(new int[] {1});
        }
    }
}

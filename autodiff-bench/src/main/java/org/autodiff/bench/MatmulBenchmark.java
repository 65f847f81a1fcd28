package org.autodiff.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square matrix products through {@link Tensor#matmul}, as a model sees them (kernel-level GEMM
 * benchmarks are in {@code org.autodiff.bench.kernels}). No gradient is recorded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class MatmulBenchmark {

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"256", "512", "1024", "2048"})
    public int size;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        a = square(1);
        b = square(2);
    }

    private Tensor square(long seed) {
        float[] values = BenchData.uniform(seed, size * size, 1);
        return dtype.equals("float64") ? Tensor.of(BenchData.widen(values), size, size) : Tensor.of(values, size, size);
    }

    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }
}

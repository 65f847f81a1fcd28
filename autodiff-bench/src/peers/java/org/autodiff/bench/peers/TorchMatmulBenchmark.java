package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.NDScope;
import java.util.concurrent.TimeUnit;
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

/** PyTorch's side of {@code MatmulBenchmark}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TorchMatmulBenchmark {

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"256", "512", "1024", "2048"})
    public int size;

    private NDArray a;
    private NDArray b;

    @Setup
    public void setUp() {
        DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
        a = TorchRuntime.uniform(1, 1, size, size).toType(type, false);
        b = TorchRuntime.uniform(2, 1, size, size).toType(type, false);
    }

    @Benchmark
    public NDArray matmul() {
        try (NDScope ignored = new NDScope()) {
            return a.matMul(b);
        }
    }
}

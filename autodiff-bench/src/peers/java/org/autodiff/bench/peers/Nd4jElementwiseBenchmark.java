package org.autodiff.bench.peers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
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

/** ND4J's side of {@code ElementwiseBenchmark}: float32 [1024, 1024]. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Nd4jElementwiseBenchmark {
    private INDArray a;
    private INDArray b;

    @Setup
    public void setUp() {
        a = Nd4jRuntime.uniform(1, 1, 1024, 1024);
        b = Nd4jRuntime.uniform(2, 1, 1024, 1024);
    }

    @Benchmark
    public INDArray add() {
        return a.add(b);
    }

    /** a += b, in place. */
    @Benchmark
    public INDArray addInPlace() {
        return a.addi(b);
    }

    @Benchmark
    public INDArray exp() {
        return Transforms.exp(a, true);
    }

    @Benchmark
    public INDArray sum() {
        return a.sum();
    }

    @Benchmark
    public INDArray sumDim() {
        return a.sum(1);
    }
}

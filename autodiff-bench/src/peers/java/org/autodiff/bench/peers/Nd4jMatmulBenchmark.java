package org.autodiff.bench.peers;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

/** ND4J's side of {@code MatmulBenchmark}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Nd4jMatmulBenchmark {

    @Param({"float32", "float64"})
    public String dtype;

    @Param({"256", "512", "1024", "2048"})
    public int size;

    private INDArray a;
    private INDArray b;

    @Setup
    public void setUp() {
        DataType type = dtype.equals("float64") ? DataType.DOUBLE : DataType.FLOAT;
        a = Nd4jRuntime.uniform(1, 1, size, size).castTo(type);
        b = Nd4jRuntime.uniform(2, 1, size, size).castTo(type);
    }

    @Benchmark
    public INDArray matmul() {
        return a.mmul(b);
    }
}

package org.autodiff.bench.peers;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
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

/** SameDiff's side of {@code SoftmaxCrossEntropyBenchmark}: float32 [512, 1000] logits. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Nd4jSoftmaxCrossEntropyBenchmark {
    private SameDiff sd;

    @Setup
    public void setUp() {
        sd = SameDiff.create();
        SDVariable logits = sd.var("logits", Nd4jRuntime.uniform(1, 3, 512, 1000));
        SDVariable targets = sd.constant("targets", Nd4jRuntime.oneHot(2, 512, 1000));
        sd.setLossVariables(Nd4jRuntime.crossEntropy(sd, logits, targets, 512).rename("loss"));
    }

    @Benchmark
    public Map<String, INDArray> forwardBackward() {
        return sd.calculateGradients(Map.of(), "logits");
    }
}

package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
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

/** PyTorch's side of {@code SoftmaxCrossEntropyBenchmark}: float32 [512, 1000] logits. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TorchSoftmaxCrossEntropyBenchmark {
    private NDArray logits;
    private NDArray targets;

    @Setup
    public void setUp() {
        logits = TorchRuntime.uniform(1, 3, 512, 1000);
        logits.setRequiresGradient(true);
        targets = TorchRuntime.oneHot(2, 512, 1000);
    }

    @Benchmark
    public NDArray forwardBackward() {
        try (NDScope ignored = new NDScope();
                GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
            collector.backward(TorchRuntime.crossEntropy(logits, targets));
            NDArray grad = logits.getGradient();
            grad.subi(grad);
            return grad;
        }
    }
}

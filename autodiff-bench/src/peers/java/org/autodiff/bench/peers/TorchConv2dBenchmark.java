package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
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

/** PyTorch's side of {@code Conv2dBenchmark}: input [32, 16, 32, 32], weight [32, 16, 3, 3], padding 1. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TorchConv2dBenchmark {
    private NDArray input;
    private NDArray weight;
    private NDArray bias;

    @Setup
    public void setUp() {
        input = TorchRuntime.uniform(1, 1, 32, 16, 32, 32);
        weight = TorchRuntime.uniform(2, 1 / Math.sqrt(16 * 9), 32, 16, 3, 3);
        bias = TorchRuntime.uniform(3, 0.1, 32);
        for (NDArray p : new NDArray[] {input, weight, bias}) {
            p.setRequiresGradient(true);
        }
    }

    private NDArray convolve() {
        return Conv2d.conv2d(input, weight, bias, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
    }

    @Benchmark
    public NDArray forward() {
        try (NDScope ignored = new NDScope()) {
            return convolve();
        }
    }

    @Benchmark
    public NDArray forwardBackward() {
        try (NDScope ignored = new NDScope();
                GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
            collector.backward(convolve().sum());
            TorchRuntime.zeroGradients(input, weight, bias);
            return weight;
        }
    }
}

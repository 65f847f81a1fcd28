package org.autodiff.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff.core.Autograd;
import org.autodiff.core.GradMode;
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
 * A float32 3×3 convolution, padding 1, stride 1: input [32, 16, 32, 32], weight [32, 16, 3, 3],
 * with bias. Forward alone, and forward plus the gradients of the output's sum with respect to
 * input, weight and bias.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Conv2dBenchmark {
    static final int BATCH = 32;
    static final int IN_CHANNELS = 16;
    static final int OUT_CHANNELS = 32;
    static final int SIDE = 32;

    private Tensor input;
    private Tensor weight;
    private Tensor bias;

    @Setup
    public void setUp() {
        input = Tensor.of(BenchData.uniform(1, BATCH * IN_CHANNELS * SIDE * SIDE, 1),
                BATCH, IN_CHANNELS, SIDE, SIDE).requiresGrad(true);
        weight = Tensor.of(BenchData.uniform(2, OUT_CHANNELS * IN_CHANNELS * 9, 1 / Math.sqrt(IN_CHANNELS * 9)),
                OUT_CHANNELS, IN_CHANNELS, 3, 3).requiresGrad(true);
        bias = Tensor.of(BenchData.uniform(3, OUT_CHANNELS, 0.1), OUT_CHANNELS).requiresGrad(true);
    }

    /** The convolution with no graph recorded. */
    @Benchmark
    public Tensor forward() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return input.conv2d(weight, bias, 1, 1, 1, 1);
        }
    }

    /** The convolution and the gradients of its sum. */
    @Benchmark
    public Tensor[] forwardBackward() {
        return Autograd.grad(input.conv2d(weight, bias, 1, 1, 1, 1).sum(), input, weight, bias);
    }
}

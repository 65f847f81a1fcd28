package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
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

/** PyTorch's side of {@code CnnBenchmark}: the same small CNN on [64, 1, 8, 8] inputs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TorchCnnBenchmark {
    private NDArray[] parameters;
    private NDArray input;
    private NDArray targets;

    @Setup
    public void setUp() {
        parameters = new NDArray[] {
            TorchRuntime.uniform(30, 1 / Math.sqrt(9), 8, 1, 3, 3),
            TorchRuntime.uniform(31, 1 / Math.sqrt(9), 8),
            TorchRuntime.uniform(32, 1 / Math.sqrt(72), 16, 8, 3, 3),
            TorchRuntime.uniform(33, 1 / Math.sqrt(72), 16),
            TorchRuntime.uniform(34, 1 / Math.sqrt(64), 64, 10),
            TorchRuntime.uniform(35, 1 / Math.sqrt(64), 10),
        };
        for (NDArray p : parameters) {
            p.setRequiresGradient(true);
        }
        input = TorchRuntime.uniform(1, 1, 64, 1, 8, 8);
        targets = TorchRuntime.oneHot(2, 64, 10);
    }

    private NDArray block(NDArray x, NDArray weight, NDArray bias) {
        Shape one = new Shape(1, 1);
        NDArray conv = Conv2d.conv2d(x, weight, bias, one, one, one, 1).singletonOrThrow();
        return Pool.maxPool2d(Activation.relu(conv), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    @Benchmark
    public NDArray trainingStep() {
        try (NDScope ignored = new NDScope()) {
            NDArray loss;
            try (GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
                NDArray h = block(block(input, parameters[0], parameters[1]), parameters[2], parameters[3]);
                NDArray logits = h.reshape(64, 64).matMul(parameters[4]).add(parameters[5]);
                loss = TorchRuntime.crossEntropy(logits, targets);
                collector.backward(loss);
            }
            for (NDArray p : parameters) {
                NDArray g = p.getGradient();
                p.subi(g.mul(0.01f));
                g.subi(g);
            }
            return loss;
        }
    }
}

package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import org.autodiff.bench.MlpShape;
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

/** PyTorch's side of {@code MlpBenchmark}: the same widths, batch, initial weights and data. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TorchMlpBenchmark {
    static final float LEARNING_RATE = 0.01f;

    @Param({"784-256-256-10/128", "784-256-10/256"})
    public String shape;

    private NDArray[] parameters;
    private NDArray input;
    private NDArray targets;

    @Setup
    public void setUp() {
        MlpShape s = MlpShape.parse(shape);
        int[] widths = s.widths();
        parameters = new NDArray[2 * (widths.length - 1)];
        for (int layer = 0; layer + 1 < widths.length; layer++) {
            double bound = 1 / Math.sqrt(widths[layer]);
            parameters[2 * layer] = TorchRuntime.uniform(10 + layer, bound, widths[layer], widths[layer + 1]);
            parameters[2 * layer + 1] = TorchRuntime.uniform(20 + layer, bound, widths[layer + 1]);
        }
        for (NDArray p : parameters) {
            p.setRequiresGradient(true);
        }
        input = TorchRuntime.uniform(1, 1, s.batch(), s.inputs());
        targets = TorchRuntime.oneHot(2, s.batch(), s.classes());
    }

    private NDArray loss() {
        NDArray h = input;
        for (int i = 0; i < parameters.length; i += 2) {
            h = h.matMul(parameters[i]).add(parameters[i + 1]);
            if (i + 2 < parameters.length) {
                h = Activation.relu(h);
            }
        }
        return TorchRuntime.crossEntropy(h, targets);
    }

    /** The loss with the graph recorded, as the first half of a training step. */
    @Benchmark
    public NDArray forward() {
        try (NDScope ignored = new NDScope();
                GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
            return loss();
        }
    }

    @Benchmark
    public NDArray forwardBackward() {
        try (NDScope ignored = new NDScope();
                GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
            NDArray loss = loss();
            collector.backward(loss);
            TorchRuntime.zeroGradients(parameters);
            return loss;
        }
    }

    @Benchmark
    public NDArray trainingStep() {
        try (NDScope ignored = new NDScope()) {
            NDArray loss;
            try (GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
                loss = loss();
                collector.backward(loss);
            }
            for (NDArray p : parameters) {
                NDArray g = p.getGradient();
                p.subi(g.mul(LEARNING_RATE));
                g.subi(g);
            }
            return loss;
        }
    }
}

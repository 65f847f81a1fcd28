package org.autodiff.bench;

import java.util.List;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What anomaly mode costs: one forward and backward pass with {@code Autograd.detectAnomaly()}
 * open ({@code anomaly = true}) and without it. {@code mlp} is a float32 784-128-10 MLP on a batch
 * of 32 (few large ops: the scans of each result dominate); {@code chain} is 200 elementwise ops
 * on 16 elements (many small ops: the stack walk that records each op's creation site
 * dominates). With anomaly mode off an op reads one static flag, so the {@code false} rows are
 * the ordinary cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AnomalyModeBenchmark {
    private static final int CHAIN_LENGTH = 200;

    @Param({"false", "true"})
    public boolean anomaly;

    private Mlp model;
    private List<Tensor> parameters;
    private Tensor input;
    private Tensor targets;
    private Tensor leaf;

    @Setup
    public void setUp() {
        model = new Mlp(784, 128, 10);
        parameters = model.parameters();
        input = Tensor.of(BenchData.uniform(1, 32 * 784, 1), 32, 784);
        targets = Tensor.of(BenchData.oneHot(BenchData.labels(2, 32, 10), 10), 32, 10);
        leaf = Tensor.of(BenchData.uniform(3, 16, 1), 16).requiresGrad(true);
    }

    @Benchmark
    public Tensor mlp() {
        try (GradMode.Scope scope = anomaly ? Autograd.detectAnomaly() : null) {
            Tensor loss = CrossEntropy.of(model.forward(input), targets);
            loss.backward();
            for (Tensor p : parameters) {
                p.zeroGrad();
            }
            return loss;
        }
    }

    @Benchmark
    public Tensor chain() {
        try (GradMode.Scope scope = anomaly ? Autograd.detectAnomaly() : null) {
            Tensor h = leaf;
            for (int i = 0; i < CHAIN_LENGTH; i++) {
                h = i % 2 == 0 ? h.tanh() : h.mul(1.01);
            }
            Tensor loss = h.sum();
            loss.backward();
            leaf.zeroGrad();
            return loss;
        }
    }
}

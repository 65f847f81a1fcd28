package org.autodiff.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
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

/** One SGD training step of {@link SmallCnn} on a batch of 64 digits-shaped [64, 1, 8, 8] inputs. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class CnnBenchmark {
    static final int BATCH = 64;

    private SmallCnn model;
    private List<Tensor> parameters;
    private Tensor input;
    private Tensor targets;

    @Setup
    public void setUp() {
        model = new SmallCnn();
        parameters = model.parameters();
        input = Tensor.of(BenchData.uniform(1, BATCH * 64, 1), BATCH, 1, 8, 8);
        targets = Tensor.of(BenchData.oneHot(BenchData.labels(2, BATCH, SmallCnn.CLASSES), SmallCnn.CLASSES),
                BATCH, SmallCnn.CLASSES);
    }

    @Benchmark
    public Tensor trainingStep() {
        Tensor loss = CrossEntropy.of(model.forward(input), targets);
        loss.backward();
        Mlp.sgdStep(parameters, 0.01);
        return loss;
    }
}

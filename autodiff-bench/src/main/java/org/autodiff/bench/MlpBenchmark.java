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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A float32 MLP classifier (relu, softmax cross-entropy, plain SGD) on one fixed batch.
 * {@code forward} records the graph and computes the loss; {@code forwardBackward} adds the
 * backward pass; {@code trainingStep} adds the SGD update. Backward ÷ forward is
 * (forwardBackward − forward) ÷ forward.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class MlpBenchmark {
    static final double LEARNING_RATE = 0.01;

    @Param({"784-256-256-10/128", "784-256-10/256"})
    public String shape;

    private Mlp model;
    private List<Tensor> parameters;
    private Tensor input;
    private Tensor targets;

    @Setup
    public void setUp() {
        MlpShape s = MlpShape.parse(shape);
        model = new Mlp(s.widths());
        parameters = model.parameters();
        input = Tensor.of(BenchData.uniform(1, s.batch() * s.inputs(), 1), s.batch(), s.inputs());
        targets = Tensor.of(BenchData.oneHot(BenchData.labels(2, s.batch(), s.classes()), s.classes()),
                s.batch(), s.classes());
    }

    @Benchmark
    public Tensor forward() {
        return CrossEntropy.of(model.forward(input), targets);
    }

    @Benchmark
    public Tensor forwardBackward() {
        Tensor loss = CrossEntropy.of(model.forward(input), targets);
        loss.backward();
        for (Tensor p : parameters) {
            p.zeroGrad();
        }
        return loss;
    }

    @Benchmark
    public Tensor trainingStep() {
        Tensor loss = CrossEntropy.of(model.forward(input), targets);
        loss.backward();
        Mlp.sgdStep(parameters, LEARNING_RATE);
        return loss;
    }
}

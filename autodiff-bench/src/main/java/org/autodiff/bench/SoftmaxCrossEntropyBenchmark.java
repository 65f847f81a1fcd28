package org.autodiff.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff.core.Autograd;
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

/** Softmax cross-entropy of float32 [512, 1000] logits, and its gradient with respect to them. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class SoftmaxCrossEntropyBenchmark {
    static final int BATCH = 512;
    static final int CLASSES = 1000;

    private Tensor logits;
    private Tensor targets;

    @Setup
    public void setUp() {
        logits = Tensor.of(BenchData.uniform(1, BATCH * CLASSES, 3), BATCH, CLASSES).requiresGrad(true);
        targets = Tensor.of(BenchData.oneHot(BenchData.labels(2, BATCH, CLASSES), CLASSES), BATCH, CLASSES);
    }

    /** The loss and its gradient with respect to the logits. */
    @Benchmark
    public Tensor forwardBackward() {
        return Autograd.grad(CrossEntropy.of(logits, targets), logits)[0];
    }
}

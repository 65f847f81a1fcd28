package org.autodiff.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff.core.FusedUpdates;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.AdamStep;
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
 * One Adam step of one float32 parameter the size of the MLP's first weight (784 × 256):
 * {@code fused}, the one-pass kernel {@code Adam} now calls, against {@code separateOps}, the
 * in-place and elementwise tensor ops it ran before (about a dozen passes and five temporary
 * tensors; the same values, bit for bit, see {@code FusedUpdatesTest}). Threads and backend as
 * {@code -Dautodiff.threads} and {@code -Dautodiff.backend} say.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AdamStepBenchmark {
    /** Weight decay 0 (Adam) or 0.01 decoupled (AdamW's default). */
    @Param({"adam", "adamw"})
    public String variant;

    private Tensor param;
    private Tensor grad;
    private Tensor expAvg;
    private Tensor expAvgSq;
    private AdamStep step;

    @Setup
    public void setUp() {
        param = Tensor.of(BenchData.uniform(1, 784 * 256, 0.05), 784, 256);
        grad = Tensor.of(BenchData.uniform(2, 784 * 256, 1), 784, 256);
        expAvg = Tensor.zerosLike(param);
        expAvgSq = Tensor.zerosLike(param);
        boolean adamw = variant.equals("adamw");
        // A late step, so that the bias corrections are those of a long run; the step number does not change the work.
        step = new AdamStep(1e-3, 0.9, 0.999, 1e-8, adamw ? 0.01 : 0, adamw, false, false, 1000);
    }

    /** The one-pass kernel. */
    @Benchmark
    public Tensor fused() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            FusedUpdates.adam(param, grad, expAvg, expAvgSq, null, step);
        }
        return param;
    }

    /** The tensor ops of Adam's update before the kernel, one by one. */
    @Benchmark
    public Tensor separateOps() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            AdamStep s = step;
            if (s.decoupledWeightDecay()) {
                param.mulInPlace(1 - s.lr() * s.weightDecay());
            }
            expAvg.mulInPlace(s.beta1()).addInPlace(grad, 1 - s.beta1());
            expAvgSq.mulInPlace(s.beta2()).addInPlace(grad.square(), 1 - s.beta2());
            Tensor mHat = expAvg.div(s.biasCorrection1());
            Tensor vHat = expAvgSq.div(s.biasCorrection2());
            param.addInPlace(mHat.div(vHat.sqrt().add(s.eps())), -s.lr());
        }
        return param;
    }
}

package org.autodiff.bench;

import java.util.concurrent.TimeUnit;
import org.autodiff.core.FusedUpdates;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.AdamStep;
import org.autodiff.core.backend.SgdStep;
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
 * One optimizer step of one float32 parameter the size of the MLP's first weight (784 × 256):
 * {@code fused}, the one-pass kernel {@code Adam}, {@code AdamW} and {@code SGD} with momentum
 * now call, against {@code separateOps}, the in-place and elementwise tensor ops they ran before
 * (Adam: about a dozen passes and five temporary tensors; SGD with momentum: three passes; the
 * same values, bit for bit, see {@code FusedUpdatesTest}). Threads and backend as
 * {@code -Dautodiff.threads} and {@code -Dautodiff.backend} say.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OptimizerStepBenchmark {
    /** Adam; AdamW (weight decay 0.01, decoupled); SGD with momentum 0.9. */
    @Param({"adam", "adamw", "sgd"})
    public String variant;

    private Tensor param;
    private Tensor grad;
    /** Adam's m, and SGD's momentum buffer in the sgd variant. */
    private Tensor expAvg;
    private Tensor expAvgSq;
    private AdamStep step;
    private SgdStep sgdStep;

    @Setup
    public void setUp() {
        param = Tensor.of(BenchData.uniform(1, 784 * 256, 0.05), 784, 256);
        grad = Tensor.of(BenchData.uniform(2, 784 * 256, 1), 784, 256);
        expAvg = Tensor.zerosLike(param);
        expAvgSq = Tensor.zerosLike(param);
        boolean adamw = variant.equals("adamw");
        // A late step, so that the bias corrections are those of a long run; the step number does not change the work.
        step = new AdamStep(1e-3, 0.9, 0.999, 1e-8, adamw ? 0.01 : 0, adamw, false, false, 1000);
        sgdStep = new SgdStep(1e-3, 0.9, 0, 0, false, false, false);
    }

    /** The one-pass kernel. */
    @Benchmark
    public Tensor fused() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            if (variant.equals("sgd")) {
                FusedUpdates.sgd(param, grad, expAvg, sgdStep);
            } else {
                FusedUpdates.adam(param, grad, expAvg, expAvgSq, null, step);
            }
        }
        return param;
    }

    /** The tensor ops of the update before the kernel, one by one. */
    @Benchmark
    public Tensor separateOps() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            if (variant.equals("sgd")) {
                expAvg.mulInPlace(sgdStep.momentum()).addInPlace(grad, 1 - sgdStep.dampening());
                return param.addInPlace(expAvg, -sgdStep.lr());
            }
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

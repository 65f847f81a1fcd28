package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.autodiff.core.backend.AdamStep;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.core.backend.SgdStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fused Adam and SGD steps give the values of the separate tensor ops they replace, bit for bit
 * (those ops are written out here as the optimizer wrote them), for both dtypes, every
 * hyperparameter switch, on one thread and split across two, and through a view.
 */
class FusedUpdatesTest {
    /** Above two threads' worth of either kernel's grain (2^12 for Adam, 2^15 for SGD), so that two threads split it. */
    private static final int N = 70_001;

    static Stream<Arguments> adamSettings() {
        List<Arguments> all = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int threads : new int[] {1, 2}) {
                for (int flags = 0; flags < 16; flags++) {
                    all.add(Arguments.of(dtype, threads, (flags & 1) != 0, (flags & 2) != 0 ? 0.01 : 0,
                            (flags & 4) != 0, (flags & 8) != 0));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1} threads, maximize {2}, weight decay {3}, decoupled {4}, amsgrad {5}")
    @MethodSource("adamSettings")
    void adamEqualsTheSeparateOpsBitForBit(DType dtype, int threads, boolean maximize, double weightDecay,
                                                boolean decoupled, boolean amsgrad) {
        onThreads(threads, () -> {
            SplittableRandom random = new SplittableRandom(7);
            Tensor fusedParam = values(random, dtype), composedParam = fusedParam.copy();
            Tensor[] fusedState = {Tensor.zerosLike(fusedParam), Tensor.zerosLike(fusedParam), Tensor.zerosLike(fusedParam)};
            Tensor[] composedState = {Tensor.zerosLike(fusedParam), Tensor.zerosLike(fusedParam), Tensor.zerosLike(fusedParam)};
            for (int t = 1; t <= 3; t++) {
                Tensor grad = values(random, dtype);
                AdamStep step = new AdamStep(1e-2, 0.9, 0.999, 1e-8, weightDecay, decoupled, amsgrad, maximize, t);
                int version = fusedParam.version();
                assertTrue(FusedUpdates.adam(fusedParam, grad, fusedState[0], fusedState[1], fusedState[2], step));
                assertTrue(fusedParam.version() > version, "the update counts as an in-place update");
                composedAdam(composedParam, grad, composedState[0], composedState[1], composedState[2], step);
                assertBitwiseEqual(composedParam, fusedParam, "param after step " + t);
                assertBitwiseEqual(composedState[0], fusedState[0], "exp_avg after step " + t);
                assertBitwiseEqual(composedState[1], fusedState[1], "exp_avg_sq after step " + t);
                assertBitwiseEqual(composedState[2], fusedState[2], "max_exp_avg_sq after step " + t);
            }
        });
    }

    static Stream<Arguments> sgdSettings() {
        List<Arguments> all = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int threads : new int[] {1, 2}) {
                for (int flags = 0; flags < 16; flags++) {
                    boolean nesterov = (flags & 4) != 0;
                    double dampening = (flags & 8) != 0 ? 0.1 : 0;
                    if (!(nesterov && dampening != 0)) {  // PyTorch's rule: Nesterov momentum has no dampening
                        all.add(Arguments.of(dtype, threads, (flags & 1) != 0, (flags & 2) != 0 ? 0.01 : 0, nesterov,
                                dampening));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, {1} threads, maximize {2}, weight decay {3}, nesterov {4}, dampening {5}")
    @MethodSource("sgdSettings")
    void sgdWithMomentumEqualsTheSeparateOpsBitForBit(DType dtype, int threads, boolean maximize, double weightDecay,
                                                      boolean nesterov, double dampening) {
        onThreads(threads, () -> {
            SplittableRandom random = new SplittableRandom(11);
            Tensor fusedParam = values(random, dtype), composedParam = fusedParam.copy();
            Tensor fusedBuffer = Tensor.zerosLike(fusedParam), composedBuffer = null;
            for (int t = 1; t <= 3; t++) {
                Tensor grad = values(random, dtype);
                SgdStep step = new SgdStep(1e-2, 0.9, dampening, weightDecay, nesterov, maximize, t == 1);
                assertTrue(FusedUpdates.sgd(fusedParam, grad, fusedBuffer, step));
                composedBuffer = composedSgd(composedParam, grad, composedBuffer, step);
                assertBitwiseEqual(composedParam, fusedParam, "param after step " + t);
                assertBitwiseEqual(composedBuffer, fusedBuffer, "momentum_buffer after step " + t);
            }
        });
    }

    /** Runs body on a Java backend of this many threads, with grad mode off, as an optimizer steps. */
    private static void onThreads(int threads, Runnable body) {
        Backend previous = Backends.use(new JavaBackend(threads));
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            body.run();
        } finally {
            Backends.use(previous);
        }
    }

    @Test
    void aViewOfAParameterIsUpdatedThroughToItsBase() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            SplittableRandom random = new SplittableRandom(3);
            Tensor base = values(random, DType.FLOAT32).reshape(N, 1).expand(N, 2).contiguous();
            Tensor composedBase = base.copy();
            Tensor column = base.slice(1, 1, 2, 1), composedColumn = composedBase.slice(1, 1, 2, 1);
            Tensor grad = values(random, DType.FLOAT32).reshape(N, 1);
            Tensor m = Tensor.zerosLike(grad), v = Tensor.zerosLike(grad);
            Tensor cm = Tensor.zerosLike(grad), cv = Tensor.zerosLike(grad);
            AdamStep step = new AdamStep(1e-3, 0.9, 0.999, 1e-8, 0, false, false, false, 1);
            assertTrue(FusedUpdates.adam(column, grad, m, v, null, step));
            composedAdam(composedColumn, grad, cm, cv, null, step);
            assertBitwiseEqual(composedBase, base, "the base of the updated column");
        }
    }

    @Test
    void mixedDtypesOrSharedStorageAreLeftToTheSeparateOps() {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor param = Tensor.of(new float[] {1, 2, 3}, 3);
            Tensor m = Tensor.zerosLike(param), v = Tensor.zerosLike(param);
            AdamStep step = new AdamStep(0.1, 0.9, 0.999, 1e-8, 0, false, false, false, 1);
            assertFalse(FusedUpdates.adam(param, Tensor.of(new double[] {1, 1, 1}, 3), m, v, null, step));
            assertFalse(FusedUpdates.adam(param, Tensor.of(new float[] {1, 1}, 2), m, v, null, step));
            assertFalse(FusedUpdates.adam(param, Tensor.of(new float[] {1, 1, 1}, 3), m, m, null, step));
            assertArrayEquals(new float[] {1, 2, 3}, (float[]) param.storage(), "nothing changed");
            assertArrayEquals(new float[] {0, 0, 0}, (float[]) m.storage(), "nothing changed");
        }
    }

    @Test
    void badCallsNameTheOpAndTheShape() {
        Tensor param = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor grad = Tensor.of(new float[] {1, 1}, 2), m = Tensor.zerosLike(grad), v = Tensor.zerosLike(grad);
        AdamStep amsgrad = new AdamStep(0.1, 0.9, 0.999, 1e-8, 0, false, true, false, 1);
        IllegalArgumentException noMax = assertThrows(IllegalArgumentException.class,
                () -> FusedUpdates.adam(param, grad, m, v, null, amsgrad));
        assertTrue(noMax.getMessage().startsWith("adam: amsgrad needs maxExpAvgSq (param shape [2]"), noMax.getMessage());
        AdamStep plain = new AdamStep(0.1, 0.9, 0.999, 1e-8, 0, false, false, false, 1);
        IllegalStateException tracked = assertThrows(IllegalStateException.class,
                () -> FusedUpdates.adam(param, grad, m, v, null, plain));
        assertTrue(tracked.getMessage().startsWith("adam: a tensor that requires grad (shape [2])"), tracked.getMessage());
        IllegalArgumentException zeroth = assertThrows(IllegalArgumentException.class,
                () -> new AdamStep(0.1, 0.9, 0.999, 1e-8, 0, false, false, false, 0));
        assertEquals("AdamStep: step must be at least 1, got 0", zeroth.getMessage());
    }

    /** Adam's update as separate in-place and elementwise tensor ops. */
    private static void composedAdam(Tensor param, Tensor grad, Tensor m, Tensor v, Tensor vMax, AdamStep s) {
        Tensor g = s.maximize() ? grad.neg() : grad;
        if (s.weightDecay() != 0) {
            if (s.decoupledWeightDecay()) {
                param.mulInPlace(1 - s.lr() * s.weightDecay());
            } else {
                g = g.add(param.mul(s.weightDecay()));
            }
        }
        m.mulInPlace(s.beta1()).addInPlace(g, 1 - s.beta1());
        v.mulInPlace(s.beta2()).addInPlace(g.square(), 1 - s.beta2());
        Tensor mHat = m.div(s.biasCorrection1());
        Tensor vHat;
        if (s.amsgrad()) {
            vMax.copyFrom(Tensor.where(v.gt(vMax), v, vMax));
            vHat = vMax.div(s.biasCorrection2());
        } else {
            vHat = v.div(s.biasCorrection2());
        }
        param.addInPlace(mHat.div(vHat.sqrt().add(s.eps())), -s.lr());
    }

    /** SGD's update with momentum as separate tensor ops; returns the momentum buffer (made on the first step). */
    private static Tensor composedSgd(Tensor param, Tensor grad, Tensor buffer, SgdStep s) {
        Tensor g = s.maximize() ? grad.neg() : grad;
        if (s.weightDecay() != 0) {
            g = g.add(param.mul(s.weightDecay()));
        }
        Tensor b = buffer;
        if (s.firstStep()) {
            b = g.copy();
        } else {
            b.mulInPlace(s.momentum()).addInPlace(g, 1 - s.dampening());
        }
        param.addInPlace(s.nesterov() ? g.add(b.mul(s.momentum())) : b, -s.lr());
        return b;
    }

    /** Normal values with a few zeros of both signs, tiny and huge ones among them. */
    private static Tensor values(SplittableRandom random, DType dtype) {
        double[] x = new double[N];
        double[] specials = {0.0, -0.0, 1e-30, -1e30, 1e-3};
        for (int i = 0; i < N; i++) {
            x[i] = i % 101 < specials.length ? specials[i % 101] : random.nextGaussian();
        }
        return Tensor.of(x, N).to(dtype);
    }

    private static void assertBitwiseEqual(Tensor expected, Tensor actual, String what) {
        if (expected.dtype() == DType.FLOAT32) {
            assertArrayEquals((float[]) expected.storage(), (float[]) actual.storage(), what);
        } else {
            assertArrayEquals((double[]) expected.storage(), (double[]) actual.storage(), what);
        }
    }
}

package org.autodiff.nn.optim.lr;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Parameter;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.SGD;
import org.junit.jupiter.api.Test;

/** Learning rates per epoch as PyTorch's schedulers give them, worked out by hand. */
class SchedulersTest {
    private static SGD sgd(double lr) {
        return new SGD(List.of(Parameter.of(Tensor.of(new double[] {0}, 1))), lr);
    }

    /** The learning rate at epochs 0..n−1: after construction, then after each step(). */
    private static double[] rates(double baseLr, Function<Optimizer, LRScheduler> make, int n) {
        SGD opt = sgd(baseLr);
        LRScheduler s = make.apply(opt);
        double[] out = new double[n];
        for (int e = 0; e < n; e++) {
            assertEquals(e, s.lastEpoch());
            out[e] = opt.lr();
            s.step();
        }
        return out;
    }

    @Test
    void stepLR() {
        assertClose(new double[] {1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01},
                rates(1, o -> new StepLR(o, 3, 0.1), 8), 1e-15, 0, "lr");
    }

    @Test
    void exponentialLR() {
        assertClose(new double[] {0.8, 0.4, 0.2, 0.1, 0.05}, rates(0.8, o -> new ExponentialLR(o, 0.5), 5), 1e-15, 0,
                "lr");
    }

    @Test
    void cosineAnnealingFollowsTheCosineAndClimbsBackAfterTMax() {
        double base = 0.1;
        double etaMin = 0.01;
        int tMax = 4;
        double[] expected = new double[13];
        for (int e = 0; e < expected.length; e++) {
            expected[e] = etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * e / tMax)) / 2;
        }
        // Epoch 4 is η_min, 8 is the base rate again, 12 η_min again.
        assertClose(expected, rates(base, o -> new CosineAnnealingLR(o, tMax, etaMin), 13), 1e-12, 1e-15, "lr");
        assertClose(etaMin, expected[4], 1e-15, 0, "minimum");
    }

    @Test
    void linearWarmupWithPyTorchDefaults() {
        // Factors 1/3 → 1 over 5 epochs: 5/15, 7/15, 9/15, 11/15, 13/15, 15/15, then flat.
        assertClose(new double[] {0.1, 0.14, 0.18, 0.22, 0.26, 0.3, 0.3, 0.3},
                rates(0.3, LinearLR::new, 8), 1e-14, 0, "lr");
        assertClose(new double[] {1, 0.75, 0.5, 0.5}, rates(1, o -> new LinearLR(o, 1, 0.5, 2), 4), 1e-14, 0, "decay");
        assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd(1), 0, 1, 5));
    }

    @Test
    void reduceOnPlateauWaitsPatienceThenCoolsDown() {
        SGD opt = sgd(1);
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.Mode.MIN, 0.5, 2, 1e-4,
                ReduceLROnPlateau.ThresholdMode.REL, 1, 0, 1e-8);
        double[] metrics = {10, 9, 9, 9, 9, 9, 9, 9, 9};
        // Epochs 3, 4, 5 are bad; the third (> patience 2) halves the rate. Epoch 6 falls in the
        // cooldown and is not counted; 7, 8, 9 are bad again.
        double[] expected = {1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25};
        for (int e = 0; e < metrics.length; e++) {
            s.step(metrics[e]);
            assertEquals(expected[e], opt.lr(), "epoch " + (e + 1));
        }
    }

    @Test
    void reduceOnPlateauThresholdAndMinLr() {
        SGD opt = sgd(1);
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.Mode.MIN, 0.5, 0, 1e-3,
                ReduceLROnPlateau.ThresholdMode.REL, 0, 0.3, 1e-8);
        s.step(10);
        s.step(9.995);   // not below 10·(1 − 1e-3) = 9.99: a bad epoch, patience 0 → 0.5
        assertEquals(0.5, opt.lr());
        assertEquals(10, s.best());
        s.step(9.98);    // an improvement
        assertEquals(0.5, opt.lr());
        s.step(9.98);    // bad → max(0.25, 0.3) = 0.3
        assertEquals(0.3, opt.lr());
        s.step(9.98);    // bad → max(0.15, 0.3) = 0.3
        assertEquals(0.3, opt.lr());
    }

    @Test
    void reduceOnPlateauMaxMode() {
        SGD opt = sgd(1);
        ReduceLROnPlateau s = new ReduceLROnPlateau(opt, ReduceLROnPlateau.Mode.MAX, 0.1, 0, 0,
                ReduceLROnPlateau.ThresholdMode.ABS, 0, 0, 1e-8);
        s.step(0.5);
        s.step(0.6);
        assertEquals(1, opt.lr());
        s.step(0.55);
        assertClose(0.1, opt.lr(), 1e-15, 0, "lr");
    }
}

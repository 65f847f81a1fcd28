package org.autodiff.teaching.landscape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LandscapeTest {

    private static double lossAt(Problem p, double w, double b) {
        return p.loss(Tensor.scalar(w), Tensor.scalar(b)).item();
    }

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void batchedGridEqualsLossAtEachPoint(BuiltInProblem p) {
        LossGrid grid = LossGrid.evaluate(p, p.window(), 7);
        assertEquals(p.window().wMin(), grid.w()[0]);
        assertEquals(p.window().bMax(), grid.b()[6]);
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 7; j++) {
                assertEquals(lossAt(p, grid.w()[j], grid.b()[i]), grid.loss()[i][j], 1e-12, p + " at " + i + "," + j);
            }
        }
    }

    @Test
    void neuronLossIsMeanSquaredErrorOfTheSigmoid() {
        double[] x = {-2, -1, 0, 0.5, 1.5, 3};
        double w = 0.7, b = 1.3, sum = 0;
        for (double xi : x) {
            double target = 1 / (1 + Math.exp(-(2 * xi - 1)));
            double d = 1 / (1 + Math.exp(-(w * xi + b))) - target;
            sum += d * d;
        }
        assertEquals(sum / x.length, lossAt(BuiltInProblem.NEURON, w, b), 1e-15);
        assertEquals(0, lossAt(BuiltInProblem.NEURON, 2, -1), 1e-30);
    }

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void markedPointsAreStationary(BuiltInProblem p) {
        for (Landmark m : p.landmarks()) {
            Tensor theta = Tensor.of(new double[] {m.w(), m.b()}, 2).requiresGrad(true);
            p.loss(theta.slice(0, 0, 1, 1).reshape(), theta.slice(0, 1, 2, 1).reshape()).backward();
            assertArrayEquals(new double[] {0, 0}, theta.grad().toDoubleArray(), 1e-9, p + " " + m);
            assertTrue(p.window().contains(m.w(), m.b()), p + " " + m);
        }
        assertTrue(p.window().contains(p.start()[0], p.start()[1]), p.id());
    }

    @Test
    void sgdPathOnTheBowlFollowsTheClosedForm() {
        // ∇½(w² + 10b²) = (w, 10b), so SGD multiplies w by (1 − γ) and b by (1 − 10γ) each step.
        double lr = 0.05;
        OptimizerPath path = OptimizerPath.follow(BuiltInProblem.BOWL, Method.SGD, lr, new double[] {-4, 2}, 30);
        assertEquals(31, path.size());
        for (int k = 0; k <= 30; k++) {
            assertEquals(-4 * Math.pow(1 - lr, k), path.w()[k], 1e-12);
            assertEquals(2 * Math.pow(1 - 10 * lr, k), path.b()[k], 1e-12);
            assertEquals(lossAt(BuiltInProblem.BOWL, path.w()[k], path.b()[k]), path.loss()[k], 1e-12);
        }
    }

    @ParameterizedTest
    @EnumSource(BuiltInProblem.class)
    void everyMethodWithTheProblemsSettingsLowersTheLoss(BuiltInProblem p) {
        Landscape landscape = Landscape.of(p, 5);
        assertEquals(Method.values().length, landscape.paths().size());
        for (OptimizerPath path : landscape.paths()) {
            assertEquals(p.steps() + 1, path.size());
            assertArrayEquals(p.start(), new double[] {path.w()[0], path.b()[0]});
            double end = path.loss()[path.size() - 1];
            assertTrue(end < path.loss()[0], p + " " + path.method() + ": " + path.loss()[0] + " -> " + end);
        }
    }

    @Test
    void doubleWellTrapsPlainSgdInTheLocalMinimum() {
        BuiltInProblem p = BuiltInProblem.LOCAL_MINIMUM;
        Landmark local = p.landmarks().get(1);
        assertEquals("local minimum", local.label());
        OptimizerPath sgd = OptimizerPath.follow(p, Method.SGD, p.learningRate(Method.SGD), p.start(), 1000);
        assertEquals(local.w(), sgd.w()[1000], 1e-6);
        assertEquals(local.b(), sgd.b()[1000], 1e-6);
        assertTrue(lossAt(p, p.landmarks().get(0).w(), p.landmarks().get(0).b()) < lossAt(p, local.w(), local.b()));
    }

    @Test
    void badArgumentsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> LossGrid.evaluate(BuiltInProblem.BOWL, BuiltInProblem.BOWL.window(), 1));
        assertTrue(e.getMessage().contains("resolution"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Window(1, 0, 0, 1));
        assertTrue(e.getMessage().contains("wMin < wMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BuiltInProblem.byName("himmelblau"));
        assertTrue(e.getMessage().contains("rosenbrock"), e.getMessage());
        assertEquals(BuiltInProblem.LOCAL_MINIMUM, BuiltInProblem.byName("local-minimum"));
    }
}

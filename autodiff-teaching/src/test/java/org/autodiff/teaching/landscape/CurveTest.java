package org.autodiff.teaching.landscape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CurveTest {

    private static double loss(CurveProblem c, double theta) {
        return c.loss(Tensor.scalar(theta)).item();
    }

    private static CurvePath follow(BuiltInCurve c, Method m) {
        return CurvePath.follow(c, m, c.learningRate(m), c.start(), c.steps(), k -> { });
    }

    @ParameterizedTest
    @EnumSource(BuiltInCurve.class)
    void slopeIsTheDerivativeAndLandmarksAreStationary(BuiltInCurve c) {
        CurvePath path = follow(c, Method.ADAM);
        for (int k = 0; k < path.size(); k += 7) {
            double t = path.theta()[k], h = 1e-6;
            assertEquals((loss(c, t + h) - loss(c, t - h)) / (2 * h), path.slope()[k], 1e-6, c + " step " + k);
            assertEquals(loss(c, t), path.loss()[k], 1e-15);
        }
        for (CurveLandmark m : c.landmarks()) {
            double h = 1e-6;
            assertEquals(0, (loss(c, m.theta() + h) - loss(c, m.theta() - h)) / (2 * h), 1e-9, c + " " + m);
            assertTrue(m.theta() >= c.thetaMin() && m.theta() <= c.thetaMax(), c + " " + m);
        }
        assertTrue(c.start() >= c.thetaMin() && c.start() <= c.thetaMax(), c.id());
        // The batched curve equals the loss at each point.
        Tensor thetas = Tensor.of(new double[] {c.thetaMin(), c.start(), c.thetaMax()}, 3);
        double[] batched = c.loss(thetas).toDoubleArray();
        assertEquals(loss(c, c.thetaMin()), batched[0]);
        assertEquals(loss(c, c.thetaMax()), batched[2]);
    }

    @Test
    void gradientDescentOnTheParabolaShrinksEachStepAsTheSlopeFlattens() {
        BuiltInCurve c = BuiltInCurve.PARABOLA;
        CurvePath sgd = follow(c, Method.SGD);
        double lr = sgd.lr();
        for (int k = 0; k < sgd.size(); k++) {
            // θ ← θ − lr·2θ: every step is (1 − 2·lr) times the one before.
            assertEquals(c.start() * Math.pow(1 - 2 * lr, k), sgd.theta()[k], 1e-12);
            assertEquals(2 * sgd.theta()[k], sgd.slope()[k], 1e-12);
        }
        for (int k = 2; k < sgd.size(); k++) {
            assertTrue(Math.abs(sgd.theta()[k] - sgd.theta()[k - 1]) < Math.abs(sgd.theta()[k - 1] - sgd.theta()[k - 2]));
        }
    }

    @Test
    void onThePlateauGradientDescentStallsWhereAdamDoesNot() {
        BuiltInCurve c = BuiltInCurve.PLATEAU;
        CurvePath sgd = follow(c, Method.SGD), adam = follow(c, Method.ADAM);
        int last = c.steps();
        assertTrue(Math.abs(sgd.theta()[last] - c.start()) < 0.1, "SGD moved from " + c.start() + " to " + sgd.theta()[last]);
        assertTrue(sgd.loss()[last] > 0.99, "SGD is still on the plateau: loss " + sgd.loss()[last]);
        assertTrue(Math.abs(adam.theta()[last]) < 0.1, "Adam ends at " + adam.theta()[last]);
        assertTrue(adam.loss()[last] < 0.01, "Adam's loss " + adam.loss()[last]);
    }

    @Test
    void gradientDescentStopsAtTheFlatPointThatMomentumAndAdamPass() {
        BuiltInCurve c = BuiltInCurve.INFLECTION;
        int last = c.steps();
        CurvePath sgd = follow(c, Method.SGD);
        assertTrue(sgd.theta()[last] < 0 && sgd.theta()[last] > -0.1, "SGD creeps up to the flat point θ = 0: " + sgd.theta()[last]);
        for (Method m : new Method[] {Method.MOMENTUM, Method.ADAM}) {
            CurvePath p = follow(c, m);
            assertEquals(1, p.theta()[last], 0.1, m + " reaches the minimum θ = 1");
        }
    }

    @Test
    void badNamesAndStepsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> BuiltInCurve.byName("sine"));
        assertTrue(e.getMessage().contains("plateau"), e.getMessage());
        assertEquals(BuiltInCurve.PARABOLA, BuiltInCurve.byName("Parabola"));
        e = assertThrows(IllegalArgumentException.class,
                () -> CurvePath.follow(BuiltInCurve.PARABOLA, Method.SGD, 0.1, 1, -1, k -> { }));
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
    }
}

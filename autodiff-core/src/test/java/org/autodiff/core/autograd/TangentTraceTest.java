package org.autodiff.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autodiff.core.Autograd;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** The forward-mode trace: ẇ, φ̇, L̇ along a seed direction, on the worked example. */
class TangentTraceTest {
    private static final double H = 1e-6;

    private static Tensor classicLoss(Tensor[] in) {
        Tensor w = in[0].mul(in[1]).add(in[2]).name("w");
        Tensor phi = w.mul(in[2]).name("φ");
        return phi.pow(2).name("L");
    }

    private static Tensor[] point() {
        return new Tensor[] {Tensor.scalar(2.0).name("a"), Tensor.scalar(3.0).name("b"), Tensor.scalar(-1.0).name("c")};
    }

    private static Tensor[] direction(double da, double db, double dc) {
        return new Tensor[] {Tensor.scalar(da), Tensor.scalar(db), Tensor.scalar(dc)};
    }

    /** L at (2, 3, −1) + t·(da, db, dc), for directional central differences. */
    private static double loss(double t, double da, double db, double dc) {
        double a = 2 + t * da, b = 3 + t * db, c = -1 + t * dc;
        double w = a * b + c;
        return Math.pow(w * c, 2);
    }

    @Test
    void tangentsAlongTheFirstAxisEndInTheFirstPartialDerivative() {
        TangentTrace trace = Autograd.traceForward(TangentTraceTest::classicLoss, point(), direction(1, 0, 0));
        assertEquals("L", trace.output());
        assertEquals(List.of("a", "b", "c"), trace.steps().subList(0, 3).stream().map(TangentTrace.Step::node).toList());
        assertEquals(3.0, trace.step("w").tangent().item(), "ẇ = b·ȧ");
        assertEquals(-3.0, trace.step("φ").tangent().item(), "φ̇ = c·ẇ + w·ċ");
        assertEquals(30.0, trace.step("L").tangent().item(), "L̇ = 2φ·φ̇ = ∂L/∂a");
        assertEquals((loss(H, 1, 0, 0) - loss(-H, 1, 0, 0)) / (2 * H), trace.step("L").tangent().item(), 1e-6);
        assertTrue(trace.toText().contains("seed direction a\u0307 = 1, b\u0307 = 0, c\u0307 = 0"), trace.toText());
        assertTrue(trace.toText().contains("-3 = -3 (via w) + 0 (via c)"), trace.toText());
    }

    @Test
    void everyTangentIsTheSumOfItsEdgesAndEqualsADirectionalDifference() {
        double[] v = {0.5, -2, 1.5};
        TangentTrace trace = Autograd.traceForward(TangentTraceTest::classicLoss, point(), direction(v[0], v[1], v[2]));
        for (TangentTrace.Step s : trace.steps()) {
            if (s.op().equals("input")) {
                continue;
            }
            double sum = 0;
            for (TraceEdge e : s.edges()) {
                if (e.contribution() != null) {
                    sum += e.contribution().item();
                }
            }
            assertEquals(s.tangent().item(), sum, 1e-12, s.node());
        }
        double expected = (loss(H, v[0], v[1], v[2]) - loss(-H, v[0], v[1], v[2])) / (2 * H);
        assertEquals(expected, trace.step("L").tangent().item(), 1e-5);
        // Reverse and forward agree: L̇ = ⟨∇L, v⟩.
        Tensor[] p = point();
        for (Tensor t : p) {
            t.requiresGrad(true);
        }
        AdjointTrace reverse = Autograd.trace(classicLoss(p));
        double dot = 0;
        for (int i = 0; i < 3; i++) {
            dot += reverse.step(p[i].name()).adjoint().item() * v[i];
        }
        assertEquals(dot, trace.step("L").tangent().item(), 1e-12);
    }

    @Test
    void badDirectionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.traceForward(TangentTraceTest::classicLoss, point(), new Tensor[] {Tensor.scalar(1.0)}));
        assertTrue(e.getMessage().contains("3 inputs but 1 tangents"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Autograd.traceForward(in -> in[0].exp(),
                new Tensor[] {Tensor.of(new double[] {1, 2})}, new Tensor[] {Tensor.of(new double[] {1, 2, 3})}));
    }
}

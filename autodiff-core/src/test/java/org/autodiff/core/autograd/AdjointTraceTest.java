package org.autodiff.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.autodiff.core.Autograd;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** The adjoint trace on the worked example w = a·b + c, φ = w·c, L = φ², and on tensors. */
class AdjointTraceTest {
    private static final double H = 1e-6;

    /** The example with a perturbation added to each intermediate, so each adjoint can be checked by differences. */
    private static double loss(double a, double b, double c, double dAb, double dW, double dPhi) {
        double ab = a * b + dAb;
        double w = ab + c + dW;
        double phi = w * c + dPhi;
        return phi * phi;
    }

    private static double centralDifference(ToDoubleFunction<Double> f) {
        return (f.applyAsDouble(H) - f.applyAsDouble(-H)) / (2 * H);
    }

    private static Tensor scalar(double v, String name) {
        return Tensor.scalar(v).requiresGrad(true).name(name);
    }

    private static Tensor classicLoss(Tensor a, Tensor b, Tensor c) {
        Tensor w = a.mul(b).add(c).name("w");
        Tensor phi = w.mul(c).name("φ");
        return phi.pow(2).name("L");
    }

    @Test
    void totalDerivativeIsTheSumOfOneTermPerPath() {
        Tensor a = scalar(2, "a"), b = scalar(3, "b"), c = scalar(-1, "c");
        AdjointTrace trace = Autograd.trace(classicLoss(a, b, c));

        AdjointTrace.Step cStep = trace.step("c");
        assertEquals(2, cStep.terms().size(), trace.toText());
        double sum = 0;
        for (AdjointTrace.Term t : cStep.terms()) {
            sum += t.contribution().item();
        }
        assertEquals(cStep.adjoint().item(), sum, 0);
        assertEquals(List.of("w", "φ"), cStep.terms().stream().map(AdjointTrace.Term::from).sorted().toList());
        // Each term is the derivative along one path, the other use of c held fixed: c's direct path
        // into φ = w·c (w held at 5), and its path through w = a·b + c (φ's own c held at −1).
        assertEquals(centralDifference(h -> Math.pow(5 * (-1 + h), 2)), term(cStep, "φ"), 1e-6);
        assertEquals(centralDifference(h -> Math.pow((6 - 1 + h) * -1, 2)), term(cStep, "w"), 1e-6);
        assertTrue(trace.toText().contains("-40 = -50 (via φ) + 10 (via w)"), trace.toText());
    }

    private static double term(AdjointTrace.Step step, String from) {
        return step.terms().stream().filter(t -> t.from().equals(from)).findFirst().orElseThrow().contribution().item();
    }

    @Test
    void everyAdjointAndLocalDerivativeEqualsItsCentralDifference() {
        Tensor a = scalar(2, "a"), b = scalar(3, "b"), c = scalar(-1, "c");
        AdjointTrace trace = Autograd.trace(classicLoss(a, b, c));
        assertEquals("L", trace.output());
        assertEquals(List.of("L", "φ", "w"), trace.steps().subList(0, 3).stream().map(AdjointTrace.Step::node).toList(),
                "backward visits the output first, then each node once all its consumers have pushed into it");
        assertEquals(1.0, trace.steps().get(0).adjoint().item());
        assertEquals("seed", trace.steps().get(0).terms().get(0).from());

        String ab = trace.steps().stream().filter(s -> s.op().equals("mul") && !s.node().equals("φ")).findFirst()
                .orElseThrow().node();
        assertTrue(ab.matches("mul#\\d"), ab);
        assertEquals(centralDifference(h -> loss(2 + h, 3, -1, 0, 0, 0)), trace.step("a").adjoint().item(), 1e-6);
        assertEquals(centralDifference(h -> loss(2, 3 + h, -1, 0, 0, 0)), trace.step("b").adjoint().item(), 1e-6);
        assertEquals(centralDifference(h -> loss(2, 3, -1 + h, 0, 0, 0)), trace.step("c").adjoint().item(), 1e-6);
        assertEquals(centralDifference(h -> loss(2, 3, -1, h, 0, 0)), trace.step(ab).adjoint().item(), 1e-6);
        assertEquals(centralDifference(h -> loss(2, 3, -1, 0, h, 0)), trace.step("w").adjoint().item(), 1e-6);
        assertEquals(centralDifference(h -> loss(2, 3, -1, 0, 0, h)), trace.step("φ").adjoint().item(), 1e-6);

        // Local derivatives: ∂L/∂φ = 2φ, ∂φ/∂w = c, ∂φ/∂c = w, ∂w/∂(a·b) = ∂w/∂c = 1, ∂(a·b)/∂a = b, ∂(a·b)/∂b = a.
        assertLocal(trace, "L", "φ", centralDifference(h -> Math.pow(-5 + h, 2)));
        assertLocal(trace, "φ", "w", centralDifference(h -> (5 + h) * -1));
        assertLocal(trace, "φ", "c", centralDifference(h -> 5 * (-1 + h)));
        assertLocal(trace, "w", ab, centralDifference(h -> 6 + h - 1));
        assertLocal(trace, "w", "c", centralDifference(h -> 6 - 1 + h));
        assertLocal(trace, ab, "a", centralDifference(h -> (2 + h) * 3));
        assertLocal(trace, ab, "b", centralDifference(h -> 2 * (3 + h)));
        for (AdjointTrace.Step s : trace.steps()) {
            for (TraceEdge e : s.edges()) {
                if (e.contribution() != null) {
                    assertEquals(s.adjoint().item() * e.localDerivative().item(), e.contribution().item(), 1e-12,
                            "contribution = adjoint · local derivative on " + s.node() + " -> " + e.input());
                }
            }
        }
    }

    private static void assertLocal(AdjointTrace trace, String node, String input, double expected) {
        TraceEdge edge = trace.step(node).edges().stream().filter(e -> e.input().equals(input)).findFirst().orElseThrow();
        assertEquals(expected, edge.localDerivative().item(), 1e-6, node + " -> " + input);
    }

    @Test
    void traceLeavesGradientsAloneAndKeepsTheGraph() {
        Tensor a = scalar(2, "a"), b = scalar(3, "b"), c = scalar(-1, "c");
        Tensor loss = classicLoss(a, b, c);
        AdjointTrace trace = Autograd.trace(loss);
        assertNull(a.grad());
        loss.backward();
        assertEquals(trace.step("a").adjoint().item(), a.grad().item());
        assertEquals(-40.0, c.grad().item());
    }

    @Test
    void tensorNodesShowJacobiansAndElementwiseOnesTheirDiagonal() {
        Tensor v = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true).name("v");
        Tensor m = Tensor.of(new double[] {1, 0, 2, -1, 0.5, 3}, 2, 3).requiresGrad(true).name("M");
        Tensor y = m.matmul(v.tanh()).name("y");
        AdjointTrace trace = Autograd.trace(y.sum().name("s"));
        // A matrix-vector product is a matmul between reshapes; its edge to M carries ∂(M·t)/∂M.
        AdjointTrace.Step product = trace.steps().stream().filter(st -> st.op().equals("matmul")).findFirst().orElseThrow();
        TraceEdge toM = product.edges().get(0);
        assertEquals("M", toM.input(), trace.toText());
        assertEquals(List.of(2, 1, 2, 3), java.util.Arrays.stream(toM.localDerivative().shape().dims()).boxed().toList(),
                "the Jacobian has shape output.shape ++ M.shape");
        Tensor tanhV = v.detach().tanh();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(tanhV.get(j), toM.localDerivative().get(i, 0, i, j), 1e-15);
                assertEquals(0.0, toM.localDerivative().get(i, 0, 1 - i, j));
            }
        }
        String tanhNode = trace.steps().stream().filter(s -> s.op().equals("tanh")).findFirst().orElseThrow().node();
        assertTrue(trace.toText().contains("∂" + tanhNode + "/∂v = diag [0.419974, 0.0706508, 0.00986604]"), trace.toText());
        Tensor expected = Autograd.grad(m.matmul(v.tanh()).sum(), v)[0];
        for (int j = 0; j < 3; j++) {
            assertEquals(expected.get(j), trace.step("v").adjoint().get(j), 1e-15);
        }
    }

    @Test
    void largeJacobiansAreLeftOutButContributionsKept() {
        Tensor x = Tensor.randn(DType.FLOAT64, 100, 100).requiresGrad(true).name("x");
        AdjointTrace trace = Autograd.trace(x.exp().sum());
        String exp = trace.steps().get(1).node();
        TraceEdge edge = trace.step(exp).edges().get(0);
        assertNull(edge.localDerivative());
        assertEquals(10_000, edge.contribution().numel());
        assertTrue(trace.toText().contains("∂" + exp + "/∂x = -"), trace.toText());
        assertTrue(trace.toText().contains("[100, 100] tensor, norm "), trace.toText());
    }

    @Test
    void markdownAndCsvHoldTheSameRows() {
        Tensor a = scalar(2, "a"), b = scalar(3, "b"), c = scalar(-1, "c");
        AdjointTrace trace = Autograd.trace(classicLoss(a, b, c));
        List<String> text = trace.toText().lines().toList();
        List<String> markdown = trace.toMarkdown().lines().filter(l -> l.startsWith("| ")).toList();
        List<String> csv = trace.toCsv().lines().toList();
        assertEquals(text.size() - 1, markdown.size(), "header and rows");
        assertEquals(text.size() - 1, csv.size(), "header and rows");
        assertEquals("step,node,op,value,adjoint,input,operand,local derivative,contribution", csv.get(0));
        assertTrue(csv.stream().anyMatch(l -> l.matches("\\d,c,leaf,-1\\.0,-40\\.0 = -50\\.0 \\(via φ\\) \\+ 10\\.0 \\(via w\\),,,,")),
                trace.toCsv());
        assertTrue(csv.contains("2,φ,mul,-5.0,-10.0,c,other,5.0,-50.0"), trace.toCsv());
    }

    @Test
    void aNodeUsedTwiceByOneOpShowsBothOperands() {
        Tensor x = scalar(3, "x");
        AdjointTrace trace = Autograd.trace(x.mul(x).name("y"));
        assertTrue(trace.toText().contains("6 = 3 (via y as self) + 3 (via y as other)"), trace.toText());
    }

    @Test
    void unknownNodesAreRefusedByName() {
        Tensor a = scalar(2, "a");
        AdjointTrace trace = Autograd.trace(a.exp());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trace.step("q"));
        assertTrue(e.getMessage().contains("no node 'q'") && e.getMessage().contains("[exp#1, a]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Autograd.trace(Tensor.scalar(1.0)));
    }
}

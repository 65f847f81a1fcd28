package org.autodiff.core.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class GraphExportTest {
    @Test
    void dotHasOneBoxPerTensorAndOneEdgePerInput() {
        Tensor w = Tensor.ones(DType.FLOAT64, 3, 2).requiresGrad(true);
        Tensor x = Tensor.ones(DType.FLOAT64, 1, 3);
        Tensor h = x.matmul(w);
        Tensor loss = h.tanh().add(h).sum();   // h is shared: one box, two consumers
        loss.backward(null, true, false);
        String dot = GraphExport.toDot(loss);
        assertTrue(dot.startsWith("digraph"), dot);
        assertEquals(6, dot.lines().filter(l -> l.contains("[label=")).count(), dot);
        assertEquals(6, dot.lines().filter(l -> l.contains("->")).count(), dot);
        assertTrue(dot.contains("matmul\\n[1, 2] float64"), dot);
        assertTrue(dot.contains("leaf\\n[3, 2] float64\\n‖grad‖"), dot);
        assertTrue(dot.contains("constant\\n[1, 3]"), dot);
    }

    @Test
    void namedTensorsShowTheirNamesBesideTheOpAndQuotesAreEscaped() {
        Tensor a = Tensor.scalar(2.0).requiresGrad(true).name("a");
        Tensor loss = a.mul(a).name("say \"hi\"");
        String dot = GraphExport.toDot(loss);
        assertTrue(dot.contains("a (leaf)"), dot);
        assertTrue(dot.contains("say \\\"hi\\\" (mul)"), dot);
    }

    @Test
    void tracedGraphShowsValueAndAdjointOnEveryNodeAndTheLocalFactorOnEachEdge() {
        Tensor x = Tensor.scalar(3.0).requiresGrad(true).name("x");
        Tensor y = x.exp().name("y");
        Tensor loss = y.mul(x).add(1.0).name("L");    // x reaches L directly and through y
        String dot = GraphExport.toDot(org.autodiff.core.Autograd.trace(loss));
        assertEquals(4, dot.lines().filter(l -> l.contains("adjoint ")).count(), dot);
        assertTrue(dot.contains("L = add\\nvalue "), dot);
        assertTrue(dot.contains("y = exp\\nvalue 20.0855\\nadjoint 3\""), dot);
        assertTrue(dot.contains("x (leaf)\\nvalue 3\\nadjoint 80.3421"), dot);   // (1 + x)·eˣ
        assertTrue(dot.contains("[label=\"self\\n∂y/∂x = 20.0855\"]"), dot);
        assertTrue(dot.contains("style=dashed"), "the constant 1 is drawn: " + dot);
    }
}

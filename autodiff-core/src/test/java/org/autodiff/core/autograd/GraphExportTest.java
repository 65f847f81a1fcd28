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
}

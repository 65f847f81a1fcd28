package org.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The transformer step the benchmark times computes a loss that its SGD step lowers. */
class TransformerLayerBenchmarkTest {
    @Test
    void trainingStepsLowerTheLoss() {
        TransformerLayerBenchmark benchmark = new TransformerLayerBenchmark();
        benchmark.shape = "16-2/8/4";
        benchmark.setUp();
        double first = benchmark.trainingStep().item();
        double later = first;
        for (int step = 0; step < 5; step++) {
            later = benchmark.trainingStep().item();
        }
        assertTrue(later < first, "loss went from " + first + " to " + later);
    }
}

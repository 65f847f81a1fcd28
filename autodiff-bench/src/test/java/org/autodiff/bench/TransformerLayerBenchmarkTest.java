package org.autodiff.bench;


import org.junit.jupiter.api.Test;

/** The transformer step the benchmark times computes a loss that its SGD step lowers. */
class TransformerLayerBenchmarkTest {
    @Test
    void trainingStepsLowerTheLoss() {
        TransformerLayerBenchmark benchmark = new TransformerLayerBenchmark();
        benchmark.shape = "16-2/8/4";
        benchmark.setUp();
        BenchmarkModelsTest.assertStepsLowerTheLoss(benchmark::trainingStep);
    }
}

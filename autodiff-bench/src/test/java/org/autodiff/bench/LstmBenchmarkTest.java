package org.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The LSTM step the benchmark times computes a loss that its SGD step lowers, and forwardBackward leaves the weights alone. */
class LstmBenchmarkTest {
    @Test
    void trainingStepsLowerTheLoss() {
        LstmBenchmark benchmark = new LstmBenchmark();
        benchmark.shape = "4-8/5/3";
        benchmark.setUp();
        BenchmarkModelsTest.assertStepsLowerTheLoss(benchmark::trainingStep);
    }

    @Test
    void forwardBackwardDoesNotUpdate() {
        LstmBenchmark benchmark = new LstmBenchmark();
        benchmark.shape = "4-8/5/3";
        benchmark.setUp();
        double before = benchmark.forward().item();
        benchmark.forwardBackward();
        benchmark.forwardBackward();
        assertEquals(before, benchmark.forward().item(), 0.0);
    }
}

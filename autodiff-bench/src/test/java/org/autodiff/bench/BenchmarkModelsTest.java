package org.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** The models the benchmarks time compute what they claim: a loss that SGD lowers. */
class BenchmarkModelsTest {

    @Test
    void sameSeedGivesSameDataOnEveryEngine() {
        assertArrayEquals(BenchData.uniform(7, 100, 0.5), BenchData.uniform(7, 100, 0.5));
        for (float v : BenchData.uniform(7, 1000, 0.5)) {
            assertTrue(v >= -0.5f && v < 0.5f, "value " + v + " outside [-0.5, 0.5)");
        }
    }

    @Test
    void crossEntropyOfEqualLogitsIsLogOfClassCount() {
        Tensor logits = Tensor.zeros(4, 10);
        Tensor targets = Tensor.of(BenchData.oneHot(new int[] {0, 3, 9, 3}, 10), 4, 10);
        assertEquals(Math.log(10), CrossEntropy.of(logits, targets).item(), 1e-6);
    }

    @Test
    void mlpTrainingStepsLowerTheLoss() {
        MlpBenchmark benchmark = new MlpBenchmark();
        benchmark.shape = "784-256-10/256";
        benchmark.setUp();
        assertStepsLowerTheLoss(benchmark::trainingStep);
    }

    @Test
    void cnnTrainingStepsLowerTheLoss() {
        CnnBenchmark benchmark = new CnnBenchmark();
        benchmark.setUp();
        assertStepsLowerTheLoss(benchmark::trainingStep);
    }

    @Test
    void forwardAndReverseModesGiveTheSameGradient() {
        ForwardVsReverseBenchmark benchmark = new ForwardVsReverseBenchmark();
        benchmark.n = 10;
        benchmark.setUp();
        assertArrayEquals(benchmark.scalarReverse(), benchmark.scalarForward(), 1e-12);
        Tensor reverse = benchmark.tensorReverse();
        Tensor jacobian = benchmark.tensorForward();
        assertArrayEquals(reverse.toDoubleArray(), jacobian.toDoubleArray(), 1e-12);
    }

    /** Six steps of a benchmark's training step: the loss after the last is below the first's. */
    static void assertStepsLowerTheLoss(java.util.function.Supplier<Tensor> trainingStep) {
        double first = trainingStep.get().item();
        double later = first;
        for (int step = 0; step < 5; step++) {
            later = trainingStep.get().item();
        }
        assertTrue(later < first, "loss went from " + first + " to " + later);
    }
}

package org.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeapAfterTrainingTest {

    @Test
    void slopeOfAFlatSeriesIsZero() {
        assertEquals(0.0, HeapAfterTraining.slope(new long[] {5_000_000, 5_000_000, 5_000_000}, 10_000), 0.0);
    }

    @Test
    void slopeOfALinearSeriesIsItsGrowthPerStep() {
        // 32 bytes more every 1000 steps: 0.032 bytes per step
        long[] used = {1_000, 1_032, 1_064, 1_096, 1_128};
        assertEquals(0.032, HeapAfterTraining.slope(used, 1_000), 1e-12);
    }

    @Test
    void slopeIsTheLeastSquaresFitThroughNoise() {
        // y = 2·x + noise that sums to zero against x: the fit ignores it
        long[] used = {0 + 1, 20 - 2, 40 + 1};
        assertEquals(2.0, HeapAfterTraining.slope(used, 10), 1e-12);
    }
}

package org.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingModelTest {

    @Test
    void fitRecoversTheConstantsOfExactCells() {
        List<ScalingModel.Cell> cells = new ArrayList<>();
        for (double p : new double[] {9_985, 99_985, 999_985}) {
            for (int n : new int[] {1, 2, 4}) {
                cells.add(new ScalingModel.Cell(p, n, 25 + p * 1e-6 * (20 + 21 * n), 0));
            }
        }
        double[] fit = ScalingModel.fitExchange(cells);
        assertEquals(25, fit[0], 1e-9);
        assertEquals(20, fit[1], 1e-9);
        assertEquals(21, fit[2], 1e-9);
    }

    @Test
    void oneSizeCannotSeparateTheTerms() {
        List<ScalingModel.Cell> cells = List.of(new ScalingModel.Cell(1e6, 1, 60, 1),
                new ScalingModel.Cell(1e6, 2, 80, 1), new ScalingModel.Cell(1e6, 4, 120, 1));
        assertThrows(IllegalArgumentException.class, () -> ScalingModel.fitExchange(cells));
    }

    @Test
    void readsTheExchangeLinesOfJmhOutput() {
        String report = """
                Benchmark                    (hidden)  (partitions)  Mode  Cnt    Score    Error  Units
                SparkStepBenchmark.emptyJob       133             1  avgt   10   17.527 ±  8.297  ms/op
                SparkStepBenchmark.exchange     13333             4  avgt   10  129.875 ± 65.593  ms/op
                """;
        List<ScalingModel.Cell> cells = ScalingModel.exchangeCells(report);
        assertEquals(1, cells.size());
        assertEquals(999_985, cells.get(0).params());
        assertEquals(4, cells.get(0).parts());
        assertEquals(129.875, cells.get(0).ms());
        assertEquals(65.593, cells.get(0).errorMs());
    }

    @Test
    void stepTimeAddsTreeLevelsBeyondTheFanIn() {
        ScalingModel.Constants k = new ScalingModel.Constants(20, 0, 100, 0.4, 6.4, 8);
        // 2 tasks: no tree level, the driver adds both parts.
        double two = 20 + (1e4 * 6.4 + 1e4 * 0.4 * 1024 / 2 + 1e4 * 106.4 * 2) / 1e6;
        assertEquals(two, k.stepMs(2, 1e4, 1024), 1e-9);
        // 100 tasks with fan-in 8: 100 -> 13 -> 2 parts, two levels on the executors.
        double hundred = 20 * 3 + (1e4 * 6.4 + 1e4 * 0.4 * 1024 / 100 + 1e4 * 106.4 * (8 * 2 + 2)) / 1e6;
        assertEquals(hundred, k.stepMs(100, 1e4, 1024), 1e-9);
        assertEquals(1e4 * 0.4 * 1024 / 1e6, k.oneCoreMs(1e4, 1024), 1e-12);
    }
}

package org.autodiff.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainTestSplitTest {
    /** The row indices of a data set made by {@link TensorDatasetTest#rows}. */
    private static Set<Integer> indices(TensorDataset d) {
        Set<Integer> s = new HashSet<>();
        double[] x = d.features().toDoubleArray();
        for (int r = 0; r < d.size(); r++) {
            s.add((int) (x[3 * r] / 10));
        }
        return s;
    }

    @Test
    void randomSplitPartitionsTheExamples() {
        TensorDataset d = TensorDatasetTest.rows(40);
        TrainTestSplit split = TrainTestSplit.random(d, 0.25, 3);
        assertEquals(30, split.train().size());
        assertEquals(10, split.test().size());
        Set<Integer> all = indices(split.train());
        all.addAll(indices(split.test()));
        assertEquals(40, all.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        TensorDataset d = TensorDatasetTest.rows(40);
        assertArrayEquals(TrainTestSplit.random(d, 0.25, 3).test().features().toDoubleArray(),
                TrainTestSplit.random(d, 0.25, 3).test().features().toDoubleArray());
        assertFalse(indices(TrainTestSplit.random(d, 0.25, 3).test())
                .equals(indices(TrainTestSplit.random(d, 0.25, 4).test())));
    }

    @Test
    void stratifiedSplitKeepsClassProportions() {
        TrainTestSplit split = TrainTestSplit.stratified(Iris.load(), 0.2, 11);
        int[] counts = new int[3];
        for (int label : split.test().labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {10, 10, 10}, counts);
        assertEquals(120, split.train().size());
        // Classes are mixed, not in blocks: the first 10 test labels are not all one class.
        int[] y = split.test().labels();
        assertFalse(y[0] == y[1] && y[1] == y[2] && y[2] == y[3] && y[3] == y[4]);
    }

    @Test
    void fractionOutsideTheOpenUnitIntervalIsRejected() {
        TensorDataset d = TensorDatasetTest.rows(4);
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.random(d, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.stratified(d, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TrainTestSplit.random(d, Double.NaN, 1));
    }
}

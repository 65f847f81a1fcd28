package org.autodiff.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.autodiff.core.Shape;
import org.junit.jupiter.api.Test;

class DataLoaderTest {
    /** The example indices of an epoch, read back from the first feature (row i holds 10i). */
    private static List<Integer> visited(Iterable<Batch> epoch) {
        List<Integer> seen = new ArrayList<>();
        for (Batch b : epoch) {
            double[] x = b.x().toDoubleArray();
            for (int r = 0; r < b.size(); r++) {
                int index = (int) (x[3 * r] / 10);
                assertEquals(index % 3, b.y()[r], "label travels with its row");
                seen.add(index);
            }
        }
        return seen;
    }

    @Property(tries = 60)
    void everyEpochVisitsEveryExampleExactlyOnce(@ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 12) int batchSize, @ForAll long seed, @ForAll boolean shuffle) {
        DataLoader base = DataLoader.of(TensorDatasetTest.rows(n), batchSize);
        DataLoader loader = shuffle ? base.shuffle(seed) : base;
        for (int epoch = 0; epoch < 3; epoch++) {
            List<Integer> seen = visited(loader);
            assertEquals(n, seen.size());
            int[] sorted = seen.stream().mapToInt(Integer::intValue).sorted().toArray();
            for (int i = 0; i < n; i++) {
                assertEquals(i, sorted[i]);
            }
        }
        assertEquals(3, loader.nextEpoch());
    }

    @Test
    void batchesHaveTheBatchSizeExceptPossiblyTheLast() {
        DataLoader loader = DataLoader.of(TensorDatasetTest.rows(10), 4);
        assertEquals(3, loader.numBatches());
        List<Integer> sizes = new ArrayList<>();
        for (Batch b : loader) {
            sizes.add(b.size());
            assertEquals(Shape.of(b.size(), 3), b.x().shape());
        }
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), visited(loader.epoch(0)), "unshuffled keeps index order");
    }

    @Test
    void aBatchSizeBeyondTheDataSetGivesOneBatchOfEverything() {
        // Integer.MAX_VALUE once overflowed the batch count to zero batches (and a NaN training loss).
        for (int batchSize : new int[] {10, 11, Integer.MAX_VALUE}) {
            DataLoader loader = DataLoader.of(TensorDatasetTest.rows(10), batchSize);
            assertEquals(1, loader.numBatches(), "batch size " + batchSize);
            assertEquals(10, visited(loader).size(), "batch size " + batchSize);
            assertEquals(batchSize == 10 ? 1 : 0, DataLoader.of(TensorDatasetTest.rows(10), batchSize).dropLast(true).numBatches(),
                    "batch size " + batchSize + ", last batch dropped");
        }
    }

    @Test
    void dropLastLeavesOutTheIncompleteBatch() {
        DataLoader loader = DataLoader.of(TensorDatasetTest.rows(10), 4).shuffle(1).dropLast(true);
        assertEquals(2, loader.numBatches());
        List<Integer> seen = visited(loader);
        assertEquals(8, seen.size());
        assertEquals(8, seen.stream().distinct().count());
    }

    @Test
    void shufflingDiffersAcrossEpochsAndIsReproducibleFromTheSeed() {
        DataLoader a = DataLoader.of(TensorDatasetTest.rows(50), 7).shuffle(123);
        DataLoader b = DataLoader.of(TensorDatasetTest.rows(50), 7).shuffle(123);
        List<Integer> a0 = visited(a);
        List<Integer> a1 = visited(a);
        assertEquals(a0, visited(b));
        assertEquals(a1, visited(b));
        assertFalse(a0.equals(a1), "epochs 0 and 1 should be in different orders");
        assertFalse(a0.equals(visited(DataLoader.of(TensorDatasetTest.rows(50), 7).epoch(0))), "shuffled");
        assertFalse(a0.equals(visited(DataLoader.of(TensorDatasetTest.rows(50), 7).shuffle(124).epoch(0))),
                "another seed, another order");
        // Any epoch can be replayed directly, e.g. when resuming from a checkpoint.
        assertEquals(a1, visited(b.epoch(1)));
        assertArrayEquals(a.order(5), b.order(5));
    }

    @Test
    void exhaustedEpochThrowsAndBadArgumentsAreRejected() {
        Iterator<Batch> it = DataLoader.of(TensorDatasetTest.rows(2), 2).iterator();
        it.next();
        assertThrows(NoSuchElementException.class, it::next);
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(TensorDatasetTest.rows(2), 0));
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(TensorDatasetTest.rows(2), 1).epoch(-1));
    }

    @Test
    void permutationsAreUniformEnoughThatEachPositionSeesEveryIndex() {
        // Over many epochs of 5 examples each index should appear first about 1/5 of the time.
        DataLoader loader = DataLoader.of(TensorDatasetTest.rows(5), 5).shuffle(9);
        int[] first = new int[5];
        for (int e = 0; e < 5000; e++) {
            first[loader.order(e)[0]]++;
        }
        for (int c : first) {
            assertEquals(1000, c, 120, Arrays.toString(first));
        }
    }
}

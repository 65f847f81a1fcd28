package org.autodiff.spark;

import java.util.Arrays;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Dataset;
import org.autodiff.nn.data.Example;

/**
 * Which examples (by global index: the partitions' examples numbered in partition order) make up
 * the batch of each step. The order is {@link DataLoader}'s, so step s of a run over N examples
 * with batch B sees exactly the batch that a {@code DataLoader.of(data, B).shuffle(seed)} yields
 * at the same point: epoch s / batches, batch s % batches, the last batch of an epoch smaller
 * when B does not divide N. As there, any step's batch follows from the seed alone, which is how
 * a resumed run sees the batches it would have seen.
 */
final class BatchPlan {
    private final DataLoader loader;
    private final int examples;
    private final int batchSize;
    private int epoch = -1;
    private int[] order;

    BatchPlan(int examples, int batchSize, long seed, boolean shuffle) {
        DataLoader plain = DataLoader.of(new Indices(examples), batchSize);
        this.loader = shuffle ? plain.shuffle(seed) : plain;
        this.examples = examples;
        this.batchSize = batchSize;
    }

    int batchesPerEpoch() {
        return loader.numBatches();
    }

    /** The global indices of step {@code step}'s examples, in the order the loader yields them. */
    int[] batch(long step) {
        int e = Math.toIntExact(step / batchesPerEpoch());
        int b = (int) (step % batchesPerEpoch());
        if (e != epoch) {
            order = loader.order(e);
            epoch = e;
        }
        int from = b * batchSize;
        return Arrays.copyOfRange(order, from, Math.min(examples, from + batchSize));
    }

    /** A data set known only by its size: all the loader needs to draw its orders. */
    private record Indices(int size) implements Dataset {
        @Override
        public Example get(int index) {
            throw new UnsupportedOperationException("BatchPlan: only the order of the examples is drawn here");
        }

        @Override
        public Batch batch(int[] indices) {
            throw new UnsupportedOperationException("BatchPlan: only the order of the examples is drawn here");
        }
    }
}

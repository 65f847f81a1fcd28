package org.autodiff.nn.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.autodiff.core.Generator;

/**
 * Cuts a {@link Dataset} into batches, like PyTorch's {@code DataLoader}: in index order, or
 * shuffled with a fresh permutation every epoch. Iterating the loader runs one epoch and moves
 * on to the next; {@link #epoch(int)} gives any epoch's batches directly, which is how a run
 * resumed from a checkpoint sees the same order it would have seen.
 *
 * <p>Shuffling is reproducible: the permutation of epoch {@code e} depends only on the seed and
 * {@code e}, so two loaders with the same seed yield the same batches, and epochs differ from one
 * another. Every epoch visits every example exactly once (the last, smaller batch is left out
 * when {@link #dropLast(boolean)} is set).
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.of(train, 32).shuffle(42).dropLast(true);
 * for (Batch b : loader) { ... }   // epoch 0
 * for (Batch b : loader) { ... }   // epoch 1, another order
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private int nextEpoch;

    private DataLoader(Dataset dataset, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        if (batchSize < 1) {
            throw new IllegalArgumentException("DataLoader: batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    /**
     * A loader over {@code dataset} with batches of {@code batchSize}, in index order, keeping the last
     *     smaller batch.
     *
     * @param dataset the examples to batch
     * @param batchSize the number of examples in a batch, at least 1
     * @return the loader
     */
    public static DataLoader of(Dataset dataset, int batchSize) {
        return new DataLoader(dataset, batchSize, false, 0, false);
    }

    /**
     * This loader, but shuffling every epoch with permutations drawn from {@code seed}.
     *
     * @param seed the seed from which every epoch's permutation is drawn
     * @return the shuffling loader
     */
    public DataLoader shuffle(long seed) {
        return new DataLoader(dataset, batchSize, true, seed, dropLast);
    }

    /**
     * This loader, but leaving out (or keeping) the last batch when it is smaller than the batch size.
     *
     * @param drop true to leave the smaller last batch out, false to keep it
     * @return the new loader
     */
    public DataLoader dropLast(boolean drop) {
        return new DataLoader(dataset, batchSize, shuffle, seed, drop);
    }

    /**
     * The data set.
     *
     * @return the data set the batches come from
     */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * The batch size.
     *
     * @return the number of examples in a full batch
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Number of batches per epoch.
     *
     * @return the number of batches in one epoch
     */
    public int numBatches() {
        int n = dataset.size();
        // Not (n + batchSize − 1) / batchSize: that overflows for a batch size near Integer.MAX_VALUE.
        return n / batchSize + (dropLast || n % batchSize == 0 ? 0 : 1);
    }

    /**
     * The epoch the next {@link #iterator()} runs (0 at first).
     *
     * @return the number of the next epoch, counted from 0
     */
    public int nextEpoch() {
        return nextEpoch;
    }

    /** Runs the next epoch: its batches, and the epoch counter moves on. */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(nextEpoch++).iterator();
    }

    /**
     * The batches of epoch {@code epoch} (the same every time it is asked for); the epoch counter is left
     *     alone.
     *
     * @param epoch the epoch, counted from 0
     * @return the epoch's batches, in order
     */
    public Iterable<Batch> epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader: epoch must be non-negative, got " + epoch);
        }
        int[] order = order(epoch);
        int batches = numBatches();
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("DataLoader: epoch " + epoch + " has only " + batches + " batches");
                }
                int from = next++ * batchSize;
                int to = Math.min(from + batchSize, order.length);
                int[] indices = new int[to - from];
                System.arraycopy(order, from, indices, 0, indices.length);
                return dataset.batch(indices);
            }
        };
    }

    /**
     * The order in which epoch {@code epoch} visits the examples: 0, 1, 2, ... or a seeded permutation.
     *
     * @param epoch the epoch, counted from 0
     * @return the examples' indices in the order the epoch visits them
     */
    public int[] order(int epoch) {
        int n = dataset.size();
        if (shuffle) {
            // A generator seeded from (seed, epoch) alone, so any epoch can be replayed without
            // running the ones before it.
            return Permutations.random(n, new Generator(mix(seed, epoch)));
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** A well-spread 64-bit seed from a seed and an epoch (the finalizer of SplitMix64). */
    private static long mix(long seed, int epoch) {
        long z = seed + (epoch + 1L) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

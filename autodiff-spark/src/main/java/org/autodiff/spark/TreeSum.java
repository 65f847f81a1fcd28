package org.autodiff.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of the order in which partial sums are added, so that the result is
 * bit-identical for a given partitioning whichever task finishes first. Parts are numbered by
 * partition; while more than {@code fanIn} remain, each run of {@code fanIn} consecutive parts is
 * added left to right into one part of the next level; the last {@code fanIn} or fewer are added
 * left to right on the driver. With at most {@code fanIn} partitions this is the plain ordered
 * sum on the driver; with more, the upper levels run on the executors ({@code SparkShards}) in
 * exactly this grouping, so many executors do not funnel every gradient through the driver.
 * Floating-point addition is not associative, so the fan-in is part of what fixes the result.
 */
final class TreeSum {
    private TreeSum() {
    }

    /** The whole sum of {@code parts} (in index order, indices 0, 1, 2, ...) with the given fan-in. */
    static PartialSum reduce(List<PartialSum> parts, int fanIn) {
        List<PartialSum> level = parts;
        while (level.size() > fanIn) {
            level = nextLevel(level, fanIn);
        }
        return sumInOrder(0, level);
    }

    /** The number of parts the level after one of {@code parts} parts has. */
    static int nextLevelSize(int parts, int fanIn) {
        return parts / fanIn + (parts % fanIn == 0 ? 0 : 1);
    }

    private static List<PartialSum> nextLevel(List<PartialSum> level, int fanIn) {
        List<PartialSum> next = new ArrayList<>();
        for (int g = 0; g < nextLevelSize(level.size(), fanIn); g++) {
            next.add(sumInOrder(g, level.subList(g * fanIn, Math.min(level.size(), (g + 1) * fanIn))));
        }
        return next;
    }

    /**
     * {@code parts} added left to right, as a part numbered {@code index}. Empty parts are
     * skipped, and the first non-empty one is copied rather than added to zero, so a sum of one
     * part is that part exactly (0.0 + −0.0 would be +0.0).
     */
    static PartialSum sumInOrder(int index, Iterable<PartialSum> parts) {
        double[] sum = null;
        double loss = 0;
        long count = 0;
        for (PartialSum part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (sum == null) {
                sum = part.vector.clone();
                loss = part.loss;
            } else {
                double[] v = part.vector;
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
                loss += part.loss;
            }
            count += part.count;
        }
        return new PartialSum(index, sum, loss, count);
    }
}

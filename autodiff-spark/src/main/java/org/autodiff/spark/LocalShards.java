package org.autodiff.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The partitions held in this JVM and worked one after another: the sharded single-machine
 * reference that a Spark run must match bit for bit.
 */
final class LocalShards implements GradientSource {
    private final List<Shard> shards;
    private final int[] starts;
    private final ShardTask task;
    private final int fanIn;

    LocalShards(List<Shard> shards, ShardTask task, int fanIn) {
        this.shards = shards;
        this.starts = new int[shards.size() + 1];
        for (int p = 0; p < shards.size(); p++) {
            starts[p + 1] = Math.addExact(starts[p], shards.get(p).rows());
        }
        this.task = task;
        this.fanIn = fanIn;
    }

    @Override
    public int examples() {
        return starts[shards.size()];
    }

    @Override
    public PartialSum gradient(double[] params, int[] batch) {
        List<PartialSum> parts = new ArrayList<>();
        for (int p = 0; p < shards.size(); p++) {
            parts.add(task.gradient(p, shards.get(p), starts[p], params, batch));
        }
        return TreeSum.reduce(parts, fanIn);
    }

    @Override
    public PartialSum localRound(double[] params, int[][] batches) {
        List<PartialSum> parts = new ArrayList<>();
        for (int p = 0; p < shards.size(); p++) {
            parts.add(task.localRound(p, shards.get(p), starts[p], params, batches));
        }
        return TreeSum.reduce(parts, fanIn);
    }
}

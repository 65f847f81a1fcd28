package org.autodiff.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The partitions of an RDD, packed into one cached {@link Shard} each. A step is one Spark job:
 * the parameters go out as a broadcast {@code double[]}, every partition computes its part, and
 * the parts are added in {@link TreeSum}'s order: by the driver when there are at most
 * {@code fanIn} partitions, otherwise first in levels of {@code fanIn} on the executors (a shuffle
 * per level, each group sorted by partition index, so neither the arrival order of the parts
 * nor which task finished first can change the sum).
 */
final class SparkShards implements GradientSource, AutoCloseable {
    private final JavaSparkContext sc;
    private final JavaRDD<Shard> shards;
    private final int[] starts;
    private final ShardTask task;
    private final int fanIn;

    SparkShards(JavaRDD<Sample> data, ShardTask task, int fanIn) {
        this.sc = JavaSparkContext.fromSparkContext(data.context());
        this.shards = data.mapPartitionsWithIndex((p, samples) -> single(Shard.pack(p, samples)), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<int[]> sizes = shards.map(s -> new int[] {s.rows(), s.width()}).collect();
        this.starts = new int[sizes.size() + 1];
        int width = -1;
        for (int p = 0; p < sizes.size(); p++) {
            int[] rowsAndWidth = sizes.get(p);
            starts[p + 1] = Math.addExact(starts[p], rowsAndWidth[0]);
            if (rowsAndWidth[0] > 0 && width >= 0 && rowsAndWidth[1] != width) {
                shards.unpersist(false);
                throw new IllegalArgumentException("DataParallelTrainer: partition " + p + " has examples of "
                        + rowsAndWidth[1] + " features, an earlier partition of " + width);
            }
            width = rowsAndWidth[0] > 0 ? rowsAndWidth[1] : width;
        }
        this.task = task;
        this.fanIn = fanIn;
    }

    @Override
    public int examples() {
        return starts[starts.length - 1];
    }

    @Override
    public PartialSum gradient(double[] params, int[] batch) {
        Broadcast<double[]> values = sc.broadcast(params);
        try {
            ShardTask t = task;
            int[] st = starts;
            return reduce(shards.mapPartitionsWithIndex(
                    (p, it) -> single(t.gradient(p, it.next(), st[p], values.value(), batch)), true));
        } finally {
            values.destroy();
        }
    }

    @Override
    public PartialSum localRound(double[] params, int[][] batches) {
        Broadcast<double[]> values = sc.broadcast(params);
        try {
            ShardTask t = task;
            int[] st = starts;
            return reduce(shards.mapPartitionsWithIndex(
                    (p, it) -> single(t.localRound(p, it.next(), st[p], values.value(), batches)), true));
        } finally {
            values.destroy();
        }
    }

    /** The parts summed as {@link TreeSum#reduce} does, the upper levels on the executors. */
    private PartialSum reduce(JavaRDD<PartialSum> parts) {
        int f = fanIn;
        JavaRDD<PartialSum> level = parts;
        int size = shards.getNumPartitions();
        while (size > f) {
            size = TreeSum.nextLevelSize(size, f);
            level = level.mapToPair(part -> new Tuple2<>(part.index, part))
                    .repartitionAndSortWithinPartitions(new Groups(size, f))
                    .mapPartitionsWithIndex((g, sorted) -> single(TreeSum.sumInOrder(g, values(sorted))), true);
        }
        List<PartialSum> top = new ArrayList<>(level.collect());
        top.sort(Comparator.comparingInt(part -> part.index));
        return TreeSum.sumInOrder(0, top);
    }

    private static Iterable<PartialSum> values(Iterator<Tuple2<Integer, PartialSum>> sorted) {
        List<PartialSum> list = new ArrayList<>();
        sorted.forEachRemaining(t -> list.add(t._2()));
        return list;
    }

    private static <T> Iterator<T> single(T value) {
        return Collections.singletonList(value).iterator();
    }

    /** Drops the cached shards. */
    @Override
    public void close() {
        shards.unpersist(false);
    }

    /** Part i of a level goes to group i / fanIn of the next. */
    private static final class Groups extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int groups;
        private final int fanIn;

        Groups(int groups, int fanIn) {
            this.groups = groups;
            this.fanIn = fanIn;
        }

        @Override
        public int numPartitions() {
            return groups;
        }

        @Override
        public int getPartition(Object key) {
            return (Integer) key / fanIn;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Groups g && g.groups == groups && g.fanIn == fanIn;
        }

        @Override
        public int hashCode() {
            return 31 * groups + fanIn;
        }
    }
}

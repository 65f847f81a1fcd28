package org.autodiff.core.backend;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * A fixed number of worker threads that run the independent tasks of one kernel call (the
 * tiles of a matrix product, the ranges of a large elementwise map) and return when all are
 * done. Pools are shared by thread count and started on first use, so a backend that only
 * works on small tensors starts no thread.
 */
final class WorkerPool {
    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    /** Runs every task on the calling thread. */
    static final WorkerPool SERIAL = new WorkerPool(1);

    private final int threads;

    WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker pool needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
    }

    int threads() {
        return threads;
    }

    /** Runs {@code task.accept(t)} for every t in [0, count), in parallel when there is more than one thread. */
    void run(int count, IntConsumer task) {
        if (threads == 1 || count <= 1) {
            for (int t = 0; t < count; t++) {
                task.accept(t);
            }
            return;
        }
        POOLS.computeIfAbsent(threads, ForkJoinPool::new).invoke(new Range(task, 0, count));
    }

    /** Splits [from, to) in halves until single tasks remain, so idle workers steal the rest. */
    private static final class Range extends RecursiveAction {
        private final IntConsumer task;
        private final int from;
        private final int to;

        Range(IntConsumer task, int from, int to) {
            this.task = task;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                task.accept(from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(task, from, mid), new Range(task, mid, to));
        }
    }
}

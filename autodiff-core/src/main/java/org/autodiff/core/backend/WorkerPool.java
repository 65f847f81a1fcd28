package org.autodiff.core.backend;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * Runs {@code task.accept(t)} for every t in [0, count), in parallel when there is more than
     * one thread. The calling thread takes parts too, from the same counter as the workers: it
     * starts at once, while a parked worker takes some microseconds to wake, so a short kernel is
     * not held up by the hand-off (with a plain fork/join the caller waited for workers to wake
     * even for parts it could have run itself). A part that throws has its exception rethrown
     * here once every part has finished.
     */
    void run(int count, IntConsumer task) {
        if (threads == 1 || count <= 1) {
            for (int t = 0; t < count; t++) {
                task.accept(t);
            }
            return;
        }
        ForkJoinPool pool = POOLS.computeIfAbsent(threads, ForkJoinPool::new);
        Parts parts = new Parts(count, task);
        for (int helper = Math.min(threads, count) - 1; helper > 0; helper--) {
            pool.execute(parts::drain);
        }
        parts.drain();
        parts.await();
    }

    /**
     * The parts of one call: a counter hands them out, a latch counts them done. A helper that a
     * worker picks up after every part is taken finds none and returns, so nobody waits for it.
     */
    private static final class Parts {
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final int count;
        private final IntConsumer task;
        private volatile Throwable failure;

        Parts(int count, IntConsumer task) {
            this.count = count;
            this.task = task;
            this.done = new CountDownLatch(count);
        }

        void drain() {
            for (int t; (t = next.getAndIncrement()) < count; ) {
                try {
                    task.accept(t);
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    // The workers still write into the caller's arrays: wait for them regardless.
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable e = failure;
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            if (e != null) {
                throw new IllegalStateException("a kernel part failed", e);
            }
        }
    }
}

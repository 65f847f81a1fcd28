package org.autodiff.core.backend;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed number of worker threads that run the independent tasks of one kernel call (the
 * tiles of a matrix product, the ranges of a large elementwise map) and return when all are
 * done. Pools are shared by thread count and started on first use, so a backend that only
 * works on small tensors starts no thread.
 *
 * <p>A training step is a chain of short kernels (tens of microseconds each on a
 * [256, 256] tensor) with short serial stretches between them, so the hand-off decides whether
 * a second core pays. Waking a parked thread takes a system call and some microseconds, more on
 * a busy machine, which is as long as a cheap kernel's whole half. So a worker that finishes
 * polls for the next call for {@link #SPIN_NANOS} before it parks, and a caller waiting for a
 * worker's part polls as long before it parks: consecutive kernels (a product, its bias, its
 * activation) are then handed over without a system call. The poll is short on purpose: on a
 * machine whose cores other processes keep busy, a polling thread burns the time slice the
 * other thread of the step needs (the 2-thread MLP step on the shared 2-core machine: 1.07 × its
 * 1-thread time at the 10th percentile polling 20 µs, 1.13 × polling 100 µs, 1.82 × polling 1 ms).
 */
final class WorkerPool {
    private static final ConcurrentHashMap<Integer, Crew> CREWS = new ConcurrentHashMap<>();

    /**
     * How long an idle worker, or a caller waiting for a worker, polls before it parks: long
     * enough for the next of a chain of kernels, short against a busy machine's time slices. The
     * system property {@code autodiff.spin.micros} overrides it (0 parks at once).
     */
    static final long SPIN_NANOS = Math.max(0, Long.getLong("autodiff.spin.micros", 20)) * 1000;

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
     * starts at once, and runs every part itself if no worker is free (another caller's parts
     * keep them busy), so nobody ever waits for a part that no thread has begun. A part that
     * throws has its exception rethrown here once every part has finished.
     */
    void run(int count, IntConsumer task) {
        if (threads == 1 || count <= 1) {
            for (int t = 0; t < count; t++) {
                task.accept(t);
            }
            return;
        }
        Crew crew = CREWS.computeIfAbsent(threads, n -> new Crew(n - 1));
        Parts parts = new Parts(count, task);
        crew.post(parts);
        parts.drain();
        try {
            parts.await();
        } finally {
            // The slot would otherwise keep this call (and the arrays its task reads) reachable.
            crew.posted.compareAndSet(parts, null);
        }
    }

    /**
     * The parts of one call: a counter hands them out, another counts them done. A worker that
     * comes to the call after every part is taken finds none and returns, so nobody waits for it.
     */
    private static final class Parts {
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger unfinished;
        private final int count;
        /** Cleared once every part is done: a worker holding on to this call keeps no arrays alive. */
        private IntConsumer task;
        private final Thread caller = Thread.currentThread();
        /** Set while the caller is parked, so that the last part to finish unparks it. */
        private volatile boolean callerParked;
        private volatile Throwable failure;

        Parts(int count, IntConsumer task) {
            this.count = count;
            this.task = task;
            this.unfinished = new AtomicInteger(count);
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
                    if (unfinished.decrementAndGet() == 0 && callerParked) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        void await() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (unfinished.get() > 0 && System.nanoTime() - spinUntil < 0) {
                Thread.onSpinWait();
            }
            boolean interrupted = false;
            while (unfinished.get() > 0) {
                // Flag first, check after: a finishing part either sees the flag and unparks, or
                // finished before the check, which then sees no part left.
                callerParked = true;
                if (unfinished.get() > 0) {
                    LockSupport.park(this);
                }
                callerParked = false;
                // The workers still write into the caller's arrays: wait for them even if interrupted.
                interrupted |= Thread.interrupted();
            }
            task = null;
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

    /**
     * The worker threads of one pool size. A call is posted in one slot that every worker
     * watches; a newer call replaces an older one, whose caller then runs the rest of its parts
     * itself.
     */
    private static final class Crew {
        private final AtomicReference<Parts> posted = new AtomicReference<>();
        private final Worker[] workers;

        Crew(int size) {
            workers = new Worker[size];
            for (int i = 0; i < size; i++) {
                workers[i] = new Worker(this);
                Thread thread = new Thread(workers[i], "autodiff-worker-" + (size + 1) + "-" + i);
                thread.setDaemon(true);
                workers[i].thread = thread;
                thread.start();
            }
        }

        void post(Parts parts) {
            posted.set(parts);
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w.thread);
                }
            }
        }
    }

    /** One worker: runs the parts of each call it sees, polls a while for the next, then parks. */
    private static final class Worker implements Runnable {
        private final Crew crew;
        private volatile Thread thread;
        /** Set while parked, so that a new call unparks this worker. */
        private volatile boolean parked;

        Worker(Crew crew) {
            this.crew = crew;
        }

        @Override
        public void run() {
            Parts last = null;
            while (true) {
                Parts parts = crew.posted.get();
                if (parts != last) {
                    last = parts;
                    if (parts != null) {
                        parts.drain();
                    }
                    continue;
                }
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (crew.posted.get() == last && System.nanoTime() - spinUntil < 0) {
                    Thread.onSpinWait();
                }
                if (crew.posted.get() == last) {
                    // Flag first, check after, as the caller does in Parts.await.
                    parked = true;
                    if (crew.posted.get() == last) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}

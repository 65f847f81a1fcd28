package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The worker pool runs every part exactly once, on the caller and the workers alike, and reports a failing part. */
class WorkerPoolTest {

    @Test
    void everyPartRunsExactlyOnce() {
        for (int threads = 1; threads <= 4; threads++) {
            WorkerPool pool = new WorkerPool(threads);
            for (int count = 0; count <= 40; count++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(count);
                pool.run(count, runs::incrementAndGet);
                for (int t = 0; t < count; t++) {
                    assertEquals(1, runs.get(t), "part " + t + " of " + count + " on " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinish() {
        WorkerPool pool = new WorkerPool(3);
        AtomicIntegerArray runs = new AtomicIntegerArray(20);
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> pool.run(20, t -> {
            runs.incrementAndGet(t);
            if (t == 7) {
                throw new IllegalArgumentException("part 7");
            }
        }));
        assertEquals("part 7", thrown.getMessage());
        for (int t = 0; t < 20; t++) {
            assertEquals(1, runs.get(t), "part " + t);
        }
    }

    /**
     * Callers on several threads share one pool's workers: each call's parts run exactly once
     * and every call returns, whichever call the workers pick up (a newer call replaces an older
     * one in the workers' slot, and the older call's caller finishes its parts itself).
     */
    @Test
    void callsFromSeveralThreadsAtOnceEachRunEveryPartOnce() throws InterruptedException {
        WorkerPool pool = new WorkerPool(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread caller = new Thread(() -> {
                try {
                    for (int call = 0; call < 2000; call++) {
                        int count = 2 + call % 7;
                        AtomicIntegerArray runs = new AtomicIntegerArray(count);
                        pool.run(count, runs::incrementAndGet);
                        for (int t = 0; t < count; t++) {
                            assertEquals(1, runs.get(t), "part " + t + " of call " + call);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join(60_000);
            assertEquals(false, caller.isAlive(), "a caller did not return within a minute");
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** A part may itself split work on the same pool (a kernel inside a kernel) without a deadlock. */
    @Test
    void aPartMayCallThePoolAgain() {
        WorkerPool pool = new WorkerPool(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(4 * 3);
        pool.run(4, outer -> pool.run(3, inner -> runs.incrementAndGet(outer * 3 + inner)));
        for (int t = 0; t < 12; t++) {
            assertEquals(1, runs.get(t), "inner part " + t);
        }
    }
}

package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
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
}

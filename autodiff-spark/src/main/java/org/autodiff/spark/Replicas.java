package org.autodiff.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.autodiff.nn.Module;

/**
 * The model replicas of this JVM (an executor, or the driver in local mode), kept between steps
 * so a task does not rebuild its model at every step. An executor runs several tasks at once and
 * a module is not thread-safe, so a task borrows a replica for its duration and gives it back.
 * Replicas are kept per training run, for the few most recent runs only.
 */
final class Replicas {
    private static final int RUNS_KEPT = 4;
    private static final Map<String, Deque<Module>> POOLS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Module>> eldest) {
            return size() > RUNS_KEPT;
        }
    };

    private Replicas() {
    }

    /** An idle replica of run {@code run}, or a new one from {@code factory}. */
    static Module borrow(String run, ModelFactory factory) {
        Module idle;
        synchronized (POOLS) {
            idle = POOLS.computeIfAbsent(run, r -> new ArrayDeque<>()).poll();
        }
        return idle != null ? idle : factory.create();
    }

    /** Returns {@code replica} to run {@code run}'s pool. */
    static void giveBack(String run, Module replica) {
        synchronized (POOLS) {
            POOLS.computeIfAbsent(run, r -> new ArrayDeque<>()).push(replica);
        }
    }
}

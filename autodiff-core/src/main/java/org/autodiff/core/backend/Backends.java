package org.autodiff.core.backend;

import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Chooses the backend that tensor ops run on: the {@link ServiceLoader}-registered backend of
 * highest priority, or {@link JavaBackend} when none is registered. The system property
 * {@code autodiff.backend} (a backend's {@link Backend#name()}) overrides the choice, and
 * {@link #use(Backend)} switches it at run time, e.g. to run one test suite on every backend.
 * {@link #onThisThread(Backend)} overrides it for one thread only: a Spark executor runs several
 * training tasks at once, each of which wants its own thread count (a task per core, one kernel
 * thread per task), which a JVM-wide setting such as {@code -Dautodiff.threads} cannot give.
 */
public final class Backends {
    private static volatile Backend current = discover();
    /** A per-thread override of {@link #current}; null where none is set. */
    private static final ThreadLocal<Backend> THIS_THREAD = new ThreadLocal<>();

    private Backends() {
    }

    /** The backend in use on this thread: its {@linkplain #onThisThread override}, else the JVM-wide one. */
    public static Backend current() {
        Backend local = THIS_THREAD.get();
        return local != null ? local : current;
    }

    /** A scope that restores the previous backend when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Makes {@code backend} the one in use on the calling thread only, until the returned scope
     * is closed (other threads, and {@link #use(Backend)}, are unaffected). Scopes nest.
     *
     * @param backend the backend for this thread, e.g. {@code new JavaBackend(1)}
     * @return the scope to close, which restores this thread's previous choice
     */
    public static Scope onThisThread(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backend previous = THIS_THREAD.get();
        THIS_THREAD.set(backend);
        return () -> {
            if (previous == null) {
                THIS_THREAD.remove();
            } else {
                THIS_THREAD.set(previous);
            }
        };
    }

    /** Makes {@code backend} the one in use for all threads (but those with an {@link #onThisThread} override); returns the previous one. */
    public static Backend use(Backend backend) {
        Backend previous = current;
        current = Objects.requireNonNull(backend, "backend");
        return previous;
    }

    /** Every backend found on the class path, the pure-Java one included. */
    public static java.util.List<Backend> available() {
        java.util.List<Backend> all = new java.util.ArrayList<>();
        all.add(new JavaBackend());
        for (Backend b : ServiceLoader.load(Backend.class)) {
            all.add(b);
        }
        return all;
    }

    private static Backend discover() {
        String wanted = System.getProperty("autodiff.backend");
        Backend best = null;
        for (Backend b : available()) {
            if (wanted != null ? b.name().equals(wanted) : best == null || b.priority() > best.priority()) {
                best = b;
            }
        }
        if (best == null) {
            throw new IllegalStateException("autodiff.backend=" + wanted + " names no backend on the class path");
        }
        return best;
    }
}

package org.autodiff.core.backend;

import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Chooses the backend that tensor ops run on: the {@link ServiceLoader}-registered backend of
 * highest priority, or {@link JavaBackend} when none is registered. The system property
 * {@code autodiff.backend} (a backend's {@link Backend#name()}) overrides the choice, and
 * {@link #use(Backend)} switches it at run time, e.g. to run one test suite on every backend.
 */
public final class Backends {
    private static volatile Backend current = discover();

    private Backends() {
    }

    /** The backend in use. */
    public static Backend current() {
        return current;
    }

    /** Makes {@code backend} the one in use for all threads; returns the previous one. */
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

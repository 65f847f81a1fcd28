package org.autodiff.core.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Chooses the backend that tensor ops run on: the {@link ServiceLoader}-registered backend of
 * highest priority, or {@link JavaBackend} when none is registered. The system property
 * {@code autodiff.backend} (a backend's {@link Backend#name()}) overrides the choice, and
 * {@link #use(Backend)} switches it at run time, e.g. to run one test suite on every backend.
 * {@link #onThisThread(Backend)} overrides it for one thread only: a Spark executor runs several
 * training tasks at once, each of which wants its own thread count (a task per core, one kernel
 * thread per task), which a JVM-wide setting such as {@code -Dautodiff.threads} cannot give.
 *
 * <p>A registered backend that fails to load (its native library is missing for this platform,
 * a class it needs is absent, its constructor throws) is skipped with one warning line on the
 * {@link System.Logger} named after this class, and the choice falls to the next one, at worst
 * {@link JavaBackend}: a plain {@code matmul} never fails because an optional backend could not load.
 */
public final class Backends {
    private static volatile Backend current = discover();
    /** A per-thread override of {@link #current}; null where none is set. */
    private static final ThreadLocal<Backend> THIS_THREAD = new ThreadLocal<>();

    private Backends() {
    }

    /**
     * The backend in use on this thread: its {@linkplain #onThisThread override}, else the JVM-wide one.
     *
     * @return the backend
     */
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

    /**
     * Makes {@code backend} the one in use for all threads (but those with an {@link #onThisThread} override);
     * returns the previous one.
     *
     * @param backend the backend to use
     * @return the backend used before
     */
    public static Backend use(Backend backend) {
        Backend previous = current;
        current = Objects.requireNonNull(backend, "backend");
        return previous;
    }

    /**
     * Every backend found on the class path that loads, the pure-Java one first; one that fails
     * to load is left out with a warning.
     *
     * @return the backends, {@link JavaBackend} first
     */
    public static List<Backend> available() {
        Discovery found = Discovery.load(Thread.currentThread().getContextClassLoader());
        found.warn(null);
        return found.backends;
    }

    private static Backend discover() {
        Discovery found = Discovery.load(Thread.currentThread().getContextClassLoader());
        Backend chosen = found.choose(System.getProperty("autodiff.backend"));
        found.warn(chosen);
        return chosen;
    }

    /** The outcome of one service-loader pass: the backends that loaded and the failures of those that did not. */
    static final class Discovery {
        /** Bounds a pass over a broken services file that keeps failing without moving on. */
        private static final int MAX_FAILURES = 64;
        private static final System.Logger LOG = System.getLogger(Backends.class.getName());

        final List<Backend> backends = new ArrayList<>();
        final List<String> failures = new ArrayList<>();

        /** Instantiates every provider registered with {@code loader}, keeping those that load. */
        static Discovery load(ClassLoader loader) {
            Discovery d = new Discovery();
            d.backends.add(new JavaBackend());
            Iterator<Backend> providers = ServiceLoader.load(Backend.class, loader).iterator();
            while (d.failures.size() < MAX_FAILURES) {
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    d.backends.add(providers.next());
                } catch (ServiceConfigurationError | LinkageError e) {
                    // LinkageError: UnsatisfiedLinkError, NoClassDefFoundError and
                    // ExceptionInInitializerError can escape the loader unwrapped.
                    d.failures.add(describe(e));
                }
            }
            return d;
        }

        /** The backend named {@code wanted}, or the one of highest priority when it is null. */
        Backend choose(String wanted) {
            Backend best = null;
            for (Backend b : backends) {
                if (wanted != null ? b.name().equals(wanted) : best == null || b.priority() > best.priority()) {
                    best = b;
                }
            }
            if (best == null) {
                throw new IllegalStateException("autodiff.backend=" + wanted + " names no backend on the class path"
                        + (failures.isEmpty() ? "" : " that loads (" + String.join("; ", failures) + ")"));
            }
            return best;
        }

        /** One warning line per provider that failed to load, saying what runs instead. */
        void warn(Backend chosen) {
            for (String failure : failures) {
                LOG.log(System.Logger.Level.WARNING, "autodiff: a backend failed to load and is skipped: " + failure
                        + (chosen == null ? "" : "; using the '" + chosen.name() + "' backend"));
            }
        }

        /** The error and its root cause on one line. */
        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String text = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (root != e) {
                text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
            }
            return text.replaceAll("\\s*\\R\\s*", " ");
        }
    }
}

package org.autodiff.core;

/**
 * Whether ops record the graph that reverse mode needs, per thread. Like PyTorch's
 * {@code torch.no_grad()}:
 *
 * <pre>{@code
 * try (var ignored = GradMode.noGrad()) {
 *     w.subInPlace(w.grad().mul(lr));   // not recorded
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /** A scope that restores the previous mode when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Whether ops on this thread record the graph.
     *
     * @return true if recording is on
     */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /**
     * Stops recording on this thread until the returned scope is closed.
     *
     * @return the scope that restores the previous mode when closed
     */
    public static Scope noGrad() {
        return set(false);
    }

    /**
     * Resumes recording on this thread (inside a {@link #noGrad()} scope) until the returned scope is closed.
     *
     * @return the scope that restores the previous mode when closed
     */
    public static Scope enableGrad() {
        return set(true);
    }

    /**
     * Sets the mode on this thread until the returned scope is closed.
     *
     * @param enabled true to record the graph
     * @return the scope that restores the previous mode when closed
     */
    public static Scope set(boolean enabled) {
        boolean[] state = ENABLED.get();
        boolean previous = state[0];
        state[0] = enabled;
        return () -> state[0] = previous;
    }
}

package org.autodiff.core;

/**
 * Anomaly mode, as PyTorch's {@code torch.autograd.detect_anomaly()}: while a scope is open on a
 * thread, every op applied on it records where it was created, and the first NaN or ±infinity
 * an op makes, in forward or in backward, raises an {@link AnomalyException} naming the op, that
 * place, the input and the element.
 *
 * <pre>{@code
 * try (var scope = Autograd.detectAnomaly()) {
 *     Tensor loss = model.forward(x).log().mean();
 *     loss.backward();
 * }
 * }</pre>
 *
 * <p>"Made" means the op's inputs were all finite and its result is not: a NaN that was already
 * in an input (a leaf, a constant, a tensor made outside the scope) is passed on without a
 * complaint, and in backward each op's gradients are checked as it returns them, so the first
 * bad one is caught where it arises. Ops that make ±infinity on purpose (an attention mask
 * filled with −inf) are anomalies here too; open the scope around the part under suspicion.
 *
 * <p>Off by default. While no thread has a scope open an op pays one read of a static flag.
 * With a scope open each op walks the stack once and scans its result for non-finite values: a
 * debugging tool, several times slower (autodiff-bench's {@code AnomalyModeBenchmark} measures it).
 */
public final class AnomalyMode {
    /** Whether any thread has a scope open: the one flag ops read while anomaly mode is off. */
    static volatile boolean anyOpen;
    private static int openScopes;
    private static final Object LOCK = new Object();
    /** Per thread: [0] open scopes, [1] backward rules running (whose inner ops are checked as the rule's result). */
    private static final ThreadLocal<int[]> STATE = ThreadLocal.withInitial(() -> new int[2]);

    private AnomalyMode() {
    }

    /**
     * Whether anomaly mode is on for this thread.
     *
     * @return true inside an open {@link #enable()} scope
     */
    public static boolean isEnabled() {
        return anyOpen && STATE.get()[0] > 0;
    }

    /**
     * Turns anomaly mode on for this thread until the returned scope is closed; scopes nest.
     *
     * @return the scope; closing it (once) turns this opening off again
     */
    public static GradMode.Scope enable() {
        int[] state = STATE.get();
        state[0]++;
        synchronized (LOCK) {
            openScopes++;
            anyOpen = true;
        }
        boolean[] closed = {false};
        return () -> {
            if (closed[0]) {
                return;
            }
            closed[0] = true;
            state[0]--;
            synchronized (LOCK) {
                openScopes--;
                anyOpen = openScopes > 0;
            }
        };
    }

    /** Whether an op's forward result is to be checked: on, and not inside a backward rule. */
    static boolean checksForward() {
        int[] state = STATE.get();
        return state[0] > 0 && state[1] == 0;
    }

    /** Marks a backward rule running on this thread: the ops inside it are checked as the rule's result, not one by one. */
    static GradMode.Scope insideBackwardRule() {
        int[] state = STATE.get();
        state[1]++;
        return () -> state[1]--;
    }
}

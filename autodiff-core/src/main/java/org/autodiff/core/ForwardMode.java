package org.autodiff.core;

/**
 * Thread-local switch for tangent propagation. Tangents propagate through every op whose
 * input carries one ({@link Tensor#withTangent(Tensor)}); while an op computes its own JVP the
 * switch is off, so the rule's arithmetic on tangent-carrying primals does not start a second,
 * nested tangent.
 */
final class ForwardMode {
    private static final ThreadLocal<boolean[]> SUSPENDED = ThreadLocal.withInitial(() -> new boolean[1]);

    private ForwardMode() {
    }

    static boolean isSuspended() {
        return SUSPENDED.get()[0];
    }

    static GradMode.Scope suspend() {
        boolean[] state = SUSPENDED.get();
        boolean previous = state[0];
        state[0] = true;
        return () -> state[0] = previous;
    }
}

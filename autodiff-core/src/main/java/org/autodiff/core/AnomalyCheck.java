package org.autodiff.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * The checks of {@link AnomalyMode}: where an op was created, and whether its result or its
 * gradients hold the first non-finite value. Called only while anomaly mode is on.
 */
final class AnomalyCheck {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /**
     * Whether a class is the library's or the JDK's rather than its user's. The library's own test
     * classes (in Maven's test-classes folders, or a test jar that another module reruns) count
     * as user code: they call the library as a user does, and their lines are the ones worth naming.
     */
    private static final ClassValue<Boolean> LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String name = type.getName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                return true;
            }
            if (!name.startsWith("org.autodiff.")) {
                return false;
            }
            var source = type.getProtectionDomain().getCodeSource();
            String location = source == null || source.getLocation() == null ? "" : source.getLocation().getPath();
            return !location.endsWith("/test-classes/") && !location.endsWith("-tests.jar");
        }
    };

    private AnomalyCheck() {
    }

    /**
     * Where the op being applied was created: [0] the first frame outside the library and the
     * JDK (the user's line), [1] the innermost frame of a library module other than core (e.g. the
     * {@code nn} layer whose forward applied it), either null when absent.
     */
    static StackTraceElement[] creationSite() {
        StackTraceElement[] site = new StackTraceElement[2];
        WALKER.forEach(frame -> {
            if (site[0] != null) {
                return;
            }
            String c = frame.getClassName();
            if (!LIBRARY.get(frame.getDeclaringClass())) {
                site[0] = frame.toStackTraceElement();
            } else if (site[1] == null && c.startsWith("org.autodiff.") && !c.startsWith("org.autodiff.core.")) {
                site[1] = frame.toStackTraceElement();
            }
        });
        return site;
    }

    /** Raises if {@code out} holds a non-finite value although every input is finite. */
    static void forward(Primitive op, Tensor[] inputs, Tensor out) {
        int bad = firstNonFinite(out);
        if (bad < 0) {
            return;
        }
        for (Tensor in : inputs) {
            if (firstNonFinite(in) >= 0) {
                return;
            }
        }
        StackTraceElement[] site = creationSite();
        int[] index = unravel(bad, out.shape());
        double value = out.toDoubleArray()[bad];
        StringBuilder there = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            there.append(i == 0 ? "" : ", ").append("input ").append(i).append(inputs[i].nameTag()).append(' ')
                    .append(elementAt(inputs[i], index, out.shape()));
        }
        throw new AnomalyException("anomaly mode: " + op.name() + " made " + describe(value) + " in forward, at element "
                + Arrays.toString(index) + " of its output (shape " + out.shape() + "), from finite inputs; the op was "
                + where(site) + "; its inputs there: " + there, op.name(), site[0], false, -1, index, value);
    }

    /** Raises if the adjoint arriving at an op's backward rule is not finite (a hook or the seed made it). */
    static void arriving(Primitive op, StackTraceElement[] site, Tensor adjoint) {
        int bad = firstNonFinite(adjoint);
        if (bad < 0) {
            return;
        }
        int[] index = unravel(bad, adjoint.shape());
        double value = adjoint.toDoubleArray()[bad];
        throw new AnomalyException("anomaly mode: the gradient arriving at the backward of " + op.name() + " holds "
                + describe(value) + " at element " + Arrays.toString(index) + " (shape " + adjoint.shape()
                + "); no op's backward made it, so a gradient hook or the seed gradient did; the op was " + where(site),
                op.name(), site == null ? null : site[0], true, -1, index, value);
    }

    /** Raises if the gradient an op's backward rule returned for input {@code i} is not finite. */
    static void backward(Primitive op, StackTraceElement[] site, Tensor adjoint, Tensor[] inputs, int i, Tensor grad) {
        int bad = firstNonFinite(grad);
        if (bad < 0) {
            return;
        }
        int[] index = unravel(bad, grad.shape());
        double value = grad.toDoubleArray()[bad];
        String arriving = adjoint.shape().equals(grad.shape()) ? "; the gradient arriving at " + op.name() + " there "
                + elementAt(adjoint, index, grad.shape()) : "";
        throw new AnomalyException("anomaly mode: the backward of " + op.name() + " made " + describe(value)
                + " in the gradient of input " + i + inputs[i].nameTag() + " (shape " + grad.shape() + "), at element "
                + Arrays.toString(index) + ", from a finite gradient; the op was " + where(site) + "; input " + i
                + " there " + elementAt(inputs[i], index, grad.shape()) + arriving,
                op.name(), site == null ? null : site[0], true, i, index, value);
    }

    /** The flat index of the first NaN or infinity, or −1; integer and bool tensors are always finite. */
    private static int firstNonFinite(Tensor t) {
        if (!t.dtype().isFloatingPoint()) {
            return -1;
        }
        double[] v = t.toDoubleArray();
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                return k;
            }
        }
        return -1;
    }

    private static int[] unravel(int flat, Shape shape) {
        int[] index = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            index[d] = flat % shape.size(d);
            flat /= shape.size(d);
        }
        return index;
    }

    /** "= -1" for the element of {@code t} read at {@code index} of {@code target} (broadcast), else its shape. */
    private static String elementAt(Tensor t, int[] index, Shape target) {
        if (!t.shape().broadcastsTo(target)) {
            return "(shape " + t.shape() + ")";
        }
        int[] strides = t.shape().broadcastStrides(target);
        int flat = 0;
        for (int d = 0; d < index.length; d++) {
            flat += index[d] * strides[d];
        }
        return "= " + t.toDoubleArray()[flat];
    }

    private static String describe(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "+inf" : "-inf";
    }

    private static String where(StackTraceElement[] site) {
        if (site == null || site[0] == null && site[1] == null) {
            return "created where no frame outside org.autodiff shows";
        }
        String within = Optional.ofNullable(site[1]).map(f -> " (in " + f + ")").orElse("");
        return "created at " + (site[0] == null ? "an unknown caller" : site[0].toString()) + within;
    }
}

package org.autodiff.core;

import java.util.Objects;

/**
 * A differentiable operation: its value, its reverse rule (VJP) and its forward rule (JVP),
 * side by side in one class. Every tensor op is a primitive or a composition of primitives, and
 * a user-defined op is a subclass, like PyTorch's {@code torch.autograd.Function}:
 *
 * <pre>{@code
 * class Cube extends Primitive {
 *     protected Tensor forward(Tensor[] x) { return x[0].mul(x[0]).mul(x[0]); }
 *     protected Tensor[] vjp(Tensor g)    { return new Tensor[] {g.mul(input(0).square()).mul(3)}; }
 *     protected Tensor jvp(Tensor[] t)    { return t[0].mul(input(0).square()).mul(3); }
 * }
 * Tensor y = new Cube().apply(x);
 * }</pre>
 *
 * <p>One instance is applied once. {@link #forward} runs without recording and sees only values.
 * The rules are written with tensor ops, so under {@code createGraph} the gradient they return
 * is itself differentiable (grad-of-grad), and tangents flow through them (forward over reverse).
 * A rule may return a gradient in the broadcast output shape and dtype: the engine sums it back
 * to each input's shape and casts it to the input's dtype, in one place. An application whose
 * output is int64 or bool records nothing and carries no tangent.
 */
public abstract class Primitive {
    private static final Tensor[] NONE = new Tensor[0];
    private static final String BUILT_IN_PACKAGE = "org.autodiff.core.ops";

    private Tensor[] inputs;
    private Tensor output;
    /**
     * The version of each input, then of the output, when the op was recorded; null when all were 0,
     * as almost always (a fresh tensor is at version 0 until updated in place): an array per graph
     * node was an eighth of a small node's retained heap.
     */
    private int[] savedVersions;

    /**
     * The op's name in messages and graph pictures; the class name by default.
     *
     * @return the name
     */
    public String name() {
        return CLASS_NAMES.get(getClass());
    }

    /* Computed once per class: every graph node keeps its op's name, and a new string per node was a
     * sixth of a one-element tensor node's retained heap. */
    private static final ClassValue<String> CLASS_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String n = type.getSimpleName();
            return n.isEmpty() ? "custom" : Character.toLowerCase(n.charAt(0)) + n.substring(1);
        }
    };

    /**
     * Computes the output value from the input values. Runs without graph recording.
     *
     * @param inputs the input values, in the order given to {@link #apply}
     * @return the output value
     */
    protected abstract Tensor forward(Tensor[] inputs);

    /**
     * Reverse rule: the gradient with respect to each input, given the gradient of the output.
     * An entry may be null where an input gets no gradient.
     *
     * @param gradOutput the gradient of the output, of the output's shape
     * @return one gradient per input (null where none), in the input's shape or the broadcast output shape
     */
    protected abstract Tensor[] vjp(Tensor gradOutput);

    /**
     * Forward rule: the output's tangent given each input's tangent (null where an input carries
     * none). The default says the op has no forward rule.
     *
     * @param tangents one tangent per input, null where an input carries none
     * @return the output's tangent
     */
    protected Tensor jvp(Tensor[] tangents) {
        throw new UnsupportedOperationException(name() + " defines no forward-mode (jvp) rule");
    }

    /** Whether this is one of the library's own ops (package {@code org.autodiff.core.ops}), whose VJPs return either new tensors or g passed through. */
    final boolean isBuiltIn() {
        return getClass().getPackageName().equals(BUILT_IN_PACKAGE);
    }

    /**
     * The i-th input, as the rules need it.
     *
     * @param i the input's position
     * @return the input
     */
    protected final Tensor input(int i) {
        return inputs[i];
    }

    /**
     * The output value, as the rules may need it (e.g. exp' = exp).
     *
     * @return the output value
     */
    protected final Tensor output() {
        return output;
    }

    /**
     * Number of inputs this application received.
     *
     * @return the number of inputs
     */
    protected final int inputCount() {
        return inputs.length;
    }

    /**
     * Applies the op: computes the value, records the op in the graph if any input requires a
     * gradient (and grad mode is on), and carries tangents forward if any input has one.
     *
     * @param in the inputs
     * @return the output
     */
    public final Tensor apply(Tensor... in) {
        if (inputs != null) {
            throw new IllegalStateException(name() + ": a Primitive instance is applied once; create a new one");
        }
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) {
                throw new NullPointerException(name() + ": input " + inputIndexName(in.length, i) + " is null");
            }
        }
        inputs = in.clone();
        Tensor out;
        try (var a = GradMode.noGrad(); var b = ForwardMode.suspend()) {
            out = forward(inputs);
        }
        Objects.requireNonNull(out, () -> name() + ".forward returned null");
        out = out.freshResult(inputs);
        output = out;
        boolean anomalyMode = AnomalyMode.anyOpen && AnomalyMode.checksForward();
        if (anomalyMode) {
            AnomalyCheck.forward(this, inputs, out);
        }

        boolean record = false;
        boolean carriesTangent = false;
        for (Tensor t : inputs) {
            record |= t.requiresGrad();
            carriesTangent |= t.tangent() != null;
        }
        // An int64 or bool result (a cast to int64, an index, a mask) is not differentiable: as in
        // PyTorch it leaves the graph and carries no tangent.
        boolean differentiable = out.dtype().isFloatingPoint();
        record &= GradMode.isEnabled() && differentiable;
        carriesTangent &= differentiable;
        if (carriesTangent && !ForwardMode.isSuspended()) {
            Tensor[] tangents = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                tangents[i] = inputs[i].tangent();
            }
            Tensor t;
            try (var s = ForwardMode.suspend()) {
                t = jvp(tangents);
            }
            out.setTangent(t == null ? null : t.expand(out.shape()).to(out.dtype()));
            TangentRecorder recorder = TangentRecorder.current();
            if (recorder != null) {
                recorder.record(this, inputs, tangents, out);
            }
        }
        if (record) {
            savedVersions = versionsUnlessAllZero(inputs, out);
            out.recordedBy(new OpNode(this, anomalyMode ? AnomalyCheck.creationSite() : null));
        } else {
            inputs = NONE;
            output = null;
        }
        return out;
    }

    private static int[] versionsUnlessAllZero(Tensor[] inputs, Tensor out) {
        boolean allZero = out.version() == 0;
        for (Tensor t : inputs) {
            allZero &= t.version() == 0;
        }
        if (allZero) {
            return null;
        }
        int[] versions = new int[inputs.length + 1];
        for (int i = 0; i < inputs.length; i++) {
            versions[i] = inputs[i].version();
        }
        versions[inputs.length] = out.version();
        return versions;
    }

    private static String inputIndexName(int count, int i) {
        return count == 2 ? (i == 0 ? "'self'" : "'other'") : Integer.toString(i);
    }

    // ---- engine side: used by OpNode

    Tensor[] recordedInputs() {
        return inputs;
    }

    /** Throws if a saved tensor was modified in place after this op recorded it. */
    void checkSavedVersions() {
        for (int i = 0; i <= inputs.length; i++) {
            Tensor t = i < inputs.length ? inputs[i] : output;
            int saved = savedVersions == null ? 0 : savedVersions[i];
            if (t.version() != saved) {
                throw new IllegalStateException("one of the tensors needed to compute the gradient of " + name()
                        + " has been modified by an in-place operation: "
                        + (i < inputs.length ? "input " + i : "its output") + t.nameTag() + " of shape " + t.shape()
                        + " is at version " + t.version() + "; expected version " + saved);
            }
        }
    }

    void releaseSaved() {
        inputs = null;
        output = null;
    }
}

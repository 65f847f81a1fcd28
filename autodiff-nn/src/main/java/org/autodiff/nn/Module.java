package org.autodiff.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * A building block of a network, like PyTorch's {@code nn.Module}: it computes
 * {@link #forward(Tensor)} from its input, owns named {@link Parameter parameters} and named child
 * modules, and is in training or evaluation mode.
 *
 * <p>A subclass registers its parameters and children in its constructor:
 *
 * <pre>{@code
 * final class Affine extends Module {
 *     private final Tensor scale = registerParameter("scale", Tensor.ones(4));
 *     public Tensor forward(Tensor x) { return x.mul(scale); }
 * }
 * }</pre>
 *
 * <p>Names of nested parameters join the child names with dots, as in PyTorch
 * ({@code "0.weight"}, {@code "encoder.1.bias"}), in registration order. This is also the key
 * format of {@link #stateDict()}, so checkpoints line up with PyTorch's.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes this module's output. */
    public abstract Tensor forward(Tensor input);

    // ---------------------------------------------------------------- registration

    /**
     * Registers {@code value} as a parameter named {@code name} and returns the parameter (a leaf
     * that requires grad over {@code value}'s storage, see {@link Parameter#of}).
     */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkNewName(name);
        Tensor p = Parameter.of(value);
        parameters.put(name, p);
        return p;
    }

    /** Registers {@code module} as a child named {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkNewName(name);
        Objects.requireNonNull(module, "module");
        children.put(name, module);
        return module;
    }

    private void checkNewName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name
                    + "' must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already registered");
        }
    }

    // ---------------------------------------------------------------- traversal

    /** Every parameter of this module and its descendants, in {@link #namedParameters()} order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every parameter by dotted name: this module's own first, then each child's, recursively. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectParameters("", out);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        children.forEach((name, child) -> child.collectParameters(prefix + name + ".", out));
    }

    /** The direct children by name, in registration order (unmodifiable). */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    // ---------------------------------------------------------------- modes and gradients

    /** Sets training mode ({@code true}) or evaluation mode on this module and all descendants; returns this. */
    public Module train(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.train(mode));
        return this;
    }

    /** Training mode (dropout active); returns this. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode (dropout is the identity); returns this. */
    public final Module eval() {
        return train(false);
    }

    /** Whether this module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    // ---------------------------------------------------------------- state

    /**
     * A snapshot of every parameter by dotted name. Unlike PyTorch, whose state dict shares
     * storage with the model, the entries are copies outside the graph, so a saved state stays
     * as it was while training goes on.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (var ignored = GradMode.noGrad()) {
            namedParameters().forEach((name, p) -> out.put(name, p.detach().copy()));
        }
        return out;
    }

    /**
     * Copies {@code state}'s values into the parameters in place (optimizers keep their
     * references). Strict, as PyTorch's {@code strict=True} and also for dtypes: the names must be
     * exactly this module's parameter names and each entry must have its parameter's shape and
     * dtype. Everything is checked before anything is copied, so a failed load leaves the model
     * unchanged.
     *
     * @throws IllegalArgumentException naming the missing or unexpected keys, or the first entry
     *     whose shape or dtype does not match
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "state");
        Map<String, Tensor> own = namedParameters();
        TreeSet<String> missing = new TreeSet<>(own.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(own.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: missing keys " + missing + ", unexpected keys " + unexpected);
        }
        own.forEach((name, p) -> {
            Tensor v = state.get(name);
            if (v == null) {
                throw new IllegalArgumentException("loadStateDict: entry '" + name + "' is null");
            }
            if (!v.shape().equals(p.shape()) || v.dtype() != p.dtype()) {
                throw new IllegalArgumentException("loadStateDict: entry '" + name + "' has shape " + v.shape() + " and dtype "
                        + v.dtype() + " but the parameter has shape " + p.shape() + " and dtype " + p.dtype());
            }
        });
        try (var ignored = GradMode.noGrad()) {
            own.forEach((name, p) -> p.copyFrom(state.get(name)));
        }
    }

    // ---------------------------------------------------------------- printing

    /** The constructor arguments shown by {@link #toString()}, e.g. {@code "in=4, out=2"}. */
    protected String extraRepr() {
        return "";
    }

    /** The module tree, one child per line, as PyTorch prints it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append('(').append(extraRepr());
        if (!children.isEmpty()) {
            s.append('\n');
            children.forEach((name, child) -> s.append("  (").append(name).append("): ")
                    .append(child.toString().replace("\n", "\n  ")).append('\n'));
        }
        return s.append(')').toString();
    }
}

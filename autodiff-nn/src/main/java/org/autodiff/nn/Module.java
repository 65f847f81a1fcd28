package org.autodiff.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.autodiff.core.DType;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * A building block of a network, like PyTorch's {@code nn.Module}: it computes
 * {@link #forward(Tensor)} from its input, owns named {@link Parameter parameters}, named buffers
 * (state that is saved but not trained, such as BatchNorm's running statistics) and named child
 * modules, and is in training or evaluation mode.
 *
 * <p>A subclass registers its parameters, buffers and children in its constructor:
 *
 * <pre>{@code
 * final class Affine extends Module {
 *     private final Tensor scale = registerParameter("scale", Tensor.ones(4));
 *     public Tensor forward(Tensor x) { return x.mul(scale); }
 * }
 * }</pre>
 *
 * <p>Names of nested parameters and buffers join the child names with dots, as in PyTorch
 * ({@code "0.weight"}, {@code "encoder.1.running_mean"}), in registration order. This is also the
 * key format of {@link #stateDict()}, so checkpoints line up with PyTorch's.
 *
 * <p>{@link #call(Tensor)} is PyTorch's {@code module(x)}: it runs {@link #forward} and then the
 * forward hooks. A module that holds children should invoke them through {@code call}, as
 * {@link Sequential} does, so that hooks and {@link #summary} see them.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    /** Buffers by name; a value may be null (registered but absent, as PyTorch allows), which is never saved. */
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistentBuffers = new HashSet<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private final List<ForwardHook> forwardHooks = new ArrayList<>();
    private boolean training = true;

    /**
     * Computes this module's output.
     *
     * @param input the input
     * @return the output
     */
    public abstract Tensor forward(Tensor input);

    /**
     * Runs {@link #forward} and then each forward hook in registration order, as PyTorch's
     * {@code module(input)}; a hook that returns a tensor replaces the output.
     *
     * @param input the input
     * @return the output of {@code forward}, or the last hook's replacement
     */
    public final Tensor call(Tensor input) {
        Objects.requireNonNull(input, () -> getClass().getSimpleName() + ".call: input is null");
        Tensor output = forward(input);
        for (ForwardHook hook : List.copyOf(forwardHooks)) {
            Tensor replacement = hook.afterForward(this, input, output);
            if (replacement != null) {
                output = replacement;
            }
        }
        return output;
    }

    // ---------------------------------------------------------------- hooks

    /** A function run after {@link #forward} by {@link #call}, as PyTorch's forward hooks. */
    @FunctionalInterface
    public interface ForwardHook {
        /**
         * Sees one forward pass of {@code module}.
         *
         * @param module the module whose forward ran
         * @param input its input
         * @param output its output
         * @return a replacement output, or null to keep {@code output}
         */
        Tensor afterForward(Module module, Tensor input, Tensor output);
    }

    /** Removes a registered hook, as PyTorch's {@code RemovableHandle}; closing it removes it too. */
    public interface RemovableHandle extends AutoCloseable {
        /** Removes the hook; removing it again does nothing. */
        void remove();

        /** Removes the hook (so a handle works in try-with-resources). */
        @Override
        default void close() {
            remove();
        }
    }

    /**
     * Registers a hook that {@link #call} runs after each forward pass of this module.
     *
     * @param hook the hook
     * @return a handle that removes the hook
     */
    public final RemovableHandle registerForwardHook(ForwardHook hook) {
        Objects.requireNonNull(hook, "hook");
        // Wrapped, so that removing by identity removes this registration even if the same hook
        // object was registered twice.
        ForwardHook registered = hook::afterForward;
        forwardHooks.add(registered);
        return () -> forwardHooks.removeIf(h -> h == registered);
    }

    // ---------------------------------------------------------------- registration

    /**
     * Registers {@code value} as a parameter named {@code name}.
     *
     * @param name the parameter's name, non-empty and without dots
     * @param value the initial values
     * @return the parameter: a leaf that requires grad over {@code value}'s storage, see {@link Parameter#of}
     */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkNewName(name);
        Tensor p = Parameter.of(value);
        parameters.put(name, p);
        return p;
    }

    /**
     * Registers a persistent buffer, as PyTorch's {@code register_buffer(name, tensor)}: state that
     * {@link #stateDict()} saves and {@link #loadStateDict} restores, but that is not a parameter
     * (optimizers do not see it). The module updates it in place.
     *
     * @param name the buffer's name, non-empty and without dots
     * @param value the buffer, or null for a registered but absent buffer (never saved)
     * @return {@code value}
     */
    protected final Tensor registerBuffer(String name, Tensor value) {
        return registerBuffer(name, value, true);
    }

    /**
     * Registers a buffer, as PyTorch's {@code register_buffer(name, tensor, persistent)}: a
     * non-persistent buffer belongs to the module ({@link #namedBuffers()}) but is left out of its
     * {@link #stateDict()}.
     *
     * @param name the buffer's name, non-empty and without dots
     * @param value the buffer, or null for a registered but absent buffer (never saved)
     * @param persistent whether the state dict holds it
     * @return {@code value}
     */
    protected final Tensor registerBuffer(String name, Tensor value, boolean persistent) {
        checkNewName(name);
        if (value != null && value.requiresGrad()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": buffer '" + name + "' of shape "
                    + value.shape() + " requires grad; a trainable tensor is a parameter (registerParameter)");
        }
        buffers.put(name, value);
        if (!persistent) {
            nonPersistentBuffers.add(name);
        }
        return value;
    }

    /**
     * Registers {@code module} as a child named {@code name}.
     *
     * @param name the child's name, non-empty and without dots
     * @param module the child; it must not contain this module (no cycles)
     * @param <M> the child's type
     * @return {@code module}
     */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkNewName(name);
        Objects.requireNonNull(module, "module");
        if (module.modules().contains(this)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": registering " + module.getClass().getSimpleName()
                    + " as '" + name + "' would make this module its own descendant");
        }
        children.put(name, module);
        return module;
    }

    private void checkNewName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name
                    + "' must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name + "' is already registered");
        }
    }

    // ---------------------------------------------------------------- traversal

    /**
     * This module and every descendant by dotted path ({@code ""} for this module), depth first in
     * registration order, each module once even if it is registered in several places (as
     * PyTorch's {@code named_modules()}).
     *
     * @return the modules by path
     */
    public final Map<String, Module> namedModules() {
        return collectModules(true);
    }

    /**
     * This module and every descendant, in {@link #namedModules()} order.
     *
     * @return the modules
     */
    public final List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    /**
     * The direct children by name, in registration order.
     *
     * @return the children (unmodifiable)
     */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * The direct children, in registration order.
     *
     * @return the children
     */
    public final List<Module> children() {
        return new ArrayList<>(children.values());
    }

    /**
     * Every parameter by dotted name: each module's own in {@link #namedModules()} order, each
     * parameter once (a tied weight under its first name), as PyTorch's {@code named_parameters()}.
     *
     * @return the parameters by name
     */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((path, m) -> m.parameters.forEach((name, p) -> {
            if (seen.add(p)) {
                out.put(join(path, name), p);
            }
        }));
        return out;
    }

    /**
     * Every parameter of this module and its descendants, in {@link #namedParameters()} order.
     *
     * @return the parameters
     */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Every buffer that is present (not null), persistent or not, by dotted name, each once, as
     * PyTorch's {@code named_buffers()}.
     *
     * @return the buffers by name
     */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((path, m) -> m.buffers.forEach((name, b) -> {
            if (b != null && seen.add(b)) {
                out.put(join(path, name), b);
            }
        }));
        return out;
    }

    /**
     * Every present buffer, in {@link #namedBuffers()} order.
     *
     * @return the buffers
     */
    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /**
     * Calls {@code fn} on every child's subtree and then on this module (children first, as
     * PyTorch's {@code apply}), e.g. to re-initialise weights.
     *
     * @param fn the function
     * @return this module
     */
    public final Module apply(Consumer<Module> fn) {
        Objects.requireNonNull(fn, "fn");
        children.values().forEach(c -> c.apply(fn));
        fn.accept(this);
        return this;
    }

    /** Paths of this module and its descendants; with {@code once}, a module registered twice appears once. */
    private Map<String, Module> collectModules(boolean once) {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out, once ? Collections.newSetFromMap(new IdentityHashMap<>()) : null);
        return out;
    }

    private void collectModules(String path, Map<String, Module> out, Set<Module> seen) {
        if (seen != null && !seen.add(this)) {
            return;
        }
        out.put(path, this);
        children.forEach((name, child) -> child.collectModules(join(path, name), out, seen));
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    // ---------------------------------------------------------------- modes and gradients

    /**
     * Sets training mode ({@code true}) or evaluation mode on this module and all descendants.
     *
     * @param mode true for training
     * @return this module
     */
    public Module train(boolean mode) {
        training = mode;
        children.values().forEach(c -> c.train(mode));
        return this;
    }

    /**
     * Training mode (dropout active, batch statistics used and tracked).
     *
     * @return this module
     */
    public final Module train() {
        return train(true);
    }

    /**
     * Evaluation mode (dropout is the identity, running statistics used).
     *
     * @return this module
     */
    public final Module eval() {
        return train(false);
    }

    /**
     * Whether this module is in training mode.
     *
     * @return true in training mode
     */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Sets whether every parameter of this module and its descendants requires grad, as PyTorch's
     * {@code requires_grad_}: {@code requiresGrad(false)} freezes the module (backward no longer
     * computes its gradients, so optimizers skip its parameters).
     *
     * @param requiresGrad whether the parameters are trained
     * @return this module
     */
    public final Module requiresGrad(boolean requiresGrad) {
        parameters().forEach(p -> p.requiresGrad(requiresGrad));
        return this;
    }

    /** Clears the gradient of every parameter (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    /**
     * The number of parameter elements, each (tied) parameter counted once, as
     * {@code sum(p.numel() for p in model.parameters())}.
     *
     * @return the parameter count
     */
    public final long parameterCount() {
        return parameters().stream().mapToLong(Tensor::numel).sum();
    }

    /**
     * The number of elements of the parameters that require grad (those not frozen).
     *
     * @return the trainable parameter count
     */
    public final long trainableParameterCount() {
        return parameters().stream().filter(Tensor::requiresGrad).mapToLong(Tensor::numel).sum();
    }

    // ---------------------------------------------------------------- state

    /**
     * A snapshot of every parameter and persistent buffer by dotted name, in PyTorch's order
     * (each module's parameters, then its buffers, then its children); a tied tensor appears under
     * each of its names, as in PyTorch. Unlike PyTorch, whose state dict shares storage with the
     * model, the entries are copies outside the graph, so a saved state stays as it was while
     * training goes on.
     *
     * @return the state by name
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (var ignored = GradMode.noGrad()) {
            stateTensors().forEach((name, t) -> out.put(name, t.detach().copy()));
        }
        return out;
    }

    /** The live tensors a state dict holds, by name (see {@link #stateDict()}). */
    private Map<String, Tensor> stateTensors() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectModules(false).forEach((path, m) -> {
            m.parameters.forEach((name, p) -> out.put(join(path, name), p));
            m.buffers.forEach((name, b) -> {
                if (b != null && !m.nonPersistentBuffers.contains(name)) {
                    out.put(join(path, name), b);
                }
            });
        });
        return out;
    }

    /**
     * Copies {@code state}'s values into the parameters and persistent buffers in place
     * (optimizers keep their references). Strict, as PyTorch's {@code strict=True} and also for
     * dtypes: the names must be exactly this module's state dict names and each entry must have
     * its tensor's shape and dtype. Everything is checked before anything is copied, so a failed
     * load leaves the model unchanged.
     *
     * @param state the state by name, e.g. from {@link #stateDict()} or a PyTorch state dict
     * @throws IllegalArgumentException naming the missing or unexpected keys, or the first entry
     *     whose shape or dtype does not match
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "state");
        Map<String, Tensor> own = stateTensors();
        TreeSet<String> missing = new TreeSet<>(own.keySet());
        missing.removeAll(state.keySet());
        TreeSet<String> unexpected = new TreeSet<>(state.keySet());
        unexpected.removeAll(own.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: missing keys " + excerpt(missing) + ", unexpected keys "
                    + excerpt(unexpected));
        }
        own.forEach((name, p) -> {
            Tensor v = state.get(name);
            if (v == null) {
                throw new IllegalArgumentException("loadStateDict: entry '" + name + "' is null");
            }
            if (!v.shape().equals(p.shape()) || v.dtype() != p.dtype()) {
                throw new IllegalArgumentException("loadStateDict: entry '" + name + "' has shape " + v.shape() + " and dtype "
                        + v.dtype() + " but the module's tensor has shape " + p.shape() + " and dtype " + p.dtype());
            }
        });
        try (var ignored = GradMode.noGrad()) {
            own.forEach((name, p) -> p.copyFrom(state.get(name)));
        }
    }

    /**
     * Keys for a message: at most the first {@value #EXCERPT_KEYS}, each cut to
     * {@value #EXCERPT_CHARS} characters, since a state dict may come from an untrusted file with a
     * million keys or a key of a million characters.
     */
    private static String excerpt(TreeSet<String> keys) {
        StringBuilder sb = new StringBuilder("[");
        int shown = 0;
        for (String k : keys) {
            if (shown == EXCERPT_KEYS) {
                sb.append(", ... (").append(keys.size() - shown).append(" more)");
                break;
            }
            sb.append(shown++ == 0 ? "" : ", ").append(k.length() <= EXCERPT_CHARS ? k
                    : k.substring(0, EXCERPT_CHARS) + "... (" + k.length() + " characters)");
        }
        return sb.append(']').toString();
    }

    private static final int EXCERPT_KEYS = 20;
    private static final int EXCERPT_CHARS = 64;

    // ---------------------------------------------------------------- summary and printing

    /**
     * The summary table for an input of zeros of the given shape, in the dtype of the first
     * parameter (float32 without parameters); see {@link #summary(Tensor)}.
     *
     * @param inputShape the input's shape, batch dimension included
     * @return the summary
     */
    public final ModuleSummary summary(int... inputShape) {
        Objects.requireNonNull(inputShape, "Module.summary: inputShape is null");
        List<Tensor> params = parameters();
        DType dtype = params.isEmpty() ? DType.FLOAT32 : params.get(0).dtype();
        return summary(Tensor.zeros(dtype, inputShape));
    }

    /**
     * Runs one forward pass of {@code exampleInput} and tabulates every module: its path and type,
     * the shape of its (first) output and the number of its own parameter elements. The pass runs
     * in evaluation mode without recording a graph, so it changes no running statistics; each
     * module's mode is restored afterwards. A module that its parent runs through
     * {@link #forward} rather than {@link #call} has no recorded output shape.
     *
     * @param exampleInput an input the model accepts
     * @return the summary
     */
    public final ModuleSummary summary(Tensor exampleInput) {
        Objects.requireNonNull(exampleInput, "exampleInput");
        Map<String, Module> named = namedModules();
        Map<Module, Tensor> outputs = new IdentityHashMap<>();
        Map<Module, Boolean> modes = new IdentityHashMap<>();
        List<RemovableHandle> handles = new ArrayList<>();
        for (Module m : named.values()) {
            modes.put(m, m.training);
            handles.add(m.registerForwardHook((module, in, out) -> {
                outputs.putIfAbsent(module, out);
                return null;
            }));
        }
        try (var ignored = GradMode.noGrad()) {
            eval();
            call(exampleInput);
        } finally {
            handles.forEach(RemovableHandle::remove);
            modes.forEach((m, mode) -> m.training = mode);
        }
        List<ModuleSummary.Row> rows = new ArrayList<>();
        Set<Tensor> counted = Collections.newSetFromMap(new IdentityHashMap<>());
        named.forEach((path, m) -> {
            long own = 0;
            for (Tensor p : m.parameters.values()) {
                if (counted.add(p)) {
                    own += p.numel();
                }
            }
            Tensor out = outputs.get(m);
            rows.add(new ModuleSummary.Row(path, m.getClass().getSimpleName(), out == null ? null : out.shape(), own));
        });
        return new ModuleSummary(rows, parameterCount(), trainableParameterCount());
    }

    /**
     * The constructor arguments shown by {@link #toString()}, e.g. {@code "in=4, out=2"}.
     *
     * @return the arguments, or an empty string
     */
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

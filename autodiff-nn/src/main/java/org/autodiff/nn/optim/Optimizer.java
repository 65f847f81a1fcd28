package org.autodiff.nn.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.autodiff.core.DType;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;

/**
 * The base of the optimizers, like PyTorch's {@code torch.optim.Optimizer} with a single
 * parameter group. {@link #step()} visits each parameter that has a gradient and hands it to the
 * subclass's {@link #update}, which reads like the algorithm box in PyTorch's documentation.
 * Updates happen in place inside {@link GradMode#noGrad()} ({@code addInPlace}, {@code mulInPlace},
 * {@code copyFrom}), so modules keep their parameter objects and a graph that saved a parameter
 * sees the version change.
 *
 * <p>Per-parameter state (moments, step counts) is a map of named tensors, with PyTorch's names
 * ({@code exp_avg}, {@code momentum_buffer}, ...); step counts are 0-d float64 tensors as in
 * PyTorch. {@link #stateDict()} flattens it to {@code "state.<param index>.<name>"} plus the
 * learning rate under {@code "lr"}, all tensors, ready for a safetensors file.
 */
public abstract class Optimizer {
    /** The largest step count accepted on load, so that counting on cannot overflow {@link #incrementStep}'s int. */
    private static final double MAX_STEP = Integer.MAX_VALUE - 1;

    private final String name;
    private final List<Tensor> params;
    private final Set<String> stateNames;
    private final List<Map<String, Tensor>> state = new ArrayList<>();
    private double lr;

    /**
     * @param name the optimizer's name for error messages
     * @param params the parameters to update: leaf tensors, each once
     * @param lr the learning rate
     * @param stateNames every state entry name this optimizer may keep (checked on load)
     */
    protected Optimizer(String name, Iterable<Tensor> params, double lr, Set<String> stateNames) {
        this.name = name;
        this.stateNames = Set.copyOf(stateNames);
        List<Tensor> list = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor p : Objects.requireNonNull(params, name + ": params")) {
            // As torch.optim: any leaf, also one that does not require grad now (a frozen parameter
            // has no gradient, so step() skips it until it is unfrozen).
            if (p == null || !p.isLeaf()) {
                throw new IllegalArgumentException(name + ": can only optimize leaf tensors; got "
                        + (p == null ? "null" : "one of shape " + p.shape() + " computed by " + p.gradFnName()));
            }
            if (seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(name + ": a parameter of shape " + p.shape() + " appears twice");
            }
            list.add(p);
            state.add(new LinkedHashMap<>());
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty parameter list");
        }
        this.params = Collections.unmodifiableList(list);
        setLr(lr);
    }

    /**
     * Updates every parameter that has a gradient (those without one are skipped, as in PyTorch),
     * without recording a graph.
     */
    public final void step() {
        checkHyperparameters();
        try (var ignored = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.grad() != null) {
                    update(p, p.grad().detach(), state.get(i));
                }
            }
        }
    }

    /**
     * One update of {@code param} given its gradient, reading and updating its {@code state}
     * (empty on the first call; entries must be named as declared to the constructor).
     */
    protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> state);

    /** Throws if a combination of hyperparameters is invalid (checked at each step, as setters may come in any order). */
    protected void checkHyperparameters() {
    }

    /** Clears the gradient of every parameter (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }

    /** The optimizer's name, e.g. {@code "Adam"} or {@code "AdamW"}; checkpoints record it to refuse another kind's state. */
    public final String name() {
        return name;
    }

    /** The parameters, in the order given. */
    public final List<Tensor> params() {
        return params;
    }

    /** The learning rate. */
    public final double lr() {
        return lr;
    }

    /** Sets the learning rate (schedulers call this). */
    public final void setLr(double lr) {
        requireNonNegative("lr", lr);
        this.lr = lr;
    }

    // ---------------------------------------------------------------- state

    /** Adds 1 to the 0-d float64 {@code step} entry of {@code state} (created at 0) and returns the new count. */
    protected static int incrementStep(Map<String, Tensor> state) {
        Tensor step = state.computeIfAbsent("step", k -> Tensor.scalar(0.0, DType.FLOAT64));
        step.addInPlace(Tensor.scalar(1.0), 1);
        return (int) step.item();
    }

    /**
     * The state as named tensors (copies): {@code "lr"} (0-d float64) and
     * {@code "state.<i>.<name>"} for parameter i's entries.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("lr", Tensor.scalar(lr, DType.FLOAT64));
        for (int i = 0; i < state.size(); i++) {
            for (Map.Entry<String, Tensor> e : state.get(i).entrySet()) {
                out.put("state." + i + "." + e.getKey(), e.getValue().copy());
            }
        }
        return out;
    }

    /**
     * Replaces the state with {@code saved} (as written by {@link #stateDict()} of an optimizer of
     * the same kind over parameters of the same shapes). Everything is checked first (see
     * {@link #checkStateDict}), so a failed load changes nothing.
     *
     * @throws IllegalArgumentException naming the first entry that does not fit
     */
    public final void loadStateDict(Map<String, Tensor> saved) {
        List<Map<String, Tensor>> loaded = parseStateDict(saved);
        setLr(saved.get("lr").item());
        for (int i = 0; i < state.size(); i++) {
            state.get(i).clear();
            state.get(i).putAll(loaded.get(i));
        }
    }

    /**
     * Throws exactly what {@link #loadStateDict} would throw for {@code saved}, changing nothing:
     * the key format, parameter index, entry name, shape and dtype, a finite non-negative
     * {@code lr} and step counts that are whole numbers from 1 up. Lets a caller that loads
     * several things together (a model and its optimizer) check them all before changing any.
     *
     * @throws IllegalArgumentException naming the first entry that does not fit
     */
    public final void checkStateDict(Map<String, Tensor> saved) {
        parseStateDict(saved);
    }

    /** Checks {@code saved} and returns the per-parameter state it describes (fresh tensors). */
    private List<Map<String, Tensor>> parseStateDict(Map<String, Tensor> saved) {
        Objects.requireNonNull(saved, "saved");
        Tensor savedLr = saved.get("lr");
        if (savedLr == null || savedLr.numel() != 1) {
            throw new IllegalArgumentException(name + ".loadStateDict: needs a one-element 'lr' entry");
        }
        double lrValue = savedLr.item();
        if (!(lrValue >= 0) || !Double.isFinite(lrValue)) {
            throw new IllegalArgumentException(name + ".loadStateDict: 'lr' must be a finite non-negative number, got "
                    + lrValue);
        }
        List<Map<String, Tensor>> loaded = new ArrayList<>();
        params.forEach(p -> loaded.add(new LinkedHashMap<>()));
        for (Map.Entry<String, Tensor> e : saved.entrySet()) {
            String key = e.getKey();
            if (key.equals("lr")) {
                continue;
            }
            String[] parts = key.split("\\.", 3);
            int index = parts.length == 3 && parts[0].equals("state") && parts[1].matches("\\d{1,9}")
                    ? Integer.parseInt(parts[1]) : -1;
            if (index < 0 || index >= params.size() || !stateNames.contains(parts[2])) {
                throw new IllegalArgumentException(name + ".loadStateDict: unexpected key '" + key + "' (expected 'lr' or "
                        + "'state.<i>.<name>' with i < " + params.size() + " and name in " + stateNames + ")");
            }
            Tensor p = params.get(index);
            Tensor v = Objects.requireNonNull(e.getValue(), key);
            boolean isStep = parts[2].equals("step");
            boolean ok = isStep ? v.numel() == 1 : v.shape().equals(p.shape()) && v.dtype() == p.dtype();
            if (!ok) {
                throw new IllegalArgumentException(name + ".loadStateDict: entry '" + key + "' has shape " + v.shape()
                        + " and dtype " + v.dtype() + " but parameter " + index + " has shape " + p.shape() + " and dtype "
                        + p.dtype() + (isStep ? " (a step count must have one element)" : ""));
            }
            if (isStep) {
                // A step count is only stored once a step was taken; Adam divides by 1 − βᵗ, so t = 0 or less
                // (or a fraction) would divide by zero or worse on the next step.
                double step = v.item();
                if (!(step >= 1 && step <= MAX_STEP && step == Math.rint(step))) {
                    throw new IllegalArgumentException(name + ".loadStateDict: entry '" + key
                            + "' must be a whole number of steps from 1 to " + (long) MAX_STEP + ", got " + step);
                }
                loaded.get(index).put("step", Tensor.scalar(step, DType.FLOAT64));
            } else {
                loaded.get(index).put(parts[2], v.detach().copy());
            }
        }
        return loaded;
    }

    // ---------------------------------------------------------------- argument checks

    /** Throws unless {@code value ≥ 0}. */
    protected final void requireNonNegative(String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + ": " + what + " must be non-negative, got " + value);
        }
    }

    /** Throws unless {@code 0 ≤ value < 1}. */
    protected final void requireInUnitInterval(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + ": " + what + " must be in [0, 1), got " + value);
        }
    }
}

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
 * The base of the optimizers, like PyTorch's {@code torch.optim.Optimizer}: parameters in one or
 * more {@link ParamGroup parameter groups}, each with its own hyperparameters (learning rate,
 * weight decay, momentum, ...), the rest taken from the optimizer's defaults. {@link #step()}
 * visits each parameter that has a gradient and hands it, with its group, to the subclass's
 * {@link #update}, which reads like the algorithm box in PyTorch's documentation. Updates happen
 * in place inside {@link GradMode#noGrad()} ({@code addInPlace}, {@code mulInPlace},
 * {@code copyFrom}), so modules keep their parameter objects and a graph that saved a parameter
 * sees the version change.
 *
 * <p>The defaults are the constructor's learning rate and what the subclass's setters
 * ({@code momentum(0.9)}, {@code weightDecay(1e-4)}) set; a group follows them for every
 * hyperparameter it does not set itself.
 *
 * <p>Per-parameter state (moments, step counts) is a map of named tensors, with PyTorch's names
 * ({@code exp_avg}, {@code momentum_buffer}, ...); step counts are 0-d float64 tensors as in
 * PyTorch. {@link #stateDict()} flattens everything to tensors, ready for a safetensors file,
 * numbering the parameters across groups in order as PyTorch does:
 * <ul>
 *   <li>{@code "param_groups.<g>.<name>"}: group g's value of each hyperparameter (0-d float64;
 *       flags are 1 or 0), e.g. {@code "param_groups.0.lr"};
 *   <li>{@code "param_groups.<g>.params"}: the indices of group g's parameters (1-d int64);
 *   <li>{@code "state.<i>.<name>"}: parameter i's state entries.
 * </ul>
 * This replaced the single-group format of earlier versions, whose one {@code "lr"} entry stood
 * for the only group; {@link #loadStateDict} still reads that format (setting every group's
 * learning rate to it).
 */
public abstract class Optimizer {
    /** The largest step count accepted on load, so that counting on cannot overflow {@link #incrementStep}'s int. */
    private static final double MAX_STEP = Integer.MAX_VALUE - 1;
    private static final String GROUPS = "param_groups.";

    private final String name;
    private final Set<String> stateNames;
    private final Map<String, Double> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    /** Every parameter across the groups, in order (PyTorch's numbering), and its state. */
    private final List<Tensor> params = new ArrayList<>();
    private final List<Map<String, Tensor>> state = new ArrayList<>();
    private final Map<Tensor, Boolean> seen = new IdentityHashMap<>();

    /**
     * An optimizer of one group holding {@code params}.
     *
     * @param name the optimizer's name for error messages
     * @param params the parameters to update: leaf tensors, each once
     * @param defaults every hyperparameter by PyTorch name with its default, {@code "lr"} included
     * @param stateNames every state entry name this optimizer may keep (checked on load)
     */
    protected Optimizer(String name, Iterable<Tensor> params, Map<String, Double> defaults, Set<String> stateNames) {
        this(name, List.of(ParamGroup.of(Objects.requireNonNull(params, name + ": params"))), defaults, stateNames);
    }

    /**
     * An optimizer of the given groups.
     *
     * @param name the optimizer's name for error messages
     * @param groups the parameter groups, at least one; no parameter in two of them
     * @param defaults every hyperparameter by PyTorch name with its default, {@code "lr"} included
     * @param stateNames every state entry name this optimizer may keep (checked on load)
     */
    protected Optimizer(String name, List<ParamGroup> groups, Map<String, Double> defaults, Set<String> stateNames) {
        this.name = name;
        this.stateNames = Set.copyOf(stateNames);
        this.defaults = new LinkedHashMap<>(defaults);
        if (!this.defaults.containsKey("lr")) {
            throw new IllegalArgumentException(name + ": the defaults need an 'lr'");
        }
        setDefault("lr", this.defaults.get("lr"));
        Objects.requireNonNull(groups, name + ": groups");
        if (groups.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty list of parameter groups");
        }
        groups.forEach(this::addParamGroup);
    }

    /**
     * Adds a group of parameters, as PyTorch's {@code add_param_group}: e.g. layers unfrozen
     * during fine-tuning. Hyperparameters the group does not set follow this optimizer's defaults.
     *
     * @param group the group; its parameters must be leaves, not yet in any group of this optimizer
     * @throws IllegalArgumentException if a parameter is not a leaf or already optimized here, the
     *     group is empty, or it sets a hyperparameter this optimizer does not have
     */
    public final void addParamGroup(ParamGroup group) {
        Objects.requireNonNull(group, name + ": group");
        if (group.params().isEmpty()) {
            throw new IllegalArgumentException(name + ": parameter group " + groups.size() + " is empty");
        }
        Map<Tensor, Boolean> inGroup = new IdentityHashMap<>();
        for (Tensor p : group.params()) {
            // As torch.optim: any leaf, also one that does not require grad now (a frozen parameter
            // has no gradient, so step() skips it until it is unfrozen).
            if (p == null || !p.isLeaf()) {
                throw new IllegalArgumentException(name + ": can only optimize leaf tensors; got "
                        + (p == null ? "null" : "one of shape " + p.shape() + " computed by " + p.gradFnName()));
            }
            if (inGroup.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(name + ": a parameter of shape " + p.shape() + " appears twice");
            }
            if (seen.containsKey(p)) {
                throw new IllegalArgumentException(name + ": a parameter of shape " + p.shape()
                        + " appears in more than one parameter group");
            }
        }
        group.attach(this);
        checkGroup(group);
        groups.add(group);
        for (Tensor p : group.params()) {
            seen.put(p, Boolean.TRUE);
            params.add(p);
            state.add(new LinkedHashMap<>());
        }
    }

    /**
     * Updates every parameter that has a gradient (those without one are skipped, as in PyTorch),
     * each with its group's hyperparameters, without recording a graph.
     */
    public final void step() {
        groups.forEach(this::checkGroup);
        try (var ignored = GradMode.noGrad()) {
            int i = 0;
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    if (p.grad() != null) {
                        update(p, p.grad().detach(), state.get(i), group);
                    }
                    i++;
                }
            }
        }
    }

    /**
     * One update of {@code param} given its gradient, reading and updating its {@code state}
     * (empty on the first call; entries must be named as declared to the constructor).
     *
     * @param param the parameter
     * @param grad its gradient
     * @param state its state
     * @param group its group, whose hyperparameters apply
     */
    protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> state, ParamGroup group);

    /** Throws if a group's hyperparameters are invalid (checked at each step, as they may be set in any order). */
    private void checkGroup(ParamGroup group) {
        if (!(group.lr() >= 0)) {
            throw new IllegalArgumentException(name + ": lr must be non-negative, got " + group.lr() + " in parameter group "
                    + groups.indexOf(group));
        }
        checkHyperparameters(group);
    }

    /**
     * Throws if a combination of a group's hyperparameters is invalid (checked when the group is
     * added and at each step).
     *
     * @param group the group
     */
    protected void checkHyperparameters(ParamGroup group) {
    }

    /** Clears the gradient of every parameter (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public final void zeroGrad() {
        params.forEach(Tensor::zeroGrad);
    }

    /**
     * The optimizer's name, e.g. {@code "Adam"} or {@code "AdamW"}; checkpoints record it to refuse another kind's state.
     *
     * @return the name
     */
    public final String name() {
        return name;
    }

    /**
     * Every parameter, group by group in the order given.
     *
     * @return the parameters (unmodifiable)
     */
    public final List<Tensor> params() {
        return Collections.unmodifiableList(params);
    }

    /**
     * The parameter groups, as PyTorch's {@code param_groups}.
     *
     * @return the groups (unmodifiable; each group is live, so setting a value on it takes effect)
     */
    public final List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /**
     * The learning rate of the first group (of the only group, for an optimizer made from a list
     * of parameters).
     *
     * @return the learning rate
     */
    public final double lr() {
        return groups.get(0).lr();
    }

    /**
     * Sets the learning rate of every group and the default.
     *
     * @param lr the learning rate, non-negative
     */
    public final void setLr(double lr) {
        setDefault("lr", lr);
        groups.forEach(g -> g.setLr(lr));
    }

    // ---------------------------------------------------------------- defaults

    /**
     * Whether this optimizer has a hyperparameter of that name (e.g. OneCycleLR cycles
     * {@code "momentum"} or else {@code "beta1"}).
     *
     * @param hyperparameter the PyTorch name
     * @return whether it is one of the defaults
     */
    public final boolean hasHyperparameter(String hyperparameter) {
        return defaults.containsKey(hyperparameter);
    }

    /**
     * Sets a default, which every group that does not set the value itself follows (the
     * subclasses' setters call this).
     *
     * @param hyperparameter the PyTorch name
     * @param value the value
     */
    protected final void setDefault(String hyperparameter, double value) {
        checkHyperparameterName(hyperparameter);
        if (hyperparameter.equals("lr") && !(value >= 0)) {
            throw new IllegalArgumentException(name + ": lr must be non-negative, got " + value);
        }
        defaults.put(hyperparameter, value);
    }

    /**
     * Sets a flag's default (stored as 1 or 0).
     *
     * @param hyperparameter the PyTorch name
     * @param value the value
     */
    protected final void setDefault(String hyperparameter, boolean value) {
        setDefault(hyperparameter, value ? 1.0 : 0.0);
    }

    /** The default of a hyperparameter, for {@link ParamGroup#get}. */
    final double defaultValue(String hyperparameter) {
        checkHyperparameterName(hyperparameter);
        return defaults.get(hyperparameter);
    }

    /** The hyperparameters' names in declaration order. */
    final Set<String> defaultNames() {
        return Collections.unmodifiableSet(defaults.keySet());
    }

    /** Throws unless this optimizer has a hyperparameter of that name. */
    final void checkHyperparameterName(String hyperparameter) {
        if (!defaults.containsKey(hyperparameter)) {
            throw new IllegalArgumentException(name + " has no hyperparameter '" + hyperparameter + "' (it has "
                    + defaults.keySet() + ")");
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * Adds 1 to the 0-d float64 {@code step} entry of {@code state} (created at 0) and returns the new count.
     *
     * @param state a parameter's state
     * @return the new step count
     */
    protected static int incrementStep(Map<String, Tensor> state) {
        Tensor step = state.computeIfAbsent("step", k -> Tensor.scalar(0.0, DType.FLOAT64));
        step.addInPlace(Tensor.scalar(1.0), 1);
        return (int) step.item();
    }

    /**
     * The state as named tensors (copies), in the format described on this class: every group's
     * hyperparameters and parameter indices, then every parameter's state.
     *
     * @return the state by name
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int index = 0;
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            for (Map.Entry<String, Double> e : group.hyperparameters().entrySet()) {
                out.put(GROUPS + g + "." + e.getKey(), Tensor.scalar(e.getValue(), DType.FLOAT64));
            }
            long[] indices = new long[group.params().size()];
            for (int k = 0; k < indices.length; k++) {
                indices[k] = index++;
            }
            out.put(GROUPS + g + ".params", Tensor.of(indices, indices.length));
        }
        for (int i = 0; i < state.size(); i++) {
            for (Map.Entry<String, Tensor> e : state.get(i).entrySet()) {
                out.put("state." + i + "." + e.getKey(), e.getValue().copy());
            }
        }
        return out;
    }

    /**
     * Replaces the state and every group's hyperparameters with {@code saved} (as written by
     * {@link #stateDict()} of an optimizer of the same kind with groups of the same sizes over
     * parameters of the same shapes), as PyTorch's {@code load_state_dict}. The earlier
     * single-group format (an {@code "lr"} entry and no groups) sets every group's learning rate.
     * Everything is checked first (see {@link #checkStateDict}), so a failed load changes nothing.
     *
     * @param saved the state by name
     * @throws IllegalArgumentException naming the first entry that does not fit
     */
    public final void loadStateDict(Map<String, Tensor> saved) {
        Loaded loaded = parseStateDict(saved);
        for (int g = 0; g < groups.size(); g++) {
            ParamGroup group = groups.get(g);
            loaded.hyperparameters().get(g).forEach(group::set);
        }
        for (int i = 0; i < state.size(); i++) {
            state.get(i).clear();
            state.get(i).putAll(loaded.state().get(i));
        }
    }

    /**
     * Throws exactly what {@link #loadStateDict} would throw for {@code saved}, changing nothing:
     * the key format, group and parameter indices, entry names, shapes and dtypes, a finite
     * non-negative learning rate and step counts that are whole numbers from 1 up. Lets a caller
     * that loads several things together (a model and its optimizer) check them all before
     * changing any.
     *
     * @param saved the state by name
     * @throws IllegalArgumentException naming the first entry that does not fit
     */
    public final void checkStateDict(Map<String, Tensor> saved) {
        parseStateDict(saved);
    }

    /** What a state dict holds: each group's hyperparameters and each parameter's state. */
    private record Loaded(List<Map<String, Double>> hyperparameters, List<Map<String, Tensor>> state) {
    }

    /** Checks {@code saved} and returns what it describes (fresh tensors). */
    private Loaded parseStateDict(Map<String, Tensor> saved) {
        Objects.requireNonNull(saved, "saved");
        List<Map<String, Double>> hyper = new ArrayList<>();
        groups.forEach(g -> hyper.add(new LinkedHashMap<>()));
        boolean legacy = saved.containsKey("lr");
        if (legacy) {
            double lrValue = learningRate(saved.get("lr"), "lr");
            hyper.forEach(h -> h.put("lr", lrValue));
        }
        if (!legacy) {
            long savedGroups = saved.keySet().stream().filter(k -> k.startsWith(GROUPS) && k.endsWith(".params")).count();
            if (savedGroups != groups.size()) {
                throw new IllegalArgumentException(name + ".loadStateDict: the state has " + savedGroups
                        + " parameter group(s) ('param_groups.<g>.params' entries) but this optimizer has " + groups.size());
            }
        }
        List<Map<String, Tensor>> loaded = new ArrayList<>();
        params.forEach(p -> loaded.add(new LinkedHashMap<>()));
        for (Map.Entry<String, Tensor> e : saved.entrySet()) {
            String key = e.getKey();
            if (key.equals("lr")) {
                continue;
            }
            Tensor v = Objects.requireNonNull(e.getValue(), key);
            if (key.startsWith(GROUPS) && !legacy) {
                parseGroupEntry(key, v, hyper);
                continue;
            }
            String[] parts = key.split("\\.", 3);
            int index = parts.length == 3 && parts[0].equals("state") && parts[1].matches("\\d{1,9}")
                    ? Integer.parseInt(parts[1]) : -1;
            if (index < 0 || index >= params.size() || !stateNames.contains(parts[2])) {
                throw new IllegalArgumentException(name + ".loadStateDict: unexpected key '" + key + "' (expected "
                        + "'param_groups.<g>.<name>' with g < " + groups.size() + ", or 'state.<i>.<name>' with i < "
                        + params.size() + " and name in " + stateNames + ")");
            }
            Tensor p = params.get(index);
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
        for (int g = 0; g < groups.size(); g++) {
            if (!hyper.get(g).containsKey("lr")) {
                throw new IllegalArgumentException(name + ".loadStateDict: needs '" + GROUPS + g + ".lr' (or, in the "
                        + "single-group format, 'lr'); the optimizer has " + groups.size() + " parameter group(s)");
            }
        }
        return new Loaded(hyper, loaded);
    }

    /** One {@code param_groups.<g>.<name>} entry into {@code hyper}, checked. */
    private void parseGroupEntry(String key, Tensor v, List<Map<String, Double>> hyper) {
        String[] parts = key.substring(GROUPS.length()).split("\\.", 2);
        int g = parts.length == 2 && parts[0].matches("\\d{1,9}") ? Integer.parseInt(parts[0]) : -1;
        if (g < 0 || g >= groups.size() || !(parts[1].equals("params") || defaults.containsKey(parts[1]))) {
            throw new IllegalArgumentException(name + ".loadStateDict: unexpected key '" + key + "' (the optimizer has "
                    + groups.size() + " parameter group(s) with hyperparameters " + defaults.keySet() + ")");
        }
        if (parts[1].equals("params")) {
            int first = 0;
            for (int k = 0; k < g; k++) {
                first += groups.get(k).params().size();
            }
            long[] expected = new long[groups.get(g).params().size()];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = first + k;
            }
            long[] got = v.dtype() == DType.INT64 || v.dtype() == DType.FLOAT64 || v.dtype() == DType.FLOAT32
                    ? java.util.Arrays.stream(v.toDoubleArray()).mapToLong(d -> (long) d).toArray() : null;
            if (got == null || v.dim() != 1 || !java.util.Arrays.equals(expected, got)) {
                throw new IllegalArgumentException(name + ".loadStateDict: entry '" + key + "' holds parameters "
                        + (got == null ? "of dtype " + v.dtype() : java.util.Arrays.toString(got)) + " but group " + g
                        + " of this optimizer holds " + java.util.Arrays.toString(expected));
            }
            return;
        }
        if (v.numel() != 1) {
            throw new IllegalArgumentException(name + ".loadStateDict: entry '" + key + "' must hold one number, got shape "
                    + v.shape());
        }
        double value = parts[1].equals("lr") ? learningRate(v, key) : v.item();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ".loadStateDict: entry '" + key + "' must be finite, got " + value);
        }
        hyper.get(g).put(parts[1], value);
    }

    private double learningRate(Tensor v, String key) {
        if (v == null || v.numel() != 1) {
            throw new IllegalArgumentException(name + ".loadStateDict: needs a one-element '" + key + "' entry");
        }
        double lrValue = v.item();
        if (!(lrValue >= 0) || !Double.isFinite(lrValue)) {
            throw new IllegalArgumentException(name + ".loadStateDict: '" + key + "' must be a finite non-negative number, got "
                    + lrValue);
        }
        return lrValue;
    }

    /**
     * Defaults in the given order, for subclasses' constructors.
     *
     * @param namesAndValues alternately a PyTorch name and its default (a Double, or a Boolean stored as 1 or 0)
     * @return the defaults by name, in order
     */
    protected static Map<String, Double> defaults(Object... namesAndValues) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            out.put((String) namesAndValues[i], v instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) v).doubleValue());
        }
        return out;
    }

    // ---------------------------------------------------------------- argument checks

    /**
     * Throws unless {@code value ≥ 0}.
     *
     * @param what the hyperparameter's name, for the message
     * @param value the value to check
     * @throws IllegalArgumentException if {@code value} is negative or NaN
     */
    protected final void requireNonNegative(String what, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + ": " + what + " must be non-negative, got " + value);
        }
    }

    /**
     * Throws unless {@code 0 ≤ value < 1}.
     *
     * @param what the hyperparameter's name, for the message
     * @param value the value to check
     * @throws IllegalArgumentException if {@code value} is outside [0, 1) or NaN
     */
    protected final void requireInUnitInterval(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + ": " + what + " must be in [0, 1), got " + value);
        }
    }
}

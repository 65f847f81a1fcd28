package org.autodiff.nn.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * A group of parameters with its own hyperparameters, as an entry of PyTorch's
 * {@code optimizer.param_groups}: for example no weight decay on biases and norms, or a smaller
 * learning rate for a pretrained body.
 *
 * <pre>{@code
 * var decay = ParamGroup.of(weights);
 * var noDecay = ParamGroup.of(biasesAndNorms).set("weight_decay", 0);
 * AdamW opt = new AdamW(List.of(decay, noDecay), 1e-3);      // both lr 1e-3, decay 1e-2 and 0
 * opt.addParamGroup(ParamGroup.of(head).set("lr", 1e-2));   // later, as add_param_group
 * }</pre>
 *
 * <p>Hyperparameters carry PyTorch's names ({@code "lr"}, {@code "momentum"},
 * {@code "weight_decay"}, ...; Adam's {@code betas} are {@code "beta1"} and {@code "beta2"});
 * flags such as {@code "nesterov"} are 1 or 0. A value the group does not set is the
 * optimizer's default, i.e. what its constructor and setters ({@code momentum(0.9)}) say; a value
 * the group sets (itself, or through a scheduler) is the group's own from then on.
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Double> own = new LinkedHashMap<>();
    private Optimizer optimizer;
    private Double initialLr;

    private ParamGroup(List<Tensor> params) {
        this.params = params;
    }

    /**
     * A group of the given parameters, taking every hyperparameter from its optimizer's defaults
     * until {@link #set} says otherwise.
     *
     * @param params the parameters: leaf tensors, each once (checked when the group joins an optimizer)
     * @return the group
     */
    public static ParamGroup of(Iterable<Tensor> params) {
        List<Tensor> list = new ArrayList<>();
        Objects.requireNonNull(params, "params").forEach(list::add);
        return new ParamGroup(Collections.unmodifiableList(list));
    }

    /**
     * Sets this group's own value of a hyperparameter.
     *
     * @param name the hyperparameter's PyTorch name, e.g. {@code "lr"} or {@code "weight_decay"}
     * @param value its value
     * @return this group
     * @throws IllegalArgumentException if the group's optimizer has no such hyperparameter, or the
     *     value is not a finite number
     */
    public ParamGroup set(String name, double value) {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("ParamGroup: hyperparameter '" + name + "' must be finite, got " + value);
        }
        if (optimizer != null) {
            optimizer.checkHyperparameterName(name);
        }
        own.put(name, value);
        return this;
    }

    /**
     * Sets this group's own value of a flag, stored as 1 or 0.
     *
     * @param name the flag's PyTorch name, e.g. {@code "nesterov"} or {@code "amsgrad"}
     * @param value its value
     * @return this group
     */
    public ParamGroup set(String name, boolean value) {
        return set(name, value ? 1.0 : 0.0);
    }

    /**
     * The value of a hyperparameter: the group's own, else its optimizer's default.
     *
     * @param name the hyperparameter's PyTorch name
     * @return its value
     * @throws IllegalStateException if the group belongs to no optimizer and has no value of its own
     */
    public double get(String name) {
        Double v = own.get(name);
        if (v != null) {
            return v;
        }
        if (optimizer == null) {
            throw new IllegalStateException("ParamGroup: '" + name + "' is not set and the group belongs to no optimizer yet");
        }
        return optimizer.defaultValue(name);
    }

    /**
     * A flag's value (a hyperparameter that is 1 or 0).
     *
     * @param name the flag's PyTorch name
     * @return whether it is set (non-zero)
     */
    public boolean flag(String name) {
        return get(name) != 0;
    }

    /**
     * The learning rate.
     *
     * @return {@code get("lr")}
     */
    public double lr() {
        return get("lr");
    }

    /**
     * Sets this group's learning rate (schedulers call this).
     *
     * @param lr the learning rate, non-negative
     * @return this group
     */
    public ParamGroup setLr(double lr) {
        if (!(lr >= 0)) {
            throw new IllegalArgumentException("ParamGroup: lr must be non-negative, got " + lr);
        }
        return set("lr", lr);
    }

    /**
     * The parameters of this group, in the order given.
     *
     * @return the parameters (unmodifiable)
     */
    public List<Tensor> params() {
        return params;
    }

    /**
     * Every hyperparameter of this group with its value, in the optimizer's order (its own
     * values first if it belongs to no optimizer yet).
     *
     * @return the values by name
     */
    public Map<String, Double> hyperparameters() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (optimizer != null) {
            optimizer.defaultNames().forEach(n -> out.put(n, get(n)));
        } else {
            out.putAll(own);
        }
        return out;
    }

    /**
     * The learning rate a scheduler started from, as PyTorch's {@code group['initial_lr']}: set by
     * the first scheduler made for the optimizer, so that schedulers made after it (as inside
     * {@code SequentialLR}) start from the same rate.
     *
     * @return the initial learning rate, or null if no scheduler has set one
     */
    public Double initialLr() {
        return initialLr;
    }

    /**
     * Sets the initial learning rate (schedulers call this).
     *
     * @param initialLr the rate, non-negative
     */
    public void setInitialLr(double initialLr) {
        if (!(initialLr >= 0)) {
            throw new IllegalArgumentException("ParamGroup: initial lr must be non-negative, got " + initialLr);
        }
        this.initialLr = initialLr;
    }

    /** Joins {@code owner}; its names are checked first. */
    void attach(Optimizer owner) {
        if (optimizer != null && optimizer != owner) {
            throw new IllegalArgumentException(owner.name() + ": this parameter group already belongs to another optimizer ("
                    + optimizer.name() + ")");
        }
        own.keySet().forEach(owner::checkHyperparameterName);
        optimizer = owner;
    }

    /** Whether the group set {@code name} itself. */
    boolean ownsValue(String name) {
        return own.containsKey(name);
    }
}

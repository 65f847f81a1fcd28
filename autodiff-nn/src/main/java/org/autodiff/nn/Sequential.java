package org.autodiff.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * Modules applied one after another, like PyTorch's {@code nn.Sequential}. The children are
 * named {@code "0"}, {@code "1"}, ..., so parameter names read {@code "0.weight"}, as in PyTorch.
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /**
     * The given modules in order.
     *
     * @param modules the modules, applied in this order
     */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "Sequential: modules is null");
        for (Module m : modules) {
            append(m);
        }
    }

    /**
     * Adds {@code module} at the end.
     *
     * @param module the module to apply after the others
     * @return this sequence
     */
    public Sequential append(Module module) {
        layers.add(registerModule(Integer.toString(layers.size()), module));
        return this;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : layers) {
            x = m.call(x);
        }
        return x;
    }

    /**
     * The module at {@code index}.
     *
     * @param index the module's position, from 0
     * @return the module
     */
    public Module get(int index) {
        return layers.get(index);
    }

    /**
     * The number of modules.
     *
     * @return the number of modules
     */
    public int size() {
        return layers.size();
    }
}

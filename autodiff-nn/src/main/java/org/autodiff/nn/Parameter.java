package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * A trainable tensor of a {@link Module}, like PyTorch's {@code nn.Parameter}.
 *
 * <p>Why this is not a subclass of {@link Tensor}: {@code Tensor} is final, so a parameter here
 * is a role rather than a type. A parameter is a <em>leaf</em> tensor with
 * {@code requiresGrad() == true}, registered by name in its module. Everything that works on a
 * tensor works on a parameter unchanged, backward accumulates into its {@code grad()}, and
 * optimizers update it in place (inside {@code GradMode.noGrad()}), so the very same object stays
 * referenced by the module, the optimizer and any graph that saved it. This class only makes such
 * tensors and recognises them.
 */
public final class Parameter {
    private Parameter() {
    }

    /**
     * A parameter holding {@code data}'s values: a leaf outside any graph that requires grad. Shares
     * storage with {@code data}, as {@code nn.Parameter(data)} does.
     *
     * @param data the initial values
     * @return the parameter, a new tensor on {@code data}'s storage
     */
    public static Tensor of(Tensor data) {
        Objects.requireNonNull(data, "data");
        return data.detach().requiresGrad(true);
    }

    /**
     * Whether {@code t} can serve as a parameter: a leaf that requires grad.
     *
     * @param t the tensor to test, or null
     * @return true for a leaf that requires grad
     */
    public static boolean isParameter(Tensor t) {
        return t != null && t.isLeaf() && t.requiresGrad();
    }
}

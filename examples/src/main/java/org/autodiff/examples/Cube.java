package org.autodiff.examples;

import org.autodiff.core.Primitive;
import org.autodiff.core.Tensor;

/**
 * A custom op, y = x³, stating its value and both derivative rules in one class, as
 * {@code torch.autograd.Function} does: x̄ = ȳ·3x² (reverse), ẏ = 3x²·ẋ (forward). The rules are
 * written with differentiable tensor ops, so second derivatives work too.
 */
public final class Cube extends Primitive {
    @Override
    protected Tensor forward(Tensor[] x) {
        return x[0].mul(x[0]).mul(x[0]);
    }

    @Override
    protected Tensor[] vjp(Tensor g) {
        return new Tensor[] {g.mul(input(0).square()).mul(3)};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].mul(input(0).square()).mul(3);
    }
}

package org.autodiff.nn.optim.lr;

import java.util.List;
import java.util.Objects;
import java.util.function.IntToDoubleFunction;
import org.autodiff.nn.optim.Optimizer;

/**
 * Sets each group's rate to its base rate times a function of the epoch, as PyTorch's
 * {@code LambdaLR}: lr = base·λ(epoch), one λ for every group or one per group.
 */
public final class LambdaLR extends LRScheduler {
    private final List<IntToDoubleFunction> lambdas;

    /**
     * One factor function for every group.
     *
     * @param optimizer the optimizer
     * @param lambda the factor by epoch, e.g. {@code e -> Math.pow(0.95, e)}
     */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction lambda) {
        this(optimizer, java.util.Collections.nCopies(Objects.requireNonNull(optimizer, "optimizer").paramGroups().size(),
                Objects.requireNonNull(lambda, "lambda")));
    }

    /**
     * One factor function per group.
     *
     * @param optimizer the optimizer
     * @param lambdas the factor by epoch of each group, in group order
     */
    public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lambdas) {
        super(optimizer);
        Objects.requireNonNull(lambdas, "lambdas");
        if (lambdas.size() != groupCount()) {
            throw new IllegalArgumentException("LambdaLR: expected " + groupCount() + " lambdas (one per parameter group), got "
                    + lambdas.size());
        }
        lambdas.forEach(l -> Objects.requireNonNull(l, "LambdaLR: lambda"));
        this.lambdas = List.copyOf(lambdas);
        initialStep();
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        return baseLr(group) * lambdas.get(group).applyAsDouble(epoch);
    }
}

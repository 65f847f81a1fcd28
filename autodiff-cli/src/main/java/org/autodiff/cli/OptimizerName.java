package org.autodiff.cli;

import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.nn.optim.Adagrad;
import org.autodiff.nn.optim.Adam;
import org.autodiff.nn.optim.AdamW;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.RMSprop;
import org.autodiff.nn.optim.SGD;

/** The optimizers the command line offers, each with a learning rate that suits it by default. */
enum OptimizerName {
    sgd(0.1), momentum(0.05), nesterov(0.05), adagrad(0.05), rmsprop(0.001), adam(0.002), adamw(0.002);

    final double defaultLr;

    OptimizerName(double defaultLr) {
        this.defaultLr = defaultLr;
    }

    /**
     * The optimizer over {@code params} with learning rate {@code lr} and weight decay
     * {@code weightDecay}, or with the optimizer's own default weight decay when it is null
     * (as in PyTorch: 0.01 for AdamW, 0 for the others). An explicit 0 means none, for AdamW too.
     */
    Optimizer create(List<Tensor> params, double lr, Double weightDecay) {
        double decay = weightDecay != null ? weightDecay : 0;
        return switch (this) {
            case sgd -> new SGD(params, lr).weightDecay(decay);
            case momentum -> new SGD(params, lr).momentum(0.9).weightDecay(decay);
            case nesterov -> new SGD(params, lr).momentum(0.9).nesterov(true).weightDecay(decay);
            case adagrad -> new Adagrad(params, lr).weightDecay(decay);
            case rmsprop -> new RMSprop(params, lr).weightDecay(decay);
            case adam -> new Adam(params, lr).weightDecay(decay);
            case adamw -> weightDecay != null ? new AdamW(params, lr).weightDecay(weightDecay) : new AdamW(params, lr);
        };
    }
}

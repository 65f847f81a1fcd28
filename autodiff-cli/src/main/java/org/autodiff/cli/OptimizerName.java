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

    Optimizer create(List<Tensor> params, double lr, double weightDecay) {
        return switch (this) {
            case sgd -> new SGD(params, lr).weightDecay(weightDecay);
            case momentum -> new SGD(params, lr).momentum(0.9).weightDecay(weightDecay);
            case nesterov -> new SGD(params, lr).momentum(0.9).nesterov(true).weightDecay(weightDecay);
            case adagrad -> new Adagrad(params, lr).weightDecay(weightDecay);
            case rmsprop -> new RMSprop(params, lr).weightDecay(weightDecay);
            case adam -> new Adam(params, lr).weightDecay(weightDecay);
            case adamw -> weightDecay > 0 ? new AdamW(params, lr).weightDecay(weightDecay) : new AdamW(params, lr);
        };
    }
}

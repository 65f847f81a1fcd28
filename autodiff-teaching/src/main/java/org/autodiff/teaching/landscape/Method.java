package org.autodiff.teaching.landscape;

import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.nn.optim.Adagrad;
import org.autodiff.nn.optim.Adam;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.RMSprop;
import org.autodiff.nn.optim.SGD;

/** The five classic optimization methods a landscape compares, each built from {@link org.autodiff.nn.optim}. */
public enum Method {
    /** Plain gradient descent. */
    SGD("SGD"),
    /** Gradient descent with heavy-ball momentum 0.9. */
    MOMENTUM("Momentum"),
    /** AdaGrad: steps divided by the root of the summed squared gradients. */
    ADAGRAD("AdaGrad"),
    /** RMSProp: steps divided by the root of a running mean of squared gradients. */
    RMSPROP("RMSProp"),
    /** Adam: momentum and RMSProp's scaling, bias-corrected. */
    ADAM("Adam");

    private final String displayName;

    Method(String displayName) {
        this.displayName = displayName;
    }

    /** @return the name to show in legends */
    public String displayName() {
        return displayName;
    }

    /**
     * @param params the parameters to optimise
     * @param lr     the learning rate
     * @return the optimizer over {@code params} (momentum 0.9; other settings PyTorch's defaults)
     */
    public Optimizer create(List<Tensor> params, double lr) {
        return switch (this) {
            case SGD -> new SGD(params, lr);
            case MOMENTUM -> new SGD(params, lr).momentum(0.9);
            case ADAGRAD -> new Adagrad(params, lr);
            case RMSPROP -> new RMSprop(params, lr);
            case ADAM -> new Adam(params, lr);
        };
    }
}

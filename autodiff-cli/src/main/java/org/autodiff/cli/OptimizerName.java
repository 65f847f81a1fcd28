package org.autodiff.cli;

/** The optimizers the command line offers (those of {@link org.autodiff.nn.train.TrainingRecipe}), each with a learning rate that suits it by default. */
enum OptimizerName {
    sgd(0.1), momentum(0.05), nesterov(0.05), adagrad(0.05), rmsprop(0.001), adam(0.002), adamw(0.002);

    final double defaultLr;

    OptimizerName(double defaultLr) {
        this.defaultLr = defaultLr;
    }
}

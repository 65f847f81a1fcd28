package org.autodiff.cli;

import org.autodiff.core.Tensor;

/**
 * The graphs the trace commands show, with every tensor named so the tables and pictures can say
 * which is which.
 */
enum WorkedExample {
    /** The classic chain w = a·b + c, φ = w·c, L = φ²: c reaches L along two paths. */
    CHAIN("w = a·b + c, φ = w·c, L = φ²", "a", "b", "c") {
        @Override
        Tensor loss(Tensor[] in) {
            // The product is named too, so the reverse and the forward table call it alike.
            Tensor w = in[0].mul(in[1]).name("a·b").add(in[2]).name("w");
            Tensor phi = w.mul(in[2]).name("φ");
            return phi.pow(2).name("L");
        }

        @Override
        Tensor[] point() {
            return scalars(2, 3, -1);
        }
    },
    /** One sigmoid neuron, ŷ = σ(x·w + b), against three targets by mean squared error. */
    NEURON("z = x·w + b, ŷ = σ(z), e = ŷ − y, L = mean(e²) over three examples", "w", "b") {
        @Override
        Tensor loss(Tensor[] in) {
            Tensor x = Tensor.of(new double[] {1, 2, -1, 0.5, 0, 1.5}, 3, 2).name("x");
            Tensor y = Tensor.of(new double[] {1, 0, 1}, 3, 1).name("y");
            Tensor z = x.matmul(in[0]).add(in[1]).name("z");
            Tensor yHat = z.sigmoid().name("ŷ");
            Tensor error = yHat.sub(y).name("e");
            return error.square().mean().name("L");
        }

        @Override
        Tensor[] point() {
            return new Tensor[] {Tensor.of(new double[] {0.5, -0.3}, 2, 1), Tensor.of(new double[] {0.1}, 1)};
        }
    };

    private final String formula;
    private final String[] inputs;

    WorkedExample(String formula, String... inputs) {
        this.formula = formula;
        this.inputs = inputs;
    }

    /** The example's formulas, for a title. */
    String formula() {
        return formula;
    }

    /** The inputs' names, in the order {@link #loss} takes them. */
    String[] inputs() {
        return inputs.clone();
    }

    /** The loss, its intermediates named, from inputs in the order of {@link #inputs()}. */
    abstract Tensor loss(Tensor[] in);

    /** The default point, unnamed and not requiring grad. */
    abstract Tensor[] point();

    /** {@code values} as float64 scalars. */
    static Tensor[] scalars(double... values) {
        Tensor[] t = new Tensor[values.length];
        for (int i = 0; i < values.length; i++) {
            t[i] = Tensor.scalar(values[i]);
        }
        return t;
    }

    /** {@code point} as named leaves that require grad. */
    Tensor[] leaves(Tensor[] point) {
        Tensor[] leaves = new Tensor[point.length];
        for (int i = 0; i < point.length; i++) {
            leaves[i] = point[i].detach().requiresGrad(true).name(inputs[i]);
        }
        return leaves;
    }
}

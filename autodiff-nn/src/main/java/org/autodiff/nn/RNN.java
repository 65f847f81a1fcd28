package org.autodiff.nn;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

/**
 * An Elman recurrent layer, like PyTorch's {@code nn.RNN}:
 * {@code h_t = act(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)} with act tanh or relu, stacked
 * over {@code numLayers} and optionally bidirectional; parameters, layouts and initialisation as
 * described in {@link Recurrent}.
 */
public final class RNN extends Recurrent {
    private final boolean relu;

    /**
     * A one-layer float32 tanh RNN with bias, sequence first, from the global generator.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the number of hidden features
     */
    public RNN(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, "tanh", true, false, 0, false, DType.FLOAT32, Generator.global());
    }

    /**
     * An RNN with the options of {@code nn.RNN}.
     *
     * @param inputSize the number of input features (positive)
     * @param hiddenSize the number of hidden features (positive)
     * @param numLayers the number of stacked layers (positive)
     * @param nonlinearity "tanh" or "relu"
     * @param bias whether there are biases b_ih and b_hh
     * @param batchFirst whether batched input and output are [batch, seq, feature]
     * @param dropout the dropout probability on the outputs of every layer but the last, in training
     * @param bidirectional whether each layer also runs backwards in time
     * @param dtype the parameters' dtype
     * @param generator the generator the parameters and dropout masks are drawn from
     */
    public RNN(int inputSize, int hiddenSize, int numLayers, String nonlinearity, boolean bias, boolean batchFirst,
            double dropout, boolean bidirectional, DType dtype, Generator generator) {
        super("RNN", 1, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, generator);
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException("RNN: nonlinearity must be \"tanh\" or \"relu\", got " + nonlinearity);
        }
        this.relu = "relu".equals(nonlinearity);
    }

    /**
     * The output and final hidden state from the initial hidden state {@code h0}.
     *
     * @param input [seq, batch, inputSize] ([batch, seq, inputSize] with batchFirst) or unbatched [seq, inputSize]
     * @param h0 [layers·directions, batch, hidden] ([layers·directions, hidden] unbatched), or null for zeros
     * @return the output and h_n
     */
    public RecurrentOutput forward(Tensor input, Tensor h0) {
        return run(input, new Tensor[] {h0});
    }

    @Override
    protected Tensor[] step(Tensor[] projected, Tensor[] state, Tensor[] weightHh, Tensor[] biasHh) {
        Tensor pre = projected[0].add(org.autodiff.core.ops.MatrixProducts.linear(state[0], weightHh[0], null));
        return new Tensor[] {relu ? pre.relu() : pre.tanh()};
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + ", nonlinearity=" + (relu ? "relu" : "tanh");
    }
}

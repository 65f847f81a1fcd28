package org.autodiff.nn;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.core.ops.MatrixProducts;

/**
 * A long short-term memory layer, like PyTorch's {@code nn.LSTM}. The gates are stacked in
 * PyTorch's order i, f, g, o in each weight's rows:
 *
 * <pre>
 * i = σ(W_ii x + b_ii + W_hi h + b_hi)     f = σ(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg)  o = σ(W_io x + b_io + W_ho h + b_ho)
 * c' = f ⊙ c + i ⊙ g                       h' = o ⊙ tanh(c')
 * </pre>
 *
 * stacked over {@code numLayers} and optionally bidirectional; parameters, layouts and
 * initialisation as described in {@link Recurrent}. ({@code proj_size} is not supported.)
 */
public final class LSTM extends Recurrent {
    /**
     * A one-layer float32 LSTM with bias, sequence first, from the global generator.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the number of hidden features
     */
    public LSTM(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false, DType.FLOAT32, Generator.global());
    }

    /**
     * An LSTM with the options of {@code nn.LSTM}.
     *
     * @param inputSize the number of input features (positive)
     * @param hiddenSize the number of hidden features (positive)
     * @param numLayers the number of stacked layers (positive)
     * @param bias whether there are biases b_ih and b_hh
     * @param batchFirst whether batched input and output are [batch, seq, feature]
     * @param dropout the dropout probability on the outputs of every layer but the last, in training
     * @param bidirectional whether each layer also runs backwards in time
     * @param dtype the parameters' dtype
     * @param generator the generator the parameters and dropout masks are drawn from
     */
    public LSTM(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
            boolean bidirectional, DType dtype, Generator generator) {
        super("LSTM", 4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, generator);
    }

    /**
     * The output and final states from the initial states.
     *
     * @param input [seq, batch, inputSize] ([batch, seq, inputSize] with batchFirst) or unbatched [seq, inputSize]
     * @param h0 the initial hidden state, [layers·directions, batch, hidden] ([layers·directions, hidden] unbatched), or null for zeros
     * @param c0 the initial cell state, shaped as h0, or null for zeros
     * @return the output, h_n and c_n
     */
    public RecurrentOutput forward(Tensor input, Tensor h0, Tensor c0) {
        return run(input, new Tensor[] {h0, c0});
    }

    @Override
    protected int stateCount() {
        return 2;
    }

    @Override
    protected Tensor[] step(Tensor[] projected, Tensor[] state, Tensor[] weightHh, Tensor[] biasHh) {
        Tensor h = state[0];
        Tensor i = projected[0].add(MatrixProducts.linear(h, weightHh[0], null)).sigmoid();
        Tensor f = projected[1].add(MatrixProducts.linear(h, weightHh[1], null)).sigmoid();
        Tensor g = projected[2].add(MatrixProducts.linear(h, weightHh[2], null)).tanh();
        Tensor o = projected[3].add(MatrixProducts.linear(h, weightHh[3], null)).sigmoid();
        Tensor c = f.mul(state[1]).add(i.mul(g));
        return new Tensor[] {o.mul(c.tanh()), c};
    }
}

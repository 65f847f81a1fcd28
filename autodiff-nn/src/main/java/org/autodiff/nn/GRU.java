package org.autodiff.nn;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.core.ops.MatrixProducts;

/**
 * A gated recurrent unit layer, like PyTorch's {@code nn.GRU}. The gates are stacked in
 * PyTorch's order r, z, n in each weight's rows, and the reset gate multiplies the hidden
 * projection including its bias, as PyTorch (and cuDNN) compute it:
 *
 * <pre>
 * r = σ(W_ir x + b_ir + W_hr h + b_hr)     z = σ(W_iz x + b_iz + W_hz h + b_hz)
 * n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * stacked over {@code numLayers} and optionally bidirectional; parameters, layouts and
 * initialisation as described in {@link Recurrent}.
 */
public final class GRU extends Recurrent {
    /**
     * A one-layer float32 GRU with bias, sequence first, from the global generator.
     *
     * @param inputSize the number of input features
     * @param hiddenSize the number of hidden features
     */
    public GRU(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, true, false, 0, false, DType.FLOAT32, Generator.global());
    }

    /**
     * A GRU with the options of {@code nn.GRU}.
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
    public GRU(int inputSize, int hiddenSize, int numLayers, boolean bias, boolean batchFirst, double dropout,
            boolean bidirectional, DType dtype, Generator generator) {
        super("GRU", 3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, dtype, generator);
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

    /** Only b_ih joins the input projection: b_hn sits inside r ⊙ (W_hn h + b_hn). */
    @Override
    protected Tensor hoistedBias(Tensor biasIh, Tensor biasHh) {
        return biasIh;
    }

    @Override
    protected Tensor[] step(Tensor[] projected, Tensor[] state, Tensor[] weightHh, Tensor[] biasHh) {
        Tensor h = state[0];
        Tensor r = projected[0].add(MatrixProducts.linear(h, weightHh[0], biasHh[0])).sigmoid();
        Tensor z = projected[1].add(MatrixProducts.linear(h, weightHh[1], biasHh[1])).sigmoid();
        Tensor n = projected[2].add(r.mul(MatrixProducts.linear(h, weightHh[2], biasHh[2]))).tanh();
        // (1 − z)·n + z·h, written n + z·(h − n): one op fewer, equal to within rounding.
        return new Tensor[] {n.add(z.mul(h.sub(n)))};
    }
}

package org.autodiff.nn;

import java.util.ArrayList;
import java.util.List;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.ops.MatrixProducts;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, as PyTorch's {@code nn.RNNBase}: the
 * stacked layers and directions, their parameters ({@code weight_ih_l0}, {@code weight_hh_l0},
 * {@code bias_ih_l0}, {@code bias_hh_l0}, then {@code ..._reverse} for the backward direction,
 * layer by layer, in PyTorch's order and layouts, so that PyTorch's state dicts load), the input
 * layouts (sequence first, batch first, unbatched), the initial and final states and the dropout
 * between layers. A subclass supplies one time step of its cell.
 *
 * <p>Every parameter is initialised from U(−1/√hidden, 1/√hidden), as PyTorch's
 * {@code reset_parameters}, in registration order from the given generator.
 *
 * <p>The layers are compositions of existing differentiable ops, so reverse mode, forward mode
 * and grad-of-grad come from those ops' rules.
 *
 * <p>Where the time goes: a sequence is cut into its steps once, by halving (see
 * {@link #unbind}), and travels between layers as steps, so no layer slices a whole sequence;
 * the biases b_ih + b_hh are summed once per sequence, and the weights are split into their
 * gates once per sequence, so that a step multiplies by each gate's rows rather than slicing a
 * [batch, gates·hidden] product four ways (a float32 LSTM forward and backward at input 64,
 * hidden 256, sequence 32, batch 64 ran 1.2 to 1.5 times faster so, measured on a loaded
 * machine). The input projection x_t·W_ihᵀ is one
 * product per step, not one product for the whole sequence as in PyTorch's CPU kernel (which
 * then cuts the result into views): slices here are copies, and the gradient of every slice is
 * scattered into a tensor of the whole sequence's size, so cutting a [seq, batch, gates·hidden]
 * projection into steps costs more than the one product saves (the same LSTM step took about
 * 1.8 times as long that way).
 */
public abstract class Recurrent extends Module {
    private final String layerName;
    private final int gates;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final Generator generator;
    /** Per layer and direction (index layer·directions + direction): W_ih [gates·H, in], W_hh [gates·H, H], b_ih, b_hh (null without bias). */
    private final Tensor[][] weights;

    /**
     * Registers the parameters of every layer and direction and initialises them.
     *
     * @param layerName the layer's name in messages ("LSTM")
     * @param gates the number of gate blocks stacked in each weight (1 for RNN, 4 for LSTM, 3 for GRU)
     * @param inputSize the number of input features (positive)
     * @param hiddenSize the number of hidden features (positive)
     * @param numLayers the number of stacked layers (positive)
     * @param bias whether the layers have the biases b_ih and b_hh
     * @param batchFirst whether batched input and output are [batch, seq, feature] rather than [seq, batch, feature]
     * @param dropout the probability of zeroing each output element of every layer but the last, in training (in [0, 1])
     * @param bidirectional whether each layer also runs backwards in time
     * @param dtype the parameters' dtype
     * @param generator the generator the parameters and dropout masks are drawn from
     */
    protected Recurrent(String layerName, int gates, int inputSize, int hiddenSize, int numLayers, boolean bias,
            boolean batchFirst, double dropout, boolean bidirectional, DType dtype, Generator generator) {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException(layerName + ": inputSize, hiddenSize and numLayers must be positive, got inputSize="
                    + inputSize + ", hiddenSize=" + hiddenSize + ", numLayers=" + numLayers);
        }
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException(layerName + ": dropout must be a probability in [0, 1], got " + dropout);
        }
        this.layerName = layerName;
        this.gates = gates;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bias = bias;
        this.batchFirst = batchFirst;
        this.dropout = dropout;
        this.bidirectional = bidirectional;
        this.generator = java.util.Objects.requireNonNull(generator, "generator");
        int directions = directions();
        double bound = 1 / Math.sqrt(hiddenSize);
        weights = new Tensor[numLayers * directions][];
        for (int layer = 0; layer < numLayers; layer++) {
            int layerInput = layer == 0 ? inputSize : hiddenSize * directions;
            for (int d = 0; d < directions; d++) {
                String suffix = "_l" + layer + (d == 1 ? "_reverse" : "");
                Tensor[] w = new Tensor[4];
                w[0] = registerParameter("weight_ih" + suffix, uniform(dtype, bound, generator, gates * hiddenSize, layerInput));
                w[1] = registerParameter("weight_hh" + suffix, uniform(dtype, bound, generator, gates * hiddenSize, hiddenSize));
                if (bias) {
                    w[2] = registerParameter("bias_ih" + suffix, uniform(dtype, bound, generator, gates * hiddenSize));
                    w[3] = registerParameter("bias_hh" + suffix, uniform(dtype, bound, generator, gates * hiddenSize));
                }
                weights[layer * directions + d] = w;
            }
        }
    }

    private static Tensor uniform(DType dtype, double bound, Generator generator, int... shape) {
        return Init.uniform(Tensor.empty(dtype, Shape.of(shape)), -bound, bound, generator);
    }

    // ---------------------------------------------------------------- what a cell supplies

    /**
     * The number of state tensors a time step carries: 1 (h) for RNN and GRU, 2 (h, c) for LSTM.
     *
     * @return the number of states
     */
    protected int stateCount() {
        return 1;
    }

    /**
     * One time step of the cell, gate by gate in PyTorch's order.
     *
     * @param projected each gate's input projection of this step, {@code x_t·W_ikᵀ} plus its
     *     part of {@link #hoistedBias}, each [batch, hidden]
     * @param state the states after the previous step, each [batch, hidden]
     * @param weightHh each gate's rows of W_hh, each [hidden, hidden]
     * @param biasHh each gate's part of b_hh, each [hidden]; entries null without bias
     * @return the states after this step, h first
     */
    protected abstract Tensor[] step(Tensor[] projected, Tensor[] state, Tensor[] weightHh, Tensor[] biasHh);

    /**
     * The bias added to the input projection, summed once per sequence: b_ih + b_hh where the cell adds
     * b_hh outside any product (RNN, LSTM); the cell then ignores b_hh in {@link #step}.
     *
     * @param biasIh b_ih, or null without bias
     * @param biasHh b_hh, or null without bias
     * @return the bias of the input projection, or null
     */
    protected Tensor hoistedBias(Tensor biasIh, Tensor biasHh) {
        return biasIh == null ? null : biasIh.add(biasHh);
    }

    /** Gate k's block of a weight or bias stacked along dim 0 ([gates·hidden, ...]); nulls for null. */
    private Tensor[] splitGates(Tensor stacked) {
        Tensor[] out = new Tensor[gates];
        for (int k = 0; stacked != null && k < gates; k++) {
            out[k] = stacked.slice(0, k * hiddenSize, (k + 1) * hiddenSize, 1);
        }
        return out;
    }

    // ---------------------------------------------------------------- running

    /**
     * The output sequence for zero initial states.
     *
     * @param input [seq, batch, inputSize] ([batch, seq, inputSize] with batchFirst) or unbatched [seq, inputSize]
     * @return the last layer's hidden state at every step, [seq, batch, directions·hidden] (or as the input's layout)
     */
    @Override
    public Tensor forward(Tensor input) {
        return run(input, new Tensor[stateCount()]).output();
    }

    /**
     * Runs every layer and direction over the sequence.
     *
     * @param input the input in any of the layouts {@link #forward(Tensor)} takes
     * @param initial the initial states (h0, and c0 for LSTM), each null for zeros or
     *     [layers·directions, batch, hidden] ([layers·directions, hidden] for unbatched input)
     * @return the output and the final states
     */
    protected final RecurrentOutput run(Tensor input, Tensor[] initial) {
        java.util.Objects.requireNonNull(input, "input");
        if ((input.dim() != 2 && input.dim() != 3) || input.size(-1) != inputSize) {
            throw new IllegalArgumentException(layerName + ": input of shape " + input.shape() + " must be "
                    + (batchFirst ? "[batch, seq, " : "[seq, batch, ") + "inputSize=" + inputSize + "] or unbatched [seq, inputSize="
                    + inputSize + "]");
        }
        boolean batched = input.dim() == 3;
        Tensor x = !batched ? input.unsqueeze(1) : batchFirst ? input.transpose(0, 1) : input;
        int steps = x.size(0);
        int batch = x.size(1);
        if (steps == 0) {
            throw new IllegalArgumentException(layerName + ": input of shape " + input.shape() + " has no time steps");
        }
        int directions = directions();
        String[] stateNames = stateCount() == 1 ? new String[] {"h0"} : new String[] {"h0", "c0"};
        Shape expected = batched ? Shape.of(numLayers * directions, batch, hiddenSize) : Shape.of(numLayers * directions, hiddenSize);
        Tensor[] init = new Tensor[stateCount()];
        for (int s = 0; s < init.length; s++) {
            Tensor given = initial[s];
            if (given != null && !given.shape().equals(expected)) {
                throw new IllegalArgumentException(layerName + ": " + stateNames[s] + " of shape " + given.shape() + " must be "
                        + expected + " ([numLayers·directions, " + (batched ? "batch, " : "") + "hiddenSize]) for input of shape "
                        + input.shape());
            }
            init[s] = given == null ? null : batched ? given : given.unsqueeze(1);
        }

        List<List<Tensor>> finals = new ArrayList<>();
        for (int s = 0; s < init.length; s++) {
            finals.add(new ArrayList<>());
        }
        // The sequence travels between layers as its steps, so that no layer slices a whole sequence.
        Tensor[] layerInput = unbind(x);
        for (int layer = 0; layer < numLayers; layer++) {
            if (layer > 0 && dropout > 0 && isTraining()) {
                for (int t = 0; t < steps; t++) {
                    layerInput[t] = dropout(layerInput[t]);
                }
            }
            Tensor[][] outputs = new Tensor[directions][steps];
            for (int d = 0; d < directions; d++) {
                int index = layer * directions + d;
                Tensor[] w = weights[index];
                Tensor[] state = new Tensor[init.length];
                for (int s = 0; s < state.length; s++) {
                    state[s] = init[s] == null ? Tensor.zeros(w[1].dtype(), batch, hiddenSize)
                            : init[s].slice(0, index, index + 1, 1).squeeze(0);
                }
                // Split by gate once per sequence, so that no step slices a [batch, gates·hidden] tensor.
                Tensor[] weightIh = splitGates(w[0]);
                Tensor[] weightHh = splitGates(w[1]);
                Tensor[] inputBias = splitGates(hoistedBias(w[2], w[3]));
                Tensor[] biasHh = splitGates(w[3]);
                for (int i = 0; i < steps; i++) {
                    int t = d == 0 ? i : steps - 1 - i;
                    Tensor[] projected = new Tensor[gates];
                    for (int k = 0; k < gates; k++) {
                        projected[k] = MatrixProducts.linear(layerInput[t], weightIh[k], inputBias[k]);
                    }
                    state = step(projected, state, weightHh, biasHh);
                    outputs[d][t] = state[0];
                }
                for (int s = 0; s < state.length; s++) {
                    finals.get(s).add(state[s]);
                }
            }
            for (int t = 0; t < steps; t++) {
                layerInput[t] = directions == 1 ? outputs[0][t] : Tensor.cat(1, outputs[0][t], outputs[1][t]);
            }
        }
        Tensor sequence = Tensor.stack(0, layerInput);
        Tensor output = !batched ? sequence.squeeze(1) : batchFirst ? sequence.transpose(0, 1) : sequence;
        Tensor[] last = new Tensor[init.length];
        for (int s = 0; s < last.length; s++) {
            Tensor stacked = Tensor.stack(0, finals.get(s).toArray(new Tensor[0]));
            last[s] = batched ? stacked : stacked.squeeze(1);
        }
        return new RecurrentOutput(output, last[0], last.length > 1 ? last[1] : null);
    }

    /**
     * The steps of a [seq, ...] tensor, each [...]. Cut by halving rather than one slice per step:
     * the gradient of a slice is scattered into a tensor of its source's full size, so slicing each
     * of T steps from the whole would cost T·T steps' worth of memory in backward; halving costs
     * about 3·log₂T.
     */
    static Tensor[] unbind(Tensor x) {
        Tensor[] out = new Tensor[x.size(0)];
        unbind(x, 0, out);
        return out;
    }

    private static void unbind(Tensor x, int offset, Tensor[] out) {
        int n = x.size(0);
        if (n == 1) {
            out[offset] = x.squeeze(0);
            return;
        }
        int half = n / 2;
        unbind(x.slice(0, 0, half, 1), offset, out);
        unbind(x.slice(0, half, n, 1), offset + half, out);
    }

    /** Dropout on a layer's output sequence, as the {@link Dropout} module does, masks from this layer's generator. */
    private Tensor dropout(Tensor x) {
        if (dropout == 1) {
            return x.mul(0.0);
        }
        Tensor keep = Tensor.rand(generator, x.dtype(), x.shape().dims()).lt(1 - dropout);
        return x.mul(keep).div(1 - dropout);
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The number of directions: 2 when bidirectional, else 1.
     *
     * @return the number of directions
     */
    public final int directions() {
        return bidirectional ? 2 : 1;
    }

    /**
     * The number of input features.
     *
     * @return inputSize
     */
    public final int inputSize() {
        return inputSize;
    }

    /**
     * The number of hidden features.
     *
     * @return hiddenSize
     */
    public final int hiddenSize() {
        return hiddenSize;
    }

    /**
     * The number of stacked layers.
     *
     * @return numLayers
     */
    public final int numLayers() {
        return numLayers;
    }

    /**
     * Whether batched input and output are [batch, seq, feature].
     *
     * @return batchFirst
     */
    public final boolean batchFirst() {
        return batchFirst;
    }

    /**
     * The dropout probability between layers.
     *
     * @return dropout
     */
    public final double dropout() {
        return dropout;
    }

    @Override
    protected String extraRepr() {
        return "inputSize=" + inputSize + ", hiddenSize=" + hiddenSize + ", numLayers=" + numLayers + ", bias=" + bias
                + ", batchFirst=" + batchFirst + ", dropout=" + dropout + ", bidirectional=" + bidirectional;
    }
}

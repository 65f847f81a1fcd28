package org.autodiff.nn;

import org.autodiff.core.Tensor;

/**
 * What a recurrent layer returns, as PyTorch's {@code output, h_n} ({@code output, (h_n, c_n)}
 * for LSTM).
 *
 * @param output the last layer's hidden state at every step: [seq, batch, directions·hidden]
 *     ([batch, seq, ...] with batchFirst, [seq, directions·hidden] for unbatched input)
 * @param hN the final hidden state of every layer and direction, [layers·directions, batch, hidden]
 *     (no batch dim for unbatched input), index layer·directions + direction
 * @param cN the final cell state of an LSTM, shaped as {@code hN}; null for RNN and GRU
 */
public record RecurrentOutput(Tensor output, Tensor hN, Tensor cN) {
}

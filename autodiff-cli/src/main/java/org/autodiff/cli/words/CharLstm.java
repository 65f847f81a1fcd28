package org.autodiff.cli.words;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Embedding;
import org.autodiff.nn.LSTM;
import org.autodiff.nn.Linear;
import org.autodiff.nn.Module;

/**
 * A character-level LSTM language model: a token embedding, a batch-first {@link LSTM} read left
 * to right from zero states, and a linear head from each hidden state to the next token's logits.
 */
final class CharLstm extends Module {
    private final Embedding tokens;
    private final LSTM lstm;
    private final Linear head;

    /**
     * A model with the given sizes.
     *
     * @param vocabulary the number of tokens
     * @param embedding the embedding width
     * @param hidden the LSTM's hidden size
     * @param layers the LSTM's layers
     * @param dropout the dropout between LSTM layers in training
     * @param dtype the parameters' dtype
     * @param generator the source of initial values and dropout masks
     */
    CharLstm(int vocabulary, int embedding, int hidden, int layers, double dropout, DType dtype, Generator generator) {
        this.tokens = registerModule("tok_emb", new Embedding(vocabulary, embedding, null, dtype, generator));
        this.lstm = registerModule("lstm", new LSTM(embedding, hidden, layers, true, true, dropout, false, dtype, generator));
        this.head = registerModule("head", new Linear(hidden, vocabulary, true, dtype, generator));
    }

    /**
     * The next-token logits at every position.
     *
     * @param ids int64 [N, L]
     * @return logits [N, L, vocabulary]
     */
    @Override
    public Tensor forward(Tensor ids) {
        if (ids.dim() != 2) {
            throw new IllegalArgumentException("CharLstm: input must be [N, L], got " + ids.shape());
        }
        return head.call(lstm.forward(tokens.call(ids), null, null).output());
    }
}

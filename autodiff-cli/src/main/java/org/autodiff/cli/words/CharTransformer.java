package org.autodiff.cli.words;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Embedding;
import org.autodiff.nn.Init;
import org.autodiff.nn.LayerNorm;
import org.autodiff.nn.Linear;
import org.autodiff.nn.Module;
import org.autodiff.nn.TransformerEncoder;
import org.autodiff.nn.TransformerEncoderLayer;

/**
 * A character-level causal transformer (a small GPT): token and position embeddings, a stack of
 * pre-norm {@link TransformerEncoderLayer}s whose attention is causal (position i sees positions
 * ≤ i), a final layer norm and a linear head to the next token's logits.
 */
final class CharTransformer extends Module {
    private final int context;
    private final Embedding tokens;
    private final Embedding positions;
    private final TransformerEncoder encoder;
    private final Linear head;

    /**
     * A model for windows of up to {@code context} tokens.
     *
     * @param vocabulary the number of tokens
     * @param context the longest window
     * @param dModel the width
     * @param heads the attention heads
     * @param layers the encoder layers
     * @param feedforward the feed-forward width
     * @param dropout the dropout probability in training
     * @param dtype the parameters' dtype
     * @param generator the source of initial values and dropout masks
     */
    CharTransformer(int vocabulary, int context, int dModel, int heads, int layers, int feedforward, double dropout,
            DType dtype, Generator generator) {
        this.context = context;
        this.tokens = registerModule("tok_emb", new Embedding(vocabulary, dModel, null, dtype, generator));
        this.positions = registerModule("pos_emb", new Embedding(context, dModel, null, dtype, generator));
        TransformerEncoderLayer.Settings settings = new TransformerEncoderLayer.Settings(dModel, heads, feedforward, dropout,
                "gelu", 1e-5, true, true, dtype);
        this.encoder = registerModule("encoder", new TransformerEncoder(new TransformerEncoderLayer(settings, generator), layers,
                new LayerNorm(new int[] {dModel}, 1e-5, true, true, dtype), generator));
        this.head = registerModule("head", new Linear(dModel, vocabulary, true, dtype, generator));
        // Small embeddings, as GPT-2 initialises them (N(0, 0.02²)); N(0, 1) ones swamp the residual stream at first.
        Init.normal(tokens.weight(), 0, 0.02, generator);
        Init.normal(positions.weight(), 0, 0.02, generator);
    }

    /**
     * The next-token logits at every position.
     *
     * @param ids int64 [N, L] with L ≤ context
     * @return logits [N, L, vocabulary]
     */
    @Override
    public Tensor forward(Tensor ids) {
        int length = ids.size(-1);
        if (ids.dim() != 2 || length > context) {
            throw new IllegalArgumentException("CharTransformer: input must be [N, L] with L <= context " + context + ", got "
                    + ids.shape());
        }
        Tensor where = Tensor.arange(DType.INT64, 0, length, 1);
        Tensor x = tokens.call(ids).add(positions.call(where));
        Tensor causal = Tensor.ones(DType.BOOL, length, length).triu(1);
        return head.call(encoder.forward(x, causal, null));
    }
}

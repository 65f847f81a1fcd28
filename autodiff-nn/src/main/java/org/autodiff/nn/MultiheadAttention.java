package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.ops.MatrixProducts;

/**
 * Multi-head attention, like PyTorch 1.13's {@code nn.MultiheadAttention} with query, key and value
 * of the same width {@code embedDim}: the inputs are projected by {@code in_proj_weight} [3E, E]
 * (rows for q, k, v in that order) and {@code in_proj_bias} [3E], split into {@code numHeads} heads
 * of width E/numHeads, attended by {@link Attention#scaledDotProductAttention} in each head, joined
 * and projected by {@code out_proj} (a {@link Linear} E → E).
 *
 * <p>Inputs are [L, N, E] (sequence first, PyTorch's default) or [N, L, E] with {@code batchFirst};
 * an unbatched [L, E] input gives an unbatched output. Masks follow torch 1.13: a bool
 * {@code attnMask} ([L, S] or [N·numHeads, L, S]) or {@code keyPaddingMask} ([N, S]) is true where
 * attention is <em>not</em> allowed; a floating point one is added to the scores.
 *
 * <p>Initialised as PyTorch does: {@code in_proj_weight} by Xavier uniform, both biases zero,
 * {@code out_proj.weight} as a {@link Linear}'s.
 */
public final class MultiheadAttention extends Module {
    private final int embedDim;
    private final int numHeads;
    private final double dropout;
    private final boolean batchFirst;
    private final Generator generator;
    private final Tensor inProjWeight;
    private final Tensor inProjBias;
    private final Linear outProj;

    /** The attention output and, when asked for, the attention weights. */
    public record Output(Tensor output, Tensor weights) {
        /**
         * The two results of a forward pass.
         *
         * @param output the attended values, shaped as the query
         * @param weights the attention weights ([N, L, S] averaged over heads, or [N, numHeads, L, S]), or null when not asked for
         */
        public Output {
        }
    }

    /**
     * A float32 sequence-first attention without dropout, initialised from the global generator.
     *
     * @param embedDim the model width E
     * @param numHeads the number of heads; must divide E
     */
    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, 0.0, true, false, DType.FLOAT32, Generator.global());
    }

    /**
     * An attention with every option supported here.
     *
     * @param embedDim the model width E
     * @param numHeads the number of heads; must divide E
     * @param dropout the dropout probability on the attention weights in training
     * @param bias whether the in and out projections have biases
     * @param batchFirst whether inputs are [N, L, E] rather than [L, N, E]
     * @param dtype the parameters' dtype
     * @param generator the source of initial values and dropout masks
     */
    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst, DType dtype,
            Generator generator) {
        if (embedDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("MultiheadAttention: embedDim and numHeads must be positive, got embedDim="
                    + embedDim + ", numHeads=" + numHeads);
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embedDim=" + embedDim + " must be divisible by numHeads="
                    + numHeads);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("MultiheadAttention: dropout must be in [0, 1), got " + dropout);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        this.generator = Objects.requireNonNull(generator, "generator");
        // PyTorch's registration order: in_proj_weight, in_proj_bias, out_proj; its draws: out_proj
        // as a Linear at construction, then Xavier for in_proj_weight and zeros for the biases.
        Tensor w = Tensor.empty(dtype, Shape.of(3 * embedDim, embedDim));
        this.inProjWeight = registerParameter("in_proj_weight", w);
        this.inProjBias = bias ? registerParameter("in_proj_bias", Tensor.zeros(dtype, 3 * embedDim)) : null;
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, dtype, generator));
        Init.xavierUniform(inProjWeight, 1.0, generator);
        if (bias) {
            Init.zeros(outProj.bias());
        }
    }

    /**
     * Self-attention of {@code input} without masks: the output only.
     *
     * @param input [L, N, E], or [N, L, E] with batchFirst, or unbatched [L, E]
     * @return the output, shaped as the input
     */
    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "MultiheadAttention.forward: input");
        return forward(input, input, input, null, false, null, true).output();
    }

    /**
     * Attention of {@code query} over {@code key}/{@code value}, as PyTorch's
     * {@code forward(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)}.
     *
     * @param query [L, N, E] ([N, L, E] with batchFirst; [L, E] unbatched)
     * @param key [S, N, E] (likewise)
     * @param value [S, N, E] (likewise)
     * @param keyPaddingMask null, or [N, S] ([S] unbatched), bool (true = ignore that key) or floating point (added)
     * @param needWeights whether to return the attention weights
     * @param attnMask null, or [L, S] or [N·numHeads, L, S], bool (true = not allowed) or floating point (added)
     * @param averageAttnWeights whether the returned weights are averaged over heads
     * @return the output (shaped as the query) and the weights if asked for
     * @throws IllegalArgumentException naming the argument and the shapes when they do not fit
     */
    public Output forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
            boolean averageAttnWeights) {
        Objects.requireNonNull(query, "MultiheadAttention.forward: query");
        Objects.requireNonNull(key, "MultiheadAttention.forward: key");
        Objects.requireNonNull(value, "MultiheadAttention.forward: value");
        boolean batched = query.dim() == 3;
        if (!batched && query.dim() != 2) {
            throw new IllegalArgumentException("MultiheadAttention: query must be 3-d (batched) or 2-d (unbatched), got shape "
                    + query.shape());
        }
        if (key.dim() != query.dim() || value.dim() != query.dim()) {
            throw new IllegalArgumentException("MultiheadAttention: query " + query.shape() + ", key " + key.shape()
                    + " and value " + value.shape() + " must all be " + query.dim() + "-d");
        }
        // Work batch first: [N, L, E].
        Tensor q = batched ? (batchFirst ? query : query.transpose(0, 1)) : query.unsqueeze(0);
        Tensor k = batched ? (batchFirst ? key : key.transpose(0, 1)) : key.unsqueeze(0);
        Tensor v = batched ? (batchFirst ? value : value.transpose(0, 1)) : value.unsqueeze(0);
        int n = q.size(0), l = q.size(1), s = k.size(1);
        if (q.size(2) != embedDim || k.size(2) != embedDim || value.size(-1) != embedDim || k.size(0) != n || v.size(0) != n
                || v.size(1) != s) {
            throw new IllegalArgumentException("MultiheadAttention: query " + query.shape() + ", key " + key.shape()
                    + " and value " + value.shape() + " do not fit embedDim=" + embedDim + (batchFirst ? " (batchFirst: [N, L, E])"
                    : " ([L, N, E])"));
        }
        Tensor bias = maskBias(keyPaddingMask, attnMask, n, l, s, batched, q.dtype());

        Tensor[] w = split(inProjWeight);
        Tensor[] b = inProjBias == null ? new Tensor[3] : split(inProjBias);
        Tensor qh = heads(MatrixProducts.linear(q, w[0], b[0]), n, l);
        Tensor kh = heads(MatrixProducts.linear(k, w[1], b[1]), n, s);
        Tensor vh = heads(MatrixProducts.linear(v, w[2], b[2]), n, s);
        Tensor[] attended = Attention.attend(qh, kh, vh, bias, isTraining() ? dropout : 0, generator);
        Tensor joined = attended[0].permute(0, 2, 1, 3).reshape(n, l, embedDim);
        Tensor out = outProj.call(joined);
        out = batched ? (batchFirst ? out : out.transpose(0, 1)) : out.squeeze(0);

        Tensor weights = null;
        if (needWeights) {
            weights = averageAttnWeights ? attended[1].mean(1, false) : attended[1];
            if (!batched) {
                weights = weights.squeeze(0);
            }
        }
        return new Output(out, weights);
    }

    /** The q, k and v parts of a packed projection (rows 0..E, E..2E, 2E..3E). */
    private Tensor[] split(Tensor packed) {
        return new Tensor[] {packed.slice(0, 0, embedDim, 1), packed.slice(0, embedDim, 2 * embedDim, 1),
                packed.slice(0, 2 * embedDim, 3 * embedDim, 1)};
    }

    /** [N, T, E] as [N, heads, T, E/heads]. */
    private Tensor heads(Tensor projected, int n, int t) {
        return projected.reshape(n, t, numHeads, embedDim / numHeads).permute(0, 2, 1, 3);
    }

    /** The additive bias [N or 1, heads or 1, L, S] the two masks stand for, or null; checked as torch 1.13 checks them. */
    private Tensor maskBias(Tensor keyPaddingMask, Tensor attnMask, int n, int l, int s, boolean batched, DType dtype) {
        Tensor bias = null;
        if (attnMask != null) {
            Shape shape = attnMask.shape();
            if (shape.equals(Shape.of(l, s))) {
                bias = Attention.bias("MultiheadAttention", l, s, dtype, attnMask, false, false);
            } else if (shape.equals(Shape.of(n * numHeads, l, s))) {
                bias = Attention.bias("MultiheadAttention", l, s, dtype, attnMask, false, false).reshape(n, numHeads, l, s);
            } else {
                throw new IllegalArgumentException("MultiheadAttention: attnMask of shape " + shape + " must be [L, S] = ["
                        + l + ", " + s + "] or [N·numHeads, L, S] = [" + n * numHeads + ", " + l + ", " + s + "]");
            }
        }
        if (keyPaddingMask != null) {
            Shape expected = batched ? Shape.of(n, s) : Shape.of(s);
            if (!keyPaddingMask.shape().equals(expected)) {
                throw new IllegalArgumentException("MultiheadAttention: keyPaddingMask of shape " + keyPaddingMask.shape()
                        + " must be " + expected + " ([N, S]) for key of " + s + " positions and batch " + n);
            }
            Tensor padding;
            if (keyPaddingMask.dtype() == DType.BOOL) {
                padding = Tensor.zeros(dtype).expand(keyPaddingMask.shape()).maskedFill(keyPaddingMask,
                        Double.NEGATIVE_INFINITY);
            } else if (keyPaddingMask.dtype().isFloatingPoint()) {
                padding = keyPaddingMask;
            } else {
                throw new IllegalArgumentException("MultiheadAttention: keyPaddingMask must be bool or floating point, got "
                        + keyPaddingMask.dtype() + " of shape " + keyPaddingMask.shape());
            }
            padding = padding.reshape(n, 1, 1, s);
            bias = bias == null ? padding : bias.add(padding);
        }
        return bias;
    }

    /**
     * The packed input projection, [3E, E].
     *
     * @return {@code in_proj_weight}
     */
    public Tensor inProjWeight() {
        return inProjWeight;
    }

    /**
     * The packed input bias, [3E].
     *
     * @return {@code in_proj_bias}, or null without biases
     */
    public Tensor inProjBias() {
        return inProjBias;
    }

    /**
     * The output projection.
     *
     * @return {@code out_proj}
     */
    public Linear outProj() {
        return outProj;
    }

    @Override
    protected String extraRepr() {
        return "embedDim=" + embedDim + ", numHeads=" + numHeads + ", dropout=" + dropout + ", batchFirst=" + batchFirst;
    }
}

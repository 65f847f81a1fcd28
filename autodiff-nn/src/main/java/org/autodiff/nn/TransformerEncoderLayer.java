package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

/**
 * One transformer encoder block, like PyTorch 1.13's {@code nn.TransformerEncoderLayer}:
 * self-attention ({@code self_attn}, a {@link MultiheadAttention}) and a feed-forward network
 * ({@code linear1} → activation → dropout → {@code linear2}), each followed by dropout and added to
 * its input, with layer norms ({@code norm1}, {@code norm2}) after each sum (post-norm, PyTorch's
 * default) or before each block ({@code normFirst}):
 *
 * <pre>
 * post-norm:  x = norm1(x + sa(x));      x = norm2(x + ff(x))
 * pre-norm:   x = x + sa(norm1(x));      x = x + ff(norm2(x))
 * </pre>
 *
 * <p>Masks are those of {@link MultiheadAttention} (torch 1.13: bool true = not allowed).
 */
public final class TransformerEncoderLayer extends Module {
    private final Settings settings;
    private final MultiheadAttention selfAttn;
    private final Linear linear1;
    private final Dropout dropout;
    private final Linear linear2;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropout1;
    private final Dropout dropout2;

    /**
     * The options of {@code nn.TransformerEncoderLayer}, PyTorch's defaults in {@link #of(int, int)}.
     *
     * @param dModel the model width
     * @param nhead the number of attention heads; must divide dModel
     * @param dimFeedforward the width of the feed-forward network
     * @param dropout the dropout probability (attention weights, feed-forward, and both residual branches)
     * @param activation {@code "relu"} or {@code "gelu"}
     * @param layerNormEps the layer norms' ε
     * @param batchFirst whether inputs are [N, L, E] rather than [L, N, E]
     * @param normFirst whether the layer norms come before each block (pre-norm)
     * @param dtype the parameters' dtype
     */
    public record Settings(int dModel, int nhead, int dimFeedforward, double dropout, String activation, double layerNormEps,
            boolean batchFirst, boolean normFirst, DType dtype) {
        /**
         * Checks the options.
         *
         * @param dModel the model width
         * @param nhead the number of attention heads; must divide dModel
         * @param dimFeedforward the width of the feed-forward network
         * @param dropout the dropout probability, in [0, 1)
         * @param activation {@code "relu"} or {@code "gelu"}
         * @param layerNormEps the layer norms' ε
         * @param batchFirst whether inputs are [N, L, E] rather than [L, N, E]
         * @param normFirst whether the layer norms come before each block (pre-norm)
         * @param dtype the parameters' dtype
         * @throws IllegalArgumentException naming the option otherwise
         */
        public Settings {
            if (dModel <= 0 || nhead <= 0 || dimFeedforward <= 0) {
                throw new IllegalArgumentException("TransformerEncoderLayer: dModel, nhead and dimFeedforward must be positive, "
                        + "got dModel=" + dModel + ", nhead=" + nhead + ", dimFeedforward=" + dimFeedforward);
            }
            if (dModel % nhead != 0) {
                throw new IllegalArgumentException("TransformerEncoderLayer: dModel=" + dModel + " must be divisible by nhead="
                        + nhead);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("TransformerEncoderLayer: dropout must be in [0, 1), got " + dropout);
            }
            Objects.requireNonNull(activation, "activation");
            if (!activation.equals("relu") && !activation.equals("gelu")) {
                throw new IllegalArgumentException("TransformerEncoderLayer: activation should be relu or gelu, not "
                        + activation);
            }
            Objects.requireNonNull(dtype, "dtype");
        }

        /**
         * PyTorch's defaults: dimFeedforward 2048, dropout 0.1, relu, ε = 1e-5, sequence first, post-norm, float32.
         *
         * @param dModel the model width
         * @param nhead the number of heads
         * @return the settings
         */
        public static Settings of(int dModel, int nhead) {
            return new Settings(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false, DType.FLOAT32);
        }

        /**
         * These settings with another feed-forward width.
         *
         * @param value the width
         * @return the new settings
         */
        public Settings withDimFeedforward(int value) {
            return new Settings(dModel, nhead, value, dropout, activation, layerNormEps, batchFirst, normFirst, dtype);
        }

        /**
         * These settings with another dropout probability.
         *
         * @param value the probability
         * @return the new settings
         */
        public Settings withDropout(double value) {
            return new Settings(dModel, nhead, dimFeedforward, value, activation, layerNormEps, batchFirst, normFirst, dtype);
        }

        /**
         * These settings with another activation.
         *
         * @param value {@code "relu"} or {@code "gelu"}
         * @return the new settings
         */
        public Settings withActivation(String value) {
            return new Settings(dModel, nhead, dimFeedforward, dropout, value, layerNormEps, batchFirst, normFirst, dtype);
        }

        /**
         * These settings with another layer-norm ε.
         *
         * @param value ε
         * @return the new settings
         */
        public Settings withLayerNormEps(double value) {
            return new Settings(dModel, nhead, dimFeedforward, dropout, activation, value, batchFirst, normFirst, dtype);
        }

        /**
         * These settings with another layout.
         *
         * @param value whether inputs are [N, L, E]
         * @return the new settings
         */
        public Settings withBatchFirst(boolean value) {
            return new Settings(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, value, normFirst, dtype);
        }

        /**
         * These settings with pre- or post-norm.
         *
         * @param value whether the norms come first
         * @return the new settings
         */
        public Settings withNormFirst(boolean value) {
            return new Settings(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, value, dtype);
        }

        /**
         * These settings with another dtype.
         *
         * @param value the parameters' dtype
         * @return the new settings
         */
        public Settings withDType(DType value) {
            return new Settings(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, value);
        }
    }

    /**
     * A layer with PyTorch's defaults ({@link Settings#of}), initialised from the global generator.
     *
     * @param dModel the model width
     * @param nhead the number of heads; must divide dModel
     */
    public TransformerEncoderLayer(int dModel, int nhead) {
        this(Settings.of(dModel, nhead), Generator.global());
    }

    /**
     * A layer with the given options.
     *
     * @param settings the options
     * @param generator the source of initial values and dropout masks
     */
    public TransformerEncoderLayer(Settings settings, Generator generator) {
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(generator, "generator");
        DType dtype = settings.dtype();
        int d = settings.dModel();
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(d, settings.nhead(), settings.dropout(), true,
                settings.batchFirst(), dtype, generator));
        this.linear1 = registerModule("linear1", new Linear(d, settings.dimFeedforward(), true, dtype, generator));
        this.dropout = registerModule("dropout", new Dropout(settings.dropout(), generator));
        this.linear2 = registerModule("linear2", new Linear(settings.dimFeedforward(), d, true, dtype, generator));
        int[] shape = {d};
        this.norm1 = registerModule("norm1", new LayerNorm(shape, settings.layerNormEps(), true, true, dtype));
        this.norm2 = registerModule("norm2", new LayerNorm(shape, settings.layerNormEps(), true, true, dtype));
        this.dropout1 = registerModule("dropout1", new Dropout(settings.dropout(), generator));
        this.dropout2 = registerModule("dropout2", new Dropout(settings.dropout(), generator));
    }

    /**
     * The block without masks.
     *
     * @param src [L, N, E] ([N, L, E] with batchFirst; [L, E] unbatched)
     * @return the output, shaped as src
     */
    @Override
    public Tensor forward(Tensor src) {
        Objects.requireNonNull(src, "TransformerEncoderLayer.forward: src");
        return forward(src, null, null);
    }

    /**
     * The block with masks, as PyTorch's {@code forward(src, src_mask, src_key_padding_mask)}.
     *
     * @param src [L, N, E] ([N, L, E] with batchFirst; [L, E] unbatched)
     * @param srcMask null, or the attention mask ([L, L] or [N·nhead, L, L]; bool true = not allowed, or float added)
     * @param srcKeyPaddingMask null, or [N, L] (bool true = padding, or float added)
     * @return the output, shaped as src
     */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        Tensor x = Objects.requireNonNull(src, "TransformerEncoderLayer.forward: src");
        if (settings.normFirst()) {
            x = x.add(selfAttentionBlock(norm1.call(x), srcMask, srcKeyPaddingMask));
            x = x.add(feedForwardBlock(norm2.call(x)));
        } else {
            x = norm1.call(x.add(selfAttentionBlock(x, srcMask, srcKeyPaddingMask)));
            x = norm2.call(x.add(feedForwardBlock(x)));
        }
        return x;
    }

    private Tensor selfAttentionBlock(Tensor x, Tensor mask, Tensor keyPaddingMask) {
        return dropout1.call(selfAttn.forward(x, x, x, keyPaddingMask, false, mask, true).output());
    }

    private Tensor feedForwardBlock(Tensor x) {
        Tensor h = linear1.call(x);
        h = settings.activation().equals("gelu") ? h.gelu() : h.relu();
        return dropout2.call(linear2.call(dropout.call(h)));
    }

    /**
     * A new layer with the same settings and the same parameter values (PyTorch's deep copy, by
     * which {@link TransformerEncoder} clones its layer).
     *
     * @param generator the copy's source of dropout masks
     * @return the copy
     */
    public TransformerEncoderLayer copy(Generator generator) {
        TransformerEncoderLayer twin = new TransformerEncoderLayer(settings, generator);
        twin.loadStateDict(stateDict());
        twin.train(isTraining());
        return twin;
    }

    /**
     * The options this layer was built with.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * The self-attention.
     *
     * @return {@code self_attn}
     */
    public MultiheadAttention selfAttn() {
        return selfAttn;
    }

    @Override
    protected String extraRepr() {
        return settings.toString();
    }
}

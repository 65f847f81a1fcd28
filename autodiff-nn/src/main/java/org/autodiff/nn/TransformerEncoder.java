package org.autodiff.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;

/**
 * A stack of {@link TransformerEncoderLayer}s, like PyTorch 1.13's {@code nn.TransformerEncoder}:
 * {@code numLayers} copies of one layer ({@code layers.0}, {@code layers.1}, ...), run in order
 * with the same masks, then an optional final {@code norm}.
 *
 * <p>As in PyTorch, the copies start with the given layer's parameter values (PyTorch deep-copies
 * it); they part ways in training because each sees a different input.
 */
public final class TransformerEncoder extends Module {
    private final List<TransformerEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm norm;

    /**
     * A stack of copies of {@code encoderLayer}.
     *
     * @param encoderLayer the layer to copy (not itself registered, as in PyTorch)
     * @param numLayers how many copies, at least one
     * @param norm the final layer norm, or null for none
     * @param generator the copies' source of dropout masks
     */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, LayerNorm norm, Generator generator) {
        Objects.requireNonNull(encoderLayer, "encoderLayer");
        if (numLayers <= 0) {
            throw new IllegalArgumentException("TransformerEncoder: numLayers must be positive, got " + numLayers);
        }
        Sequential stack = registerModule("layers", new Sequential());
        for (int i = 0; i < numLayers; i++) {
            TransformerEncoderLayer layer = encoderLayer.copy(generator);
            layers.add(layer);
            stack.append(layer);
        }
        this.norm = norm == null ? null : registerModule("norm", norm);
    }

    /**
     * The stack without masks.
     *
     * @param src [L, N, E] ([N, L, E] with batchFirst; [L, E] unbatched)
     * @return the output, shaped as src
     */
    @Override
    public Tensor forward(Tensor src) {
        Objects.requireNonNull(src, "TransformerEncoder.forward: src");
        return forward(src, null, null);
    }

    /**
     * The stack with masks, as PyTorch's {@code forward(src, mask, src_key_padding_mask)}.
     *
     * @param src [L, N, E] ([N, L, E] with batchFirst; [L, E] unbatched)
     * @param mask null, or the attention mask ([L, L] or [N·nhead, L, L]; bool true = not allowed, or float added)
     * @param srcKeyPaddingMask null, or [N, L] (bool true = padding, or float added)
     * @return the output, shaped as src
     */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        Tensor x = Objects.requireNonNull(src, "TransformerEncoder.forward: src");
        for (TransformerEncoderLayer layer : layers) {
            x = layer.forward(x, mask, srcKeyPaddingMask);
        }
        return norm == null ? x : norm.call(x);
    }

    /**
     * The causal mask of {@code nn.Transformer.generate_square_subsequent_mask(size)}: a float
     * [size, size] mask with −∞ above the diagonal (position i may not attend to j &gt; i) and 0
     * elsewhere.
     *
     * @param size the sequence length
     * @param dtype the mask's dtype (floating point)
     * @return the mask
     */
    public static Tensor generateSquareSubsequentMask(int size, DType dtype) {
        if (size <= 0) {
            throw new IllegalArgumentException("generateSquareSubsequentMask: size must be positive, got " + size);
        }
        return Tensor.full(dtype, Double.NEGATIVE_INFINITY, size, size).triu(1);
    }

    /**
     * The layers, in order.
     *
     * @return {@code layers.0}, {@code layers.1}, ...
     */
    public List<TransformerEncoderLayer> layers() {
        return List.copyOf(layers);
    }
}

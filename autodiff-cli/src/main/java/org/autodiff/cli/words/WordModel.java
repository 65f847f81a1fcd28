package org.autodiff.cli.words;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.Words;

/**
 * The architecture of a next-character model of words, as recorded in its checkpoint so that
 * {@code sample} can rebuild it: the kind ({@code transformer}, {@code lstm}, {@code bigram}), the
 * context window and the sizes.
 *
 * @param kind transformer, lstm or bigram
 * @param context the window length the model reads
 * @param dModel the transformer's width
 * @param heads the transformer's attention heads
 * @param layers the number of transformer (or LSTM) layers
 * @param feedforward the transformer's feed-forward width
 * @param hidden the LSTM's hidden size
 * @param dropout the dropout probability in training
 */
public record WordModel(String kind, int context, int dModel, int heads, int layers, int feedforward, int hidden,
        double dropout) {
    /** Float32 throughout, as PyTorch's default. */
    public static final DType DTYPE = DType.FLOAT32;

    /**
     * Checks the sizes.
     *
     * @throws IllegalArgumentException naming the bad value
     */
    public WordModel {
        if (!kind.equals("transformer") && !kind.equals("lstm") && !kind.equals("bigram")) {
            throw new IllegalArgumentException("model must be transformer, lstm or bigram for the words data set, got " + kind);
        }
        if (context < 1 || dModel < 1 || heads < 1 || layers < 1 || feedforward < 1 || hidden < 1) {
            throw new IllegalArgumentException("context, d-model, heads, layers, feedforward and hidden must be positive, got "
                    + context + ", " + dModel + ", " + heads + ", " + layers + ", " + feedforward + ", " + hidden);
        }
        if (kind.equals("transformer") && dModel % heads != 0) {
            throw new IllegalArgumentException("d-model " + dModel + " must be divisible by heads " + heads);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * The model, freshly initialised.
     *
     * @param generator the source of initial values and dropout masks
     * @return the module: ids [N, L] to logits [N, L, 27]
     */
    public Module build(Generator generator) {
        int v = Words.VOCABULARY_SIZE;
        return switch (kind) {
            case "transformer" -> new CharTransformer(v, context, dModel, heads, layers, feedforward, dropout, DTYPE, generator);
            case "lstm" -> new CharLstm(v, dModel, hidden, layers, dropout, DTYPE, generator);
            default -> new BigramModel(v, DTYPE);
        };
    }

    /**
     * The number of parameters {@link #build} makes, counted without building (in long
     * arithmetic, so that sizes read from an untrusted checkpoint cannot overflow).
     *
     * @return the count (the bigram's table included)
     */
    public long parameterCount() {
        long v = Words.VOCABULARY_SIZE, d = dModel, ff = feedforward, h = hidden;
        return switch (kind) {
            case "transformer" -> v * d + (long) context * d
                    + layers * (3 * d * d + 3 * d + d * d + d + d * ff + ff + ff * d + d + 4 * d) + 2 * d + d * v + v;
            case "lstm" -> v * d + 4 * h * d + layers * (4 * h * h + 8 * h) + (layers - 1) * 4 * h * h + h * v + v;
            default -> v * v;
        };
    }

    /**
     * The checkpoint metadata that describes this model.
     *
     * @return the entries
     */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", "words");
        m.put("model", kind);
        m.put("context", Integer.toString(context));
        m.put("dModel", Integer.toString(dModel));
        m.put("heads", Integer.toString(heads));
        m.put("layers", Integer.toString(layers));
        m.put("feedforward", Integer.toString(feedforward));
        m.put("hidden", Integer.toString(hidden));
        m.put("dropout", Double.toString(dropout));
        return m;
    }

    /**
     * The model a checkpoint's metadata describes.
     *
     * @param m the metadata
     * @return the model's description
     * @throws IllegalArgumentException if the metadata is not that of a words model
     */
    public static WordModel fromMetadata(Map<String, String> m) {
        if (!"words".equals(m.get("dataset"))) {
            throw new IllegalArgumentException("the checkpoint is not a words model (dataset " + m.get("dataset") + ")");
        }
        try {
            return new WordModel(require(m, "model"), Integer.parseInt(require(m, "context")),
                    Integer.parseInt(require(m, "dModel")), Integer.parseInt(require(m, "heads")),
                    Integer.parseInt(require(m, "layers")), Integer.parseInt(require(m, "feedforward")),
                    Integer.parseInt(require(m, "hidden")), Double.parseDouble(require(m, "dropout")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's metadata has a malformed size: " + e.getMessage(), e);
        }
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("the checkpoint's metadata lacks '" + key + "'");
        }
        return v;
    }

    /**
     * A one-line description.
     *
     * @return e.g. "transformer (context 16, d-model 128, 4 heads, 3 layers, feedforward 512)"
     */
    public String describe() {
        return switch (kind) {
            case "transformer" -> String.format(Locale.ROOT, "transformer (context %d, d-model %d, %d heads, %d layers, "
                    + "feedforward %d, dropout %s)", context, dModel, heads, layers, feedforward, dropout);
            case "lstm" -> String.format(Locale.ROOT, "lstm (context %d, embedding %d, hidden %d, %d layers, dropout %s)", context,
                    dModel, hidden, layers, dropout);
            default -> String.format(Locale.ROOT, "bigram (counts + 1)");
        };
    }
}

package org.autodiff.cli.words;

import java.util.Arrays;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Embedding;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.NextCharacters;

/**
 * The counting baseline: the next token's log-probabilities given the current one, from the
 * training counts of each pair plus one (Laplace smoothing), held as a {@code table}
 * [vocabulary, vocabulary] that an {@link Embedding} looks up. It is not trained by gradients.
 */
final class BigramModel extends Module {
    private final int vocabulary;
    private final Embedding table;

    /**
     * An untrained (uniform) table.
     *
     * @param vocabulary the number of tokens
     * @param dtype the table's dtype
     */
    BigramModel(int vocabulary, DType dtype) {
        this.vocabulary = vocabulary;
        this.table = registerModule("table", new Embedding(vocabulary, vocabulary, null, dtype, new Generator(0)));
        try (var off = GradMode.noGrad()) {
            table.weight().copyFrom(Tensor.full(dtype, -Math.log(vocabulary), vocabulary, vocabulary));
        }
        table.weight().requiresGrad(false);
    }

    /**
     * Sets the table from the pairs (input token, target) of {@code data}.
     *
     * @param data the training windows
     */
    void fit(NextCharacters data) {
        double[] counts = new double[vocabulary * vocabulary];
        Arrays.fill(counts, 1);
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Tensor[] batch = data.batch(all);
        long[] x = batch[0].toLongArray(), y = batch[1].toLongArray();
        for (int i = 0; i < x.length; i++) {
            if (y[i] >= 0) {
                counts[(int) (x[i] * vocabulary + y[i])]++;
            }
        }
        double[] logProbs = new double[counts.length];
        for (int r = 0; r < vocabulary; r++) {
            double total = 0;
            for (int c = 0; c < vocabulary; c++) {
                total += counts[r * vocabulary + c];
            }
            for (int c = 0; c < vocabulary; c++) {
                logProbs[r * vocabulary + c] = Math.log(counts[r * vocabulary + c] / total);
            }
        }
        try (var off = GradMode.noGrad()) {
            table.weight().copyFrom(Tensor.of(logProbs, vocabulary, vocabulary));
        }
    }

    /**
     * The next token's log-probabilities at every position.
     *
     * @param ids int64 [N, L]
     * @return [N, L, vocabulary]
     */
    @Override
    public Tensor forward(Tensor ids) {
        return table.call(ids);
    }
}

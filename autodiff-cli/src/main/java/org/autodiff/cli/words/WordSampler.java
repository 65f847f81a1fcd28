package org.autodiff.cli.words;

import java.util.ArrayList;
import java.util.List;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.Words;

/**
 * Draws new words from a next-character model: from the start token, the next character is drawn
 * from softmax(logits / temperature) given the last {@code context} tokens, until the end token
 * (or {@link #MAX_LENGTH} letters).
 */
public final class WordSampler {
    /** The longest word drawn; longer draws are cut (the list's longest word has 22 letters). */
    public static final int MAX_LENGTH = 40;

    private WordSampler() {
    }

    /**
     * Draws {@code n} words.
     *
     * @param model the model (run in evaluation mode, without gradients)
     * @param context the longest window it reads
     * @param n how many words
     * @param temperature above 0; below 1 sharpens the distribution, above 1 flattens it
     * @param generator the source of the draws
     * @return the words (an empty string if the end came first)
     */
    public static List<String> sample(Module model, int context, int n, double temperature, Generator generator) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, got " + temperature);
        }
        boolean training = model.isTraining();
        model.eval();
        List<String> words = new ArrayList<>();
        try (var off = GradMode.noGrad()) {
            for (int w = 0; w < n; w++) {
                List<Long> tokens = new ArrayList<>(List.of(0L));
                StringBuilder word = new StringBuilder();
                while (word.length() < MAX_LENGTH) {
                    int from = Math.max(0, tokens.size() - context);
                    long[] window = tokens.subList(from, tokens.size()).stream().mapToLong(Long::longValue).toArray();
                    Tensor logits = model.call(Tensor.wrap(window, Shape.of(1, window.length)));
                    double[] last = logits.slice(1, window.length - 1, window.length, 1).to(DType.FLOAT64)
                            .div(temperature).softmax(-1).toDoubleArray();
                    int next = draw(last, generator.nextUniform());
                    if (next == 0) {
                        break;
                    }
                    tokens.add((long) next);
                    word.append(Words.character(next));
                }
                words.add(word.toString());
            }
        } finally {
            model.train(training);
        }
        return words;
    }

    /** The index where the cumulative probability passes u (the last one if rounding leaves it short). */
    private static int draw(double[] probabilities, double u) {
        double cumulative = 0;
        for (int i = 0; i < probabilities.length; i++) {
            cumulative += probabilities[i];
            if (u < cumulative) {
                return i;
            }
        }
        return probabilities.length - 1;
    }
}

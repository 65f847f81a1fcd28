package org.autodiff.nn.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.nn.loss.Losses;

/**
 * A next-character data set of words: each word is framed by the boundary token
 * ({@code .word.}) and cut into windows of {@code context} positions, each position's target
 * the token after it. A model that reads a window left to right (causally) predicts every letter
 * and the end of the word from the tokens before it, up to {@code context} of them.
 *
 * <p>A word of n letters makes n + 1 predictions. When n + 1 ≤ context it fits one window,
 * padded after its end (inputs by the boundary token, targets by {@link Losses#DEFAULT_IGNORE_INDEX},
 * which the cross-entropy skips); a longer word takes more windows, each ending as late as it can so
 * that every prediction sees as much context as possible, and each prediction is counted once (the
 * targets a window repeats are ignored). So the mean cross-entropy over the non-ignored targets is
 * the loss in nats per character, end tokens included.
 */
public final class NextCharacters {
    private final int context;
    private final long[] inputs;
    private final long[] targets;
    private final int windows;
    /** Per window, the positions up to its last prediction (the rest is padding). */
    private final int[] lengths;
    private final long predictions;

    /**
     * The windows of {@code words}.
     *
     * @param words the words (letters a–z)
     * @param context the window length, at least 1
     */
    public NextCharacters(List<String> words, int context) {
        Objects.requireNonNull(words, "words");
        if (context < 1) {
            throw new IllegalArgumentException("NextCharacters: context must be at least 1, got " + context);
        }
        this.context = context;
        List<long[]> in = new ArrayList<>(), out = new ArrayList<>();
        long count = 0;
        for (String word : words) {
            int n = word.length();
            long[] tokens = new long[n + 2];
            for (int i = 0; i < n; i++) {
                tokens[i + 1] = Words.token(word.charAt(i));
            }
            // tokens[0] and tokens[n + 1] are the boundary; target t (1..n+1) is predicted from tokens[< t].
            int covered = 0;
            while (covered < n + 1) {
                int end = Math.min(covered + context, n + 1);
                int start = Math.max(0, end - context);
                long[] x = new long[context], y = new long[context];
                Arrays.fill(y, Losses.DEFAULT_IGNORE_INDEX);
                for (int p = 0; p < context; p++) {
                    int t = start + p + 1;
                    // Positions after the end read the boundary; their targets stay ignored.
                    x[p] = t - 1 <= n + 1 ? tokens[t - 1] : 0;
                    if (t > covered && t <= end) {
                        y[p] = tokens[t];
                    }
                }
                count += end - covered;
                covered = end;
                in.add(x);
                out.add(y);
            }
        }
        this.windows = in.size();
        this.inputs = new long[windows * context];
        this.targets = new long[windows * context];
        this.lengths = new int[windows];
        for (int i = 0; i < windows; i++) {
            System.arraycopy(in.get(i), 0, inputs, i * context, context);
            System.arraycopy(out.get(i), 0, targets, i * context, context);
            long[] y = out.get(i);
            int last = context;
            while (last > 0 && y[last - 1] == Losses.DEFAULT_IGNORE_INDEX) {
                last--;
            }
            lengths[i] = last;
        }
        this.predictions = count;
    }

    /**
     * The number of windows.
     *
     * @return the windows
     */
    public int size() {
        return windows;
    }

    /**
     * The window length.
     *
     * @return the context
     */
    public int context() {
        return context;
    }

    /**
     * The number of predicted characters (letters and end tokens), each counted once.
     *
     * @return the non-ignored targets
     */
    public long predictions() {
        return predictions;
    }

    /**
     * The length of a window without its padding: the positions up to its last prediction.
     *
     * @param window the window's index
     * @return a length in [1, context]
     */
    public int length(int window) {
        return lengths[window];
    }

    /**
     * Some windows, as int64 tensors [rows, L]: the inputs and the targets (ignored positions hold
     * {@link Losses#DEFAULT_IGNORE_INDEX}), cut to L, the longest {@link #length} among them. The
     * positions cut are padding only, so a causal model's loss is unchanged, and a batch of short
     * words costs less.
     *
     * @param rows the windows' indices
     * @return {inputs, targets}
     */
    public Tensor[] batch(int[] rows) {
        int l = 1;
        for (int r : rows) {
            if (r < 0 || r >= windows) {
                throw new IndexOutOfBoundsException("NextCharacters: window " + r + " is out of range for " + windows
                        + " windows");
            }
            l = Math.max(l, lengths[r]);
        }
        long[] x = new long[rows.length * l], y = new long[rows.length * l];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(inputs, rows[i] * context, x, i * l, l);
            System.arraycopy(targets, rows[i] * context, y, i * l, l);
        }
        Shape shape = Shape.of(rows.length, l);
        return new Tensor[] {Tensor.wrap(x, shape), Tensor.wrap(y, shape)};
    }

    /**
     * The windows cut into batches of similar lengths, in a random order: the shuffled windows are
     * taken in groups of {@code batchSize · 16}, each group sorted by length and cut into batches,
     * and the batches shuffled. Every window is in exactly one batch.
     *
     * @param batchSize windows per batch (the last batch of a group may be smaller)
     * @param generator the source of the shuffles
     * @return the batches' window indices
     */
    public List<int[]> bucketedBatches(int batchSize, Generator generator) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("NextCharacters: batchSize must be at least 1, got " + batchSize);
        }
        int[] order = shuffle(identity(windows), generator);
        int group = batchSize * 16;
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < windows; from += group) {
            int[] part = Arrays.stream(Arrays.copyOfRange(order, from, Math.min(windows, from + group)))
                    .boxed().sorted(Comparator.comparingInt(w -> lengths[w])).mapToInt(Integer::intValue).toArray();
            for (int b = 0; b < part.length; b += batchSize) {
                batches.add(Arrays.copyOfRange(part, b, Math.min(part.length, b + batchSize)));
            }
        }
        int[] batchOrder = shuffle(identity(batches.size()), generator);
        List<int[]> shuffled = new ArrayList<>(batches.size());
        for (int i : batchOrder) {
            shuffled.add(batches.get(i));
        }
        return shuffled;
    }

    /**
     * Every window in batches of similar lengths (sorted by length), for evaluation.
     *
     * @param batchSize windows per batch
     * @return the batches' window indices
     */
    public List<int[]> sortedBatches(int batchSize) {
        int[] order = Arrays.stream(identity(windows)).boxed()
                .sorted(Comparator.comparingInt(w -> lengths[w])).mapToInt(Integer::intValue).toArray();
        List<int[]> batches = new ArrayList<>();
        for (int b = 0; b < windows; b += batchSize) {
            batches.add(Arrays.copyOfRange(order, b, Math.min(windows, b + batchSize)));
        }
        return batches;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher–Yates with the generator's draws. */
    private static int[] shuffle(int[] a, Generator generator) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = generator.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}

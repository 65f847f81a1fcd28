package org.autodiff.bench;

import java.util.SplittableRandom;

/**
 * The inputs every benchmark starts from, generated here so that autodiff and each peer engine
 * see the same numbers, and the thread count the run was asked for.
 */
public final class BenchData {
    private BenchData() {
    }

    /** {@code n} floats uniform in [-scale, scale), the same for the same seed on every engine. */
    public static float[] uniform(long seed, int n, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return values;
    }

    /** The same values widened to double, for the float64 variants. */
    public static double[] widen(float[] values) {
        double[] wide = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            wide[i] = values[i];
        }
        return wide;
    }

    /** {@code n} class labels in [0, classes). */
    public static int[] labels(long seed, int n, int classes) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }

    /** The labels as a row-major [n, classes] one-hot matrix. */
    public static float[] oneHot(int[] labels, int classes) {
        float[] rows = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            rows[i * classes + labels[i]] = 1;
        }
        return rows;
    }

    /**
     * The number of threads each engine may use, from {@code -Dbench.threads} (set by
     * {@link PeerTable}); the machine's processor count when absent.
     */
    public static int threads() {
        return Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
    }
}

package org.autodiff.core.backend;

import java.util.Random;

/**
 * The textbook triple loop for {@code C = op(A)·op(B)}, the reference every backend's GEMM is
 * checked against, plus random operands for such checks. Part of the published test jar so
 * other backends (autodiff-native) test against the same reference.
 */
public final class NaiveGemm {
    private NaiveGemm() {
    }

    /** Row-major {@code op(A)·op(B)} accumulated in double, m×n. */
    public static double[] product(boolean transA, boolean transB, int m, int n, int k,
                                   double[] a, int aOffset, double[] b, int bOffset) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = a[aOffset + (transA ? p * m + i : i * k + p)];
                    double y = b[bOffset + (transB ? j * k + p : p * n + j)];
                    s += x * y;
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** The float32 operands widened, multiplied in double. */
    public static double[] product(boolean transA, boolean transB, int m, int n, int k,
                                   float[] a, int aOffset, float[] b, int bOffset) {
        return product(transA, transB, m, n, k, widen(a), aOffset, widen(b), bOffset);
    }

    /** {@code length} uniform values in [-1, 1). */
    public static double[] randomDoubles(Random random, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = 2 * random.nextDouble() - 1;
        }
        return x;
    }

    /** {@code length} uniform float values in [-1, 1). */
    public static float[] randomFloats(Random random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = 2 * random.nextFloat() - 1;
        }
        return x;
    }

    private static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}

package org.autodiff.nn.data;

import java.util.Objects;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Seeded toy data sets for classification in the plane and beyond: two interleaving half
 * circles ({@link #moons}), k interleaved spiral arms ({@link #spirals}) and Gaussian clusters
 * ({@link #blobs}). The same arguments and seed always give the same data. The examples come
 * shuffled, as scikit-learn's generators return them. Features are float32 unless a
 * {@link DType} is given.
 */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * {@link #moons(DType, int, double, long)} in float32.
     *
     * @param n the number of points, at least 1
     * @param noise the standard deviation of the Gaussian noise added to each coordinate
     * @param seed the seed that fixes the points and their order
     * @return the points with labels 0 and 1
     */
    public static TensorDataset moons(int n, double noise, long seed) {
        return moons(DType.FLOAT32, n, noise, seed);
    }

    /**
     * Two interleaving half circles, as scikit-learn's {@code make_moons}: {@code n / 2} points
     * (label 0) on the upper unit half circle around (0, 0), the rest (label 1) on the lower one
     * around (1, 0.5), each coordinate then moved by Gaussian noise of standard deviation
     * {@code noise}. Features {@code [n, 2]}.
     *
     * @param dtype the features' dtype
     * @param n the number of points, at least 1
     * @param noise the standard deviation of the Gaussian noise added to each coordinate
     * @param seed the seed that fixes the points and their order
     * @return the points with labels 0 and 1
     */
    public static TensorDataset moons(DType dtype, int n, double noise, long seed) {
        Objects.requireNonNull(dtype, "Synthetic.moons: dtype is null");
        checkCount("moons", "n", n, 1);
        checkNoise("moons", noise);
        int nOuter = n / 2;
        int nInner = n - nOuter;
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < nOuter; i++) {
            double t = angle(i, nOuter);
            x[2 * i] = Math.cos(t);
            x[2 * i + 1] = Math.sin(t);
        }
        for (int i = 0; i < nInner; i++) {
            double t = angle(i, nInner);
            int row = nOuter + i;
            x[2 * row] = 1 - Math.cos(t);
            x[2 * row + 1] = 1 - Math.sin(t) - 0.5;
            y[row] = 1;
        }
        return shuffledWithNoise(dtype, x, y, 2, noise, new Generator(seed));
    }

    /**
     * {@link #spirals(DType, int, int, double, long)} in float32.
     *
     * @param perClass the number of points on each arm, at least 1
     * @param classes the number of arms, at least 1
     * @param noise the standard deviation of the Gaussian noise added to each point's angle
     * @param seed the seed that fixes the points and their order
     * @return the points with labels 0 .. classes-1
     */
    public static TensorDataset spirals(int perClass, int classes, double noise, long seed) {
        return spirals(DType.FLOAT32, perClass, classes, noise, seed);
    }

    /**
     * {@code classes} interleaved spiral arms of {@code perClass} points each, the classic
     * CS231n example that no linear classifier separates: point {@code i} of class {@code c} lies
     * at radius {@code r = i / (perClass - 1)} and angle {@code t = 4c + 4r} plus Gaussian noise
     * of standard deviation {@code noise} (0.2 is customary), at {@code (r sin t, r cos t)}.
     * Features {@code [perClass * classes, 2]}, labels 0 .. classes-1.
     *
     * @param dtype the features' dtype
     * @param perClass the number of points on each arm, at least 1
     * @param classes the number of arms, at least 1
     * @param noise the standard deviation of the Gaussian noise added to each point's angle
     * @param seed the seed that fixes the points and their order
     * @return the points with labels 0 .. classes-1
     */
    public static TensorDataset spirals(DType dtype, int perClass, int classes, double noise, long seed) {
        Objects.requireNonNull(dtype, "Synthetic.spirals: dtype is null");
        checkCount("spirals", "perClass", perClass, 1);
        checkCount("spirals", "classes", classes, 1);
        checkNoise("spirals", noise);
        Generator g = new Generator(seed);
        int n = Math.multiplyExact(perClass, classes);
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                double r = perClass == 1 ? 0 : (double) i / (perClass - 1);
                double t = 4 * c + 4 * r + noise * g.nextNormal();
                x[2 * row] = r * Math.sin(t);
                x[2 * row + 1] = r * Math.cos(t);
                y[row] = c;
            }
        }
        return shuffledWithNoise(dtype, x, y, 2, 0, g);
    }

    /**
     * {@link #blobs(DType, int, int, int, double, long)} in float32.
     *
     * @param n the number of points, at least 1
     * @param centers the number of clusters, at least 1
     * @param features the number of coordinates of each point, at least 1
     * @param clusterStd the standard deviation of each cluster's Gaussian noise
     * @param seed the seed that fixes the centres, the points and their order
     * @return the points, labelled with their cluster's index
     */
    public static TensorDataset blobs(int n, int centers, int features, double clusterStd, long seed) {
        return blobs(DType.FLOAT32, n, centers, features, clusterStd, seed);
    }

    /**
     * Gaussian clusters, as scikit-learn's {@code make_blobs}: {@code centers} centres drawn
     * uniformly from the box [-10, 10]^features, then {@code n} points shared among them as evenly
     * as possible (the first {@code n % centers} clusters get one more), each its centre plus
     * Gaussian noise of standard deviation {@code clusterStd}. Label = cluster index.
     *
     * @param dtype the features' dtype
     * @param n the number of points, at least 1
     * @param centers the number of clusters, at least 1
     * @param features the number of coordinates of each point, at least 1
     * @param clusterStd the standard deviation of each cluster's Gaussian noise
     * @param seed the seed that fixes the centres, the points and their order
     * @return the points, labelled with their cluster's index
     */
    public static TensorDataset blobs(DType dtype, int n, int centers, int features, double clusterStd, long seed) {
        Objects.requireNonNull(dtype, "Synthetic.blobs: dtype is null");
        checkCount("blobs", "centers", centers, 1);
        checkCount("blobs", "features", features, 1);
        Generator g = new Generator(seed);
        double[][] c = new double[centers][features];
        for (double[] centre : c) {
            for (int f = 0; f < features; f++) {
                centre[f] = -10 + 20 * g.nextUniform();
            }
        }
        return blobs(dtype, n, c, clusterStd, g);
    }

    /**
     * Gaussian clusters around the given centres (one row per cluster, all the same length):
     * {@code n} points shared among them as evenly as possible, each its centre plus Gaussian
     * noise of standard deviation {@code clusterStd}. Label = row of the centre.
     *
     * @param dtype the features' dtype
     * @param n the number of points, at least 1
     * @param centers the clusters' centres, one row each, all rows the same length
     * @param clusterStd the standard deviation of each cluster's Gaussian noise
     * @param seed the seed that fixes the points and their order
     * @return the points, labelled with the row of their centre
     */
    public static TensorDataset blobs(DType dtype, int n, double[][] centers, double clusterStd, long seed) {
        Objects.requireNonNull(centers, "Synthetic.blobs: centers is null");
        Objects.requireNonNull(dtype, "Synthetic.blobs: dtype is null");
        return blobs(dtype, n, centers, clusterStd, new Generator(seed));
    }

    private static TensorDataset blobs(DType dtype, int n, double[][] centers, double clusterStd, Generator g) {
        checkCount("blobs", "n", n, 1);
        checkCount("blobs", "number of centers", centers.length, 1);
        checkNoise("blobs", clusterStd);
        int features = centers[0].length;
        for (int k = 0; k < centers.length; k++) {
            if (centers[k].length != features) {
                throw new IllegalArgumentException("blobs: centre " + k + " has " + centers[k].length
                        + " coordinates, centre 0 has " + features);
            }
        }
        double[] x = new double[n * features];
        int[] y = new int[n];
        int row = 0;
        for (int k = 0; k < centers.length; k++) {
            int count = n / centers.length + (k < n % centers.length ? 1 : 0);
            for (int i = 0; i < count; i++, row++) {
                System.arraycopy(centers[k], 0, x, row * features, features);
                y[row] = k;
            }
        }
        return shuffledWithNoise(dtype, x, y, features, clusterStd, g);
    }

    /** Angle of point {@code i} of {@code count} spread evenly over [0, π], as {@code linspace(0, π, count)}. */
    private static double angle(int i, int count) {
        return count == 1 ? 0 : Math.PI * i / (count - 1);
    }

    /** Shuffles the rows, adds noise to every coordinate, and packs the result. */
    private static TensorDataset shuffledWithNoise(DType dtype, double[] x, int[] y, int d, double noise, Generator g) {
        int n = y.length;
        double[] shuffled = new double[x.length];
        int[] labels = new int[n];
        int[] order = Permutations.random(n, g);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, order[i] * d, shuffled, i * d, d);
            labels[i] = y[order[i]];
        }
        if (noise > 0) {
            for (int i = 0; i < shuffled.length; i++) {
                shuffled[i] += noise * g.nextNormal();
            }
        }
        return new TensorDataset(Tensor.wrap(shuffled, Shape.of(n, d)).to(dtype), labels);
    }

    private static void checkCount(String op, String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(op + ": " + name + " must be at least " + min + ", got " + value);
        }
    }

    private static void checkNoise(String op, double noise) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException(op + ": noise must be a finite non-negative number, got " + noise);
        }
    }
}

package org.autodiff.teaching;

import java.util.Random;

/**
 * Two interleaving half circles in the plane, one per class, blurred by Gaussian noise: a
 * small problem that no straight line separates (as scikit-learn's {@code make_moons}).
 *
 * @param points the points, {@code points[i] = {x, y}}
 * @param labels the class of each point, −1 (upper moon) or +1 (lower moon)
 */
public record TwoMoons(double[][] points, int[] labels) {

    /**
     * {@code perClass} points on each moon.
     *
     * @param perClass the number of points on each moon
     * @param noise the standard deviation of the noise added to each coordinate
     * @param seed  seeds the angles and the noise
     * @return the points and their moons' labels
     */
    public static TwoMoons generate(int perClass, double noise, long seed) {
        Random random = new Random(seed);
        double[][] points = new double[2 * perClass][];
        int[] labels = new int[2 * perClass];
        for (int i = 0; i < perClass; i++) {
            double t = Math.PI * random.nextDouble();
            points[i] = new double[] {Math.cos(t) + noise * random.nextGaussian(),
                    Math.sin(t) + noise * random.nextGaussian()};
            labels[i] = -1;
            double s = Math.PI * random.nextDouble();
            points[perClass + i] = new double[] {1 - Math.cos(s) + noise * random.nextGaussian(),
                    0.5 - Math.sin(s) + noise * random.nextGaussian()};
            labels[perClass + i] = 1;
        }
        return new TwoMoons(points, labels);
    }

    /** @return the number of points */
    public int size() {
        return labels.length;
    }
}

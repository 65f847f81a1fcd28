package org.autodiff.nn.data;

import java.util.Arrays;
import java.util.Objects;
import org.autodiff.core.Generator;

/**
 * A data set split into a training and a test part, like scikit-learn's
 * {@code train_test_split}: seeded, so the same seed gives the same split, and optionally
 * stratified, so each class keeps its share in both parts.
 *
 * @param train the training examples
 * @param test the held-out examples
 */
public record TrainTestSplit(TensorDataset train, TensorDataset test) {
    /**
     * Checks that both parts are present.
     *
     * @param train the training examples
     * @param test the held-out examples
     */
    public TrainTestSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Puts {@code round(testFraction * n)} examples, chosen at random, in the test part and the
     * rest in the training part, both in a random order.
     *
     * @param dataset the examples to split
     * @param testFraction the share of examples held out for testing, in (0, 1)
     * @param seed the seed that fixes the split
     * @return the two parts
     */
    public static TrainTestSplit random(TensorDataset dataset, double testFraction, long seed) {
        int n = checkedSize(dataset, testFraction);
        int[] order = Permutations.random(n, new Generator(seed));
        int nTest = (int) Math.round(testFraction * n);
        return of(dataset, Arrays.copyOfRange(order, nTest, n), Arrays.copyOfRange(order, 0, nTest));
    }

    /**
     * Like {@link #random} but class by class: of each class's {@code m} examples,
     * {@code round(testFraction * m)} go to the test part, so class proportions are kept.
     *
     * @param dataset the examples to split, with class labels
     * @param testFraction the share of each class held out for testing, in (0, 1)
     * @param seed the seed that fixes the split
     * @return the two parts
     */
    public static TrainTestSplit stratified(TensorDataset dataset, double testFraction, long seed) {
        int n = checkedSize(dataset, testFraction);
        int[] labels = dataset.labels();
        Generator g = new Generator(seed);
        int[] train = new int[n];
        int[] test = new int[n];
        int nTrain = 0;
        int nTest = 0;
        for (int c = 0; c < dataset.numClasses(); c++) {
            int[] members = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == c) {
                    members[m++] = i;
                }
            }
            int[] order = Permutations.random(m, g);
            int mTest = (int) Math.round(testFraction * m);
            for (int k = 0; k < m; k++) {
                if (k < mTest) {
                    test[nTest++] = members[order[k]];
                } else {
                    train[nTrain++] = members[order[k]];
                }
            }
        }
        // Mix the classes, which were gathered one after another.
        return of(dataset, Permutations.shuffle(Arrays.copyOf(train, nTrain), g), Permutations.shuffle(Arrays.copyOf(test, nTest), g));
    }

    private static TrainTestSplit of(TensorDataset dataset, int[] train, int[] test) {
        return new TrainTestSplit(dataset.subset(train), dataset.subset(test));
    }

    private static int checkedSize(TensorDataset dataset, double testFraction) {
        Objects.requireNonNull(dataset, "dataset");
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("TrainTestSplit: test fraction must be in (0, 1), got " + testFraction);
        }
        return dataset.size();
    }
}

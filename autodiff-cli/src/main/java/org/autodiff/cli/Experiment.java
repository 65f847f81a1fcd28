package org.autodiff.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.nn.Conv2d;
import org.autodiff.nn.Flatten;
import org.autodiff.nn.Linear;
import org.autodiff.nn.MLP;
import org.autodiff.nn.MaxPool2d;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.Sequential;
import org.autodiff.nn.data.Digits;
import org.autodiff.nn.data.Iris;
import org.autodiff.nn.data.Standardizer;
import org.autodiff.nn.data.Synthetic;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.TrainTestSplit;

/**
 * What a training run is made of: the data set, its seeded train/test split and the model's
 * architecture. It is written into the checkpoint's metadata so {@code evaluate} can rebuild the
 * same model and the same test set.
 */
record Experiment(DataSetName dataset, ModelName model, int[] hidden, long seed) {

    /** The built-in data sets. */
    enum DataSetName { digits, iris, moons, spirals, blobs, words }

    /** The model families: mlp and cnn classify, transformer, lstm and bigram model the next character of words. */
    enum ModelName { mlp, cnn, transformer, lstm, bigram;

        /** Whether this is a next-character model (for the words data set). */
        boolean isLanguageModel() {
            return this == transformer || this == lstm || this == bigram;
        }
    }

    static final double TEST_FRACTION = 0.2;
    /**
     * The most parameters a model may have: far beyond what the built-in data sets need, and
     * small enough (with gradients and optimizer moments) for a default Java heap, so a typo in
     * a width ends in a clear message instead of running out of memory.
     */
    static final long MAX_PARAMETERS = 20_000_000;
    static final DType DTYPE = DType.FLOAT32;

    Experiment {
        if ((dataset == DataSetName.words) != model.isLanguageModel()) {
            throw new IllegalArgumentException(dataset == DataSetName.words
                    ? "the words data set needs a next-character model: use --model transformer, lstm or bigram"
                    : "the " + model + " model is for the words data set: use --dataset words");
        }
        if (model == ModelName.cnn && dataset != DataSetName.digits) {
            throw new IllegalArgumentException("the cnn model needs an image data set: use --dataset digits");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer widths must be positive, got " + Arrays.toString(hidden));
            }
        }
    }

    /** The data, split (stratified, seeded) and scaled with statistics of the training part only. */
    TrainTestSplit split() {
        TensorDataset all = switch (dataset) {
            case digits -> model == ModelName.cnn ? Digits.images(DTYPE, true) : Digits.load(DTYPE, true);
            case iris -> Iris.load(DTYPE);
            case moons -> Synthetic.moons(DTYPE, 600, 0.2, seed);
            case spirals -> Synthetic.spirals(DTYPE, 200, 3, 0.2, seed);
            case blobs -> Synthetic.blobs(DTYPE, 600, 4, 2, 1.5, seed);
            case words -> throw new IllegalArgumentException("the words data set is not a classification split");
        };
        TrainTestSplit split = TrainTestSplit.stratified(all, TEST_FRACTION, seed);
        if (dataset == DataSetName.digits) {
            return split;
        }
        Standardizer scaler = Standardizer.fit(split.train());
        return new TrainTestSplit(scaler.apply(split.train()), scaler.apply(split.test()));
    }

    /** A freshly initialised model for examples of {@code features} inputs and {@code classes} classes. */
    Module buildModel(int features, int classes) {
        Generator g = new Generator(seed);
        if (model == ModelName.cnn) {
            // For 8×8 digits: two conv-relu-pool stages, then a linear classifier.
            return new Sequential(
                    new Conv2d(1, 16, 3, 1, 1, 1, 1, true, DTYPE, g), new ReLU(), new MaxPool2d(2),
                    new Conv2d(16, 32, 3, 1, 1, 1, 1, true, DTYPE, g), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(32 * 2 * 2, classes, true, DTYPE, g));
        }
        return MLP.builder(features).hidden(hidden).output(classes).activation(ReLU::new).dtype(DTYPE).generator(g).build();
    }

    /**
     * The number of parameters {@link #buildModel} makes for these sizes, counted without
     * allocating anything (in long arithmetic, so absurd widths cannot overflow).
     */
    long parameterCount(int features, int classes) {
        if (model == ModelName.cnn) {
            return convParameters(1, 16) + convParameters(16, 32) + linearParameters(32 * 2 * 2, classes);
        }
        return mlpParameterCount(features, hidden, classes);
    }

    /** The number of parameters of an MLP with biases: a linear layer per pair of neighbouring widths. */
    static long mlpParameterCount(long features, int[] hidden, long classes) {
        long count = 0, in = features;
        for (int h : hidden) {
            count += linearParameters(in, h);
            in = h;
        }
        return count + linearParameters(in, classes);
    }

    private static long linearParameters(long in, long out) {
        return in * out + out;
    }

    /** A 3×3 convolution with bias. */
    private static long convParameters(long in, long out) {
        return out * in * 3 * 3 + out;
    }

    Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset.name());
        m.put("model", model.name());
        m.put("hidden", Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("seed", Long.toString(seed));
        return m;
    }

    static Experiment fromMetadata(Map<String, String> m) {
        try {
            String hidden = m.getOrDefault("hidden", "");
            return new Experiment(DataSetName.valueOf(require(m, "dataset")), ModelName.valueOf(require(m, "model")),
                    hidden.isEmpty() ? new int[0] : Arrays.stream(hidden.split(",")).mapToInt(Integer::parseInt).toArray(),
                    Long.parseLong(require(m, "seed")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's metadata does not describe a model this version can build: "
                    + e.getMessage());
        }
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v;
    }

    String describe() {
        return String.format(Locale.ROOT, "%s on %s%s (seed %d)", model, dataset,
                model == ModelName.mlp ? " " + Arrays.toString(hidden) : "", seed);
    }
}

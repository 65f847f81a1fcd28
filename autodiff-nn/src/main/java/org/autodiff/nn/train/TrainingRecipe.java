package org.autodiff.nn.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Conv2d;
import org.autodiff.nn.Flatten;
import org.autodiff.nn.Linear;
import org.autodiff.nn.MLP;
import org.autodiff.nn.MaxPool2d;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.Sequential;
import org.autodiff.nn.data.Digits;
import org.autodiff.nn.data.InputPipeline;
import org.autodiff.nn.data.Iris;
import org.autodiff.nn.data.Standardizer;
import org.autodiff.nn.data.Synthetic;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.optim.Adagrad;
import org.autodiff.nn.optim.Adam;
import org.autodiff.nn.optim.AdamW;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.RMSprop;
import org.autodiff.nn.optim.SGD;

/**
 * How a classifier on a built-in data set is trained (as {@code autodiff train} does it): the
 * data set, its split (stratified, {@value #TEST_FRACTION} held out, seeded), the model's
 * architecture and initialisation seed, the optimizer with its learning rate and weight decay,
 * epochs and batch size. Written into a checkpoint's metadata ({@link #toMetadata()}) beside the
 * fitted {@link InputPipeline}, it lets {@link org.autodiff.nn.io.Checkpoint#restore()} rebuild
 * the model and its inputs from the file alone.
 *
 * @param dataset     {@code digits}, {@code iris}, {@code moons}, {@code spirals} or {@code blobs}
 * @param model       {@code mlp} or {@code cnn} (a small CNN for the 8×8 digits)
 * @param hidden      the MLP's hidden widths
 * @param seed        seeds the split, the synthetic data, the initial weights and the shuffling
 * @param optimizer   {@code sgd}, {@code momentum}, {@code nesterov}, {@code adagrad}, {@code rmsprop}, {@code adam} or {@code adamw}
 * @param lr          the learning rate
 * @param weightDecay the weight decay, or null for the optimizer's own default (0.01 for AdamW, else 0)
 * @param epochs      passes over the training data
 * @param batchSize   examples per step
 */
public record TrainingRecipe(String dataset, String model, int[] hidden, long seed, String optimizer, double lr,
        Double weightDecay, int epochs, int batchSize) {

    /** The data sets a recipe can name. */
    public static final List<String> DATASETS = List.of("digits", "iris", "moons", "spirals", "blobs");
    /** The model families a recipe can name. */
    public static final List<String> MODELS = List.of("mlp", "cnn");
    /** The optimizers a recipe can name. */
    public static final List<String> OPTIMIZERS = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw");
    /** The fraction of each class held out for testing. */
    public static final double TEST_FRACTION = 0.2;
    /** The models' dtype. */
    public static final DType DTYPE = DType.FLOAT32;

    /**
     * Checks the names and sizes; the hidden widths are copied.
     *
     * @param dataset one of {@link #DATASETS}
     * @param model one of {@link #MODELS}; {@code cnn} needs the digits
     * @param hidden the MLP's hidden widths, each at least 1
     * @param seed seeds the split, the synthetic data, the initial weights and the shuffling
     * @param optimizer one of {@link #OPTIMIZERS}
     * @param lr the learning rate
     * @param weightDecay the weight decay, or null for the optimizer's own default
     * @param epochs passes over the training data
     * @param batchSize examples per step
     * @throws IllegalArgumentException for an unknown name, a cnn on other data than digits, or a hidden
     *     width below 1
     */
    public TrainingRecipe {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(hidden, "hidden");
        Objects.requireNonNull(optimizer, "optimizer");
        if (!DATASETS.contains(dataset)) {
            throw new IllegalArgumentException("TrainingRecipe: unknown data set '" + dataset + "', expected one of " + DATASETS);
        }
        if (!MODELS.contains(model)) {
            throw new IllegalArgumentException("TrainingRecipe: unknown model '" + model + "', expected one of " + MODELS);
        }
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new IllegalArgumentException("TrainingRecipe: unknown optimizer '" + optimizer + "', expected one of " + OPTIMIZERS);
        }
        if (model.equals("cnn") && !dataset.equals("digits")) {
            throw new IllegalArgumentException("the cnn model needs an image data set: use --dataset digits");
        }
        hidden = hidden.clone();
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("hidden layer widths must be positive, got " + Arrays.toString(hidden));
            }
        }
    }

    /** @return a copy of the hidden widths */
    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** @return the data set as loaded, before any scaling (digits: pixels 0..16, float64) */
    public TensorDataset rawData() {
        return switch (dataset) {
            case "digits" -> Digits.load(DType.FLOAT64, false);
            case "iris" -> Iris.load(DTYPE);
            case "moons" -> Synthetic.moons(DTYPE, 600, 0.2, seed);
            case "spirals" -> Synthetic.spirals(DTYPE, 200, 3, 0.2, seed);
            default -> Synthetic.blobs(DTYPE, 600, 4, 2, 1.5, seed);
        };
    }

    /** @return the raw data split as training does: stratified, {@value #TEST_FRACTION} held out, by {@link #seed()} */
    public TrainTestSplit rawSplit() {
        return TrainTestSplit.stratified(rawData(), TEST_FRACTION, seed);
    }

    /**
     * The input pipeline fitted to the training part of {@code rawSplit}: digits' pixels divided
     * by 16 (and shaped as 1×8×8 images for the CNN), the other data sets standardised with the
     * training part's statistics.
     *
     * @param rawSplit the output of {@link #rawSplit()}
     * @return the pipeline
     */
    public InputPipeline fitInputs(TrainTestSplit rawSplit) {
        if (dataset.equals("digits")) {
            InputPipeline p = InputPipeline.divide(Digits.MAX_PIXEL, DTYPE);
            return model.equals("cnn") ? p.reshapedTo(1, 8, 8) : p;
        }
        return InputPipeline.standardize(Standardizer.fit(rawSplit.train().to(DTYPE)), DTYPE);
    }

    /**
     * @param features the number of input features
     * @param classes  the number of classes
     * @return a freshly initialised model (seeded by {@link #seed()})
     */
    public Module buildModel(int features, int classes) {
        Generator g = new Generator(seed);
        if (model.equals("cnn")) {
            // For 8×8 digits: two conv-relu-pool stages, then a linear classifier.
            return new Sequential(
                    new Conv2d(1, 16, 3, 1, 1, 1, 1, true, DTYPE, g), new ReLU(), new MaxPool2d(2),
                    new Conv2d(16, 32, 3, 1, 1, 1, 1, true, DTYPE, g), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(32 * 2 * 2, classes, true, DTYPE, g));
        }
        return MLP.builder(features).hidden(hidden).output(classes).activation(ReLU::new).dtype(DTYPE).generator(g).build();
    }

    /**
     * @param features the number of input features
     * @param classes  the number of classes
     * @return the number of parameters {@link #buildModel} makes, counted without allocating anything
     */
    public long parameterCount(int features, int classes) {
        if (model.equals("cnn")) {
            return convParameters(1, 16) + convParameters(16, 32) + linearParameters(32 * 2 * 2, classes);
        }
        return mlpParameterCount(features, hidden, classes);
    }

    /**
     * @param features the number of input features
     * @param hidden   the hidden widths
     * @param classes  the number of classes
     * @return the number of parameters of an MLP with biases, in long arithmetic (absurd widths cannot overflow)
     */
    public static long mlpParameterCount(long features, int[] hidden, long classes) {
        Objects.requireNonNull(hidden, "hidden");
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

    /**
     * The optimizer this recipe names over {@code params}: weight decay as recorded, or the
     * optimizer's own default when none is (as in PyTorch: 0.01 for AdamW, 0 for the others).
     *
     * @param params the parameters to optimise
     * @return the optimizer
     */
    public Optimizer buildOptimizer(List<Tensor> params) {
        return optimizer(optimizer, params, lr, weightDecay);
    }

    /**
     * An optimizer by the command line's name, the one place that maps names to optimizers.
     *
     * @param name sgd, momentum, nesterov, adagrad, rmsprop, adam; anything else is adamw
     * @param params the parameters to optimise
     * @param lr the learning rate
     * @param weightDecay the weight decay, or null for the optimizer's own default (as in
     *     PyTorch: 0.01 for AdamW, 0 for the others)
     * @return the optimizer
     */
    public static Optimizer optimizer(String name, List<Tensor> params, double lr, Double weightDecay) {
        Objects.requireNonNull(name, "TrainingRecipe.optimizer: name is null");
        Objects.requireNonNull(params, "TrainingRecipe.optimizer: params is null");
        double decay = weightDecay != null ? weightDecay : 0;
        return switch (name) {
            case "sgd" -> new SGD(params, lr).weightDecay(decay);
            case "momentum" -> new SGD(params, lr).momentum(0.9).weightDecay(decay);
            case "nesterov" -> new SGD(params, lr).momentum(0.9).nesterov(true).weightDecay(decay);
            case "adagrad" -> new Adagrad(params, lr).weightDecay(decay);
            case "rmsprop" -> new RMSprop(params, lr).weightDecay(decay);
            case "adam" -> new Adam(params, lr).weightDecay(decay);
            default -> weightDecay != null ? new AdamW(params, lr).weightDecay(weightDecay) : new AdamW(params, lr);
        };
    }

    /** @return the recipe as checkpoint metadata */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("model", model);
        m.put("hidden", Arrays.stream(hidden).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("seed", Long.toString(seed));
        m.put("split", "stratified");
        m.put("split.testFraction", Double.toString(TEST_FRACTION));
        m.put("split.seed", Long.toString(seed));
        m.put("optimizer", optimizer);
        m.put("lr", Double.toString(lr));
        if (weightDecay != null) {
            m.put("weightDecay", Double.toString(weightDecay));
        }
        m.put("epochs", Integer.toString(epochs));
        m.put("batchSize", Integer.toString(batchSize));
        return m;
    }

    /**
     * Reads a recipe written by {@link #toMetadata()}.
     *
     * @param metadata a checkpoint's metadata
     * @return the recipe
     * @throws IllegalArgumentException when the metadata does not describe a model this version can build
     */
    public static TrainingRecipe fromMetadata(Map<String, String> metadata) {
        Map<String, String> m = Objects.requireNonNull(metadata, "metadata");
        try {
            if (!"stratified".equals(m.getOrDefault("split", "stratified"))
                    || Double.parseDouble(m.getOrDefault("split.testFraction", Double.toString(TEST_FRACTION))) != TEST_FRACTION) {
                throw new IllegalArgumentException("a split other than stratified with " + TEST_FRACTION + " held out");
            }
            String hidden = m.getOrDefault("hidden", "");
            String decay = m.get("weightDecay");
            return new TrainingRecipe(require(m, "dataset"), require(m, "model"),
                    hidden.isEmpty() ? new int[0] : Arrays.stream(hidden.split(",")).mapToInt(Integer::parseInt).toArray(),
                    Long.parseLong(require(m, "seed")), m.getOrDefault("optimizer", "adam"),
                    Double.parseDouble(m.getOrDefault("lr", "0.002")), decay == null ? null : Double.valueOf(decay),
                    Integer.parseInt(m.getOrDefault("epochs", "0")), Integer.parseInt(m.getOrDefault("batchSize", "32")));
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

    /** @return e.g. {@code mlp on digits [128] (seed 1)} */
    public String describe() {
        return String.format(Locale.ROOT, "%s on %s%s (seed %d)", model, dataset,
                model.equals("mlp") ? " " + Arrays.toString(hidden) : "", seed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingRecipe r && dataset.equals(r.dataset) && model.equals(r.model) && Arrays.equals(hidden, r.hidden)
                && seed == r.seed && optimizer.equals(r.optimizer) && Double.compare(lr, r.lr) == 0
                && Objects.equals(weightDecay, r.weightDecay) && epochs == r.epochs && batchSize == r.batchSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, model, Arrays.hashCode(hidden), seed, optimizer, lr, weightDecay, epochs, batchSize);
    }

    @Override
    public String toString() {
        return "TrainingRecipe" + toMetadata();
    }
}

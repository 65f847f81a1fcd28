package org.autodiff.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.InputPipeline;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.train.TrainedClassifier;
import org.autodiff.nn.train.TrainingRecipe;

/**
 * A training checkpoint: a model's state (its named parameters and buffers), optionally an
 * optimizer's state, and string metadata (architecture, epoch, ...), stored together in one
 * safetensors file. Model tensors are saved under {@code "model." + name} and optimizer tensors
 * under {@code "optim." + name}, so the file opens in any safetensors reader. Saving is atomic
 * (see {@link SafeTensors#save}); an interrupted save leaves the previous checkpoint intact.
 *
 * <p>Saved from a model and an optimizer object, the file also records the optimizer's kind
 * (metadata {@value #OPTIMIZER_TYPE_KEY}, e.g. {@code "Adam"}), and {@link #loadInto} refuses to
 * load one kind's state into another: Adam and AdamW keep the same entries, so their states
 * would otherwise be mixed up silently.
 *
 * <pre>{@code
 * Checkpoint.save(path, model, optimizer, Map.of("epoch", "12"));
 * Checkpoint c = Checkpoint.load(path);
 * c.loadInto(model, optimizer);          // both or neither
 * }</pre>
 *
 * <p>A checkpoint written by {@code autodiff train} also records how to use it: the
 * {@link TrainingRecipe} (data set, split, model, optimizer) and the {@link InputPipeline} (the
 * input scaling with its fitted statistics). {@link #restore()} rebuilds the model and its input
 * pipeline from the file alone:
 *
 * <pre>{@code
 * TrainedClassifier c = Checkpoint.load(Path.of("checkpoints/model.safetensors")).restore();
 * c.evaluate().accuracy();               // the accuracy autodiff train printed, exactly
 * }</pre>
 *
 * @param modelState the model's tensors by name, in file order (unmodifiable)
 * @param optimizerState the optimizer's tensors by name (empty if none was saved; unmodifiable)
 * @param metadata the metadata strings (unmodifiable)
 */
public record Checkpoint(Map<String, Tensor> modelState, Map<String, Tensor> optimizerState,
        Map<String, String> metadata) {
    /** Prefix of the model's tensors in the file. */
    public static final String MODEL_PREFIX = "model.";
    /** Prefix of the optimizer's tensors in the file. */
    public static final String OPTIMIZER_PREFIX = "optim.";
    /** Metadata key of the optimizer's {@linkplain Optimizer#name() name}, written by {@link #save(Path, Module, Optimizer, Map)}. */
    public static final String OPTIMIZER_TYPE_KEY = "optim.type";

    /**
     * Keeps unmodifiable, order-preserving copies of the maps.
     *
     * @param modelState the model's tensors by name
     * @param optimizerState the optimizer's tensors by name (empty if none)
     * @param metadata the metadata strings
     */
    public Checkpoint {
        Objects.requireNonNull(metadata, "Checkpoint: metadata is null");
        Objects.requireNonNull(modelState, "Checkpoint: modelState is null");
        Objects.requireNonNull(optimizerState, "Checkpoint: optimizerState is null");
        modelState = Collections.unmodifiableMap(new LinkedHashMap<>(modelState));
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Saves {@code modelState}, {@code optimizerState} (may be null: none) and {@code metadata}
     * (may be null: none) to {@code path}, atomically replacing any existing file.
     *
     * @param path the file to write
     * @param modelState the model's tensors by name, stored under {@value #MODEL_PREFIX}
     * @param optimizerState the optimizer's tensors by name, stored under
     *     {@value #OPTIMIZER_PREFIX}, or null for none
     * @param metadata the metadata strings, or null for none
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException for a null or empty name or a null tensor; nothing is
     *     written
     */
    public static void save(Path path, Map<String, Tensor> modelState, Map<String, Tensor> optimizerState,
            Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(modelState, "modelState");
        Map<String, Tensor> all = new LinkedHashMap<>();
        prefixInto(all, MODEL_PREFIX, modelState);
        if (optimizerState != null) {
            prefixInto(all, OPTIMIZER_PREFIX, optimizerState);
        }
        SafeTensors.save(path, all, metadata);
    }

    /**
     * Saves {@code model}'s state, {@code optimizer}'s state (may be null: none) with its kind
     * under {@value #OPTIMIZER_TYPE_KEY}, and {@code metadata} (may be null: none) to
     * {@code path}, atomically replacing any existing file.
     *
     * @param path the file to write
     * @param model the model whose {@linkplain Module#stateDict() state} is saved
     * @param optimizer the optimizer whose state and kind are saved, or null for none
     * @param metadata the metadata strings, or null for none
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if {@code metadata} uses the reserved key
     *     {@value #OPTIMIZER_TYPE_KEY}; nothing is written
     */
    public static void save(Path path, Module model, Optimizer optimizer, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(model, "model");
        Map<String, String> meta = new LinkedHashMap<>();
        if (metadata != null) {
            if (metadata.containsKey(OPTIMIZER_TYPE_KEY)) {
                throw new IllegalArgumentException("Checkpoint.save: metadata key '" + OPTIMIZER_TYPE_KEY
                        + "' is reserved for the optimizer's kind");
            }
            meta.putAll(metadata);
        }
        if (optimizer != null) {
            meta.put(OPTIMIZER_TYPE_KEY, optimizer.name());
        }
        save(path, model.stateDict(), optimizer == null ? null : optimizer.stateDict(), meta);
    }

    /**
     * Saves this checkpoint to {@code path}, atomically replacing any existing file.
     *
     * @param path the file to write
     * @throws IOException if the file cannot be written
     */
    public void save(Path path) throws IOException {
        save(path, modelState, optimizerState, metadata);
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
     * @param path the file to read
     * @return the checkpoint, its tensors split by prefix
     * @throws IOException if the file cannot be read
     * @throws SafeTensorsFormatException if the file is malformed or holds a tensor with neither
     *     prefix
     */
    public static Checkpoint load(Path path) throws IOException {
        SafeTensors file = SafeTensors.load(path);
        Map<String, Tensor> model = new LinkedHashMap<>();
        Map<String, Tensor> optimizer = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : file.tensors().entrySet()) {
            String key = e.getKey();
            if (key.startsWith(MODEL_PREFIX) && key.length() > MODEL_PREFIX.length()) {
                model.put(key.substring(MODEL_PREFIX.length()), e.getValue());
            } else if (key.startsWith(OPTIMIZER_PREFIX) && key.length() > OPTIMIZER_PREFIX.length()) {
                optimizer.put(key.substring(OPTIMIZER_PREFIX.length()), e.getValue());
            } else {
                throw new SafeTensorsFormatException("checkpoint " + path + ": tensor " + UserText.quote(key) + " is neither a \""
                        + MODEL_PREFIX + "\" nor an \"" + OPTIMIZER_PREFIX + "\" entry; not a checkpoint file?");
            }
        }
        return new Checkpoint(model, optimizer, file.metadata());
    }

    /**
     * Loads the model state into {@code model} and, unless {@code optimizer} is null, the
     * optimizer state into {@code optimizer}: both or neither. Everything is checked before
     * anything changes, so after an exception the model and the optimizer are as they were.
     *
     * @param model the model to load the model state into
     * @param optimizer the optimizer to load the optimizer state into, or null to load the model only
     * @throws IllegalArgumentException if the model state does not fit {@code model} (see
     *     {@link Module#loadStateDict}); or, with an optimizer, if the checkpoint holds no
     *     optimizer state, does not record the optimizer's kind, records another kind, or its
     *     state does not fit (see {@link Optimizer#checkStateDict})
     */
    public void loadInto(Module model, Optimizer optimizer) {
        Objects.requireNonNull(model, "model");
        if (optimizer != null) {
            String type = metadata.get(OPTIMIZER_TYPE_KEY);
            if (optimizerState.isEmpty() || type == null) {
                throw new IllegalArgumentException("Checkpoint.loadInto: the checkpoint "
                        + (optimizerState.isEmpty() ? "holds no optimizer state" : "does not record its optimizer's kind")
                        + ", so it cannot resume " + optimizer.name());
            }
            if (!type.equals(optimizer.name())) {
                throw new IllegalArgumentException("Checkpoint.loadInto: the checkpoint holds " + type
                        + " state, which does not fit a " + optimizer.name() + " optimizer");
            }
            optimizer.checkStateDict(optimizerState);
        }
        // The model checks everything before it copies; the optimizer state was checked above and
        // cannot fail now, so neither changes unless both load.
        model.loadStateDict(modelState);
        if (optimizer != null) {
            optimizer.loadStateDict(optimizerState);
        }
    }

    /**
     * Rebuilds, from this file alone, the classifier that {@code autodiff train} (or any code that
     * saved a {@link TrainingRecipe} and an {@link InputPipeline} in the metadata) trained: the
     * model with its weights, the optimizer with its state, the input pipeline with its fitted
     * statistics and the data split, so that {@code restore().evaluate()} gives the accuracy the
     * training run reported, to the last bit.
     *
     * <pre>{@code
     * TrainedClassifier c = Checkpoint.load(Path.of("checkpoints/model.safetensors")).restore();
     * c.evaluate().accuracy();      // as autodiff train printed it
     * }</pre>
     *
     * @return the rebuilt classifier
     * @throws IllegalArgumentException if the metadata describes no model this version can build,
     *     or one the stored tensors do not fit (checked by counting before anything large is allocated)
     */
    public TrainedClassifier restore() {
        TrainingRecipe recipe = TrainingRecipe.fromMetadata(metadata);
        InputPipeline inputs;
        try {
            inputs = InputPipeline.fromMetadata(metadata);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's metadata does not describe its inputs: " + e.getMessage(), e);
        }
        TrainTestSplit raw = recipe.rawSplit();
        int classes = raw.train().numClasses();
        int features = raw.train().exampleShape().numel();
        // The metadata is untrusted: it could ask for a model far larger than the tensors in the
        // file. Counting first bounds what building allocates by what the file already holds; the
        // exact shapes are then checked by loadStateDict.
        long described = recipe.parameterCount(features, classes);
        long stored = modelState.values().stream().mapToLong(Tensor::numel).sum();
        if (described != stored) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "its metadata describes %s with %,d parameters, but the file holds %,d; "
                            + "the file is damaged or was not written by 'autodiff train'", recipe.describe(), described, stored));
        }
        Module model = recipe.buildModel(features, classes);
        Optimizer optimizer = recipe.buildOptimizer(model.parameters());
        try {
            loadInto(model, optimizerState.isEmpty() ? null : optimizer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the tensors do not fit the model its metadata describes ("
                    + recipe.describe() + "): " + e.getMessage(), e);
        }
        model.eval();
        return new TrainedClassifier(recipe, inputs, model, optimizer, raw, classes);
    }

    private static void prefixInto(Map<String, Tensor> all, String prefix, Map<String, Tensor> state) {
        for (Map.Entry<String, Tensor> e : state.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("Checkpoint.save: " + prefix + " state has a "
                        + (e.getKey() == null ? "null" : "empty") + " name");
            }
            all.put(prefix + e.getKey(), e.getValue());
        }
    }
}

package org.autodiff.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.autodiff.core.Tensor;

/**
 * A training checkpoint: a model's state (its named parameters and buffers), optionally an
 * optimizer's state, and string metadata (architecture, epoch, ...), stored together in one
 * safetensors file. Model tensors are saved under {@code "model." + name} and optimizer tensors
 * under {@code "optim." + name}, so the file opens in any safetensors reader. Saving is atomic
 * (see {@link SafeTensors#save}); an interrupted save leaves the previous checkpoint intact.
 *
 * <pre>{@code
 * Checkpoint.save(path, model.stateDict(), optimizer.stateDict(), Map.of("epoch", "12"));
 * Checkpoint c = Checkpoint.load(path);
 * model.loadStateDict(c.modelState());
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

    /** Keeps unmodifiable, order-preserving copies of the maps. */
    public Checkpoint {
        modelState = Collections.unmodifiableMap(new LinkedHashMap<>(modelState));
        optimizerState = Collections.unmodifiableMap(new LinkedHashMap<>(optimizerState));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Saves {@code modelState}, {@code optimizerState} (may be null: none) and {@code metadata}
     * (may be null: none) to {@code path}, atomically replacing any existing file.
     *
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

    /** Saves this checkpoint to {@code path}. */
    public void save(Path path) throws IOException {
        save(path, modelState, optimizerState, metadata);
    }

    /**
     * Reads a checkpoint written by {@link #save}.
     *
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
                throw new SafeTensorsFormatException("checkpoint " + path + ": tensor \"" + key + "\" is neither a \""
                        + MODEL_PREFIX + "\" nor an \"" + OPTIMIZER_PREFIX + "\" entry; not a checkpoint file?");
            }
        }
        return new Checkpoint(model, optimizer, file.metadata());
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

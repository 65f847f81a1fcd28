package org.autodiff.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.autodiff.cli.words.WordModel;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.io.Checkpoint;

/** Rebuilds a words model from its checkpoint, for {@code sample} and {@code evaluate}. */
final class WordModelLoading {
    private WordModelLoading() {
    }

    /**
     * The model the checkpoint's metadata describes, with the checkpoint's weights.
     *
     * @throws IllegalArgumentException naming the file if the metadata is not a words model's or does not fit the tensors
     */
    static Module load(Checkpoint saved, Path file) {
        WordModel architecture;
        try {
            architecture = WordModel.fromMetadata(saved.metadata());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        // The metadata is untrusted: check what it describes against what the file holds before building.
        long stored = saved.modelState().values().stream().mapToLong(Tensor::numel).sum();
        if (architecture.parameterCount() != stored) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: its metadata describes %s with %,d parameters, "
                    + "but the file holds %,d", file, architecture.describe(), architecture.parameterCount(), stored));
        }
        Module model = architecture.build(new Generator(0));
        try {
            model.loadStateDict(saved.modelState());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": the tensors do not fit " + architecture.describe() + ": "
                    + e.getMessage(), e);
        }
        return model;
    }
}

package org.autodiff.cli;

import org.autodiff.nn.train.TrainingRecipe;

/**
 * The command line's names for what a training run is made of; the run itself is a
 * {@link TrainingRecipe} (autodiff-nn), which the checkpoint records so that
 * {@link org.autodiff.nn.io.Checkpoint#restore()} rebuilds the model and its inputs.
 */
final class Experiment {
    private Experiment() {
    }

    /** The built-in data sets. */
    enum DataSetName { digits, iris, moons, spirals, blobs, words }

    /** The model families: mlp and cnn classify, transformer, lstm and bigram model the next character of words. */
    enum ModelName { mlp, cnn, transformer, lstm, bigram;

        /** Whether this is a next-character model (for the words data set). */
        boolean isLanguageModel() {
            return this == transformer || this == lstm || this == bigram;
        }
    }

    /**
     * The most parameters a model may have: far beyond what the built-in data sets need, and
     * small enough (with gradients and optimizer moments) for a default Java heap, so a typo in
     * a width ends in a clear message instead of running out of memory.
     */
    static final long MAX_PARAMETERS = 20_000_000;
}

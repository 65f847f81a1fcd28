package org.autodiff.cli;

/**
 * The defaults of {@code autodiff train --dataset words}: chosen so that each model trains within
 * the budget on two cores and the transformer and the LSTM beat the bigram's test loss by a
 * quarter (see the README's words section).
 */
final class WordsDefaults {
    /** The training budget; with evaluation, sampling and start-up a run stays under 10 minutes. */
    static final double MINUTES = 8;
    static final int CONTEXT = 16;
    static final int D_MODEL = 96;
    static final int HEADS = 4;
    static final int LAYERS = 2;
    static final int LSTM_HIDDEN = 256;
    static final int LSTM_EMBEDDING = 64;
    static final double DROPOUT = 0.0;
    static final int BATCH_SIZE = 32;
    static final double TRANSFORMER_LR = 3e-3;
    static final double LSTM_LR = 4e-3;
    static final double WEIGHT_DECAY = 0.01;
    static final int SAMPLES = 20;
    static final double TEMPERATURE = 0.8;

    private WordsDefaults() {
    }
}

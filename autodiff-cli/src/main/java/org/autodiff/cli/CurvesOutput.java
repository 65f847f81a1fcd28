package org.autodiff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.autodiff.nn.train.EpochMetrics;

/** Writes what {@code train} measured per epoch beside its checkpoint. */
final class CurvesOutput {
    private CurvesOutput() {
    }

    static void write(List<EpochMetrics> history, Path checkpoint, PrintWriter out) {
        // Training-curve pictures are added with the plotting package.
    }
}

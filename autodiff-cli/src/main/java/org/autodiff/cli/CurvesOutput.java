package org.autodiff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.autodiff.cli.plot.ChartFiles;
import org.autodiff.cli.plot.CurvesChart;
import org.autodiff.nn.train.EpochMetrics;

/** Writes what {@code train} measured per epoch beside its checkpoint: model.safetensors → model.curves.png. */
final class CurvesOutput {
    static final int WIDTH = 900, HEIGHT = 640;

    private CurvesOutput() {
    }

    /** {@code run} names what was trained, e.g. "mlp on digits [128] (seed 1), adam lr 0.002", for the title. */
    static void write(List<EpochMetrics> history, Path checkpoint, String run, PrintWriter out) {
        write(history, checkpoint, run, "test", out);
    }

    /** As above, the held-out series named {@code heldOut} (e.g. "validation"). */
    static void write(List<EpochMetrics> history, Path checkpoint, String run, String heldOut, PrintWriter out) {
        Path png = ChartFiles.withSuffix(checkpoint, ".curves.png");
        try {
            ChartFiles.writePng(CurvesChart.of(history, "Training curves: " + run, heldOut), png, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the training curves to " + png + ": " + e.getMessage(), e);
        }
        out.println("wrote training curves " + png);
    }
}

package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.autodiff.cli.plot.Graphviz;
import org.autodiff.core.Tensor;
import org.autodiff.core.autograd.GraphExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code autodiff graph}: the computation graph of the single neuron's loss, σ(w·x + b) against
 * its targets by mean squared error, after {@code backward()} so each leaf shows its gradient.
 * Written as DOT text, or rendered by Graphviz to SVG, PNG or PDF.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw the computation graph of a neuron's loss with shapes, dtypes and gradients (DOT, SVG, PNG, PDF).")
final class GraphCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", defaultValue = "graph.svg",
            description = "File to write: .dot for the DOT text, .svg/.png/.pdf rendered by Graphviz's dot (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        OutputFile.check(spec.commandLine(), "--out", out, "graph.svg");
        Tensor w = Tensor.of(new double[] {0.5, -0.3}, 2, 1).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0.1}, 1).requiresGrad(true);
        Tensor x = Tensor.of(new double[] {1, 2, -1, 0.5, 0, 1.5}, 3, 2);
        Tensor y = Tensor.of(new double[] {1, 0, 1}, 3, 1);
        Tensor loss = x.matmul(w).add(b).sigmoid().sub(y).square().mean();
        loss.backward(Tensor.scalar(1.0), true, false);
        String dot = GraphExport.toDot(loss);
        if (out.getFileName().toString().endsWith(".dot")) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, dot);
        } else {
            Graphviz.render(dot, out);
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}

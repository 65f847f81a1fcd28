package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Locale;
import org.autodiff.cli.plot.DotGraph;
import org.autodiff.cli.plot.GraphPicture;
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
 * Written as DOT text, or drawn to SVG or PNG: by Graphviz's {@code dot} where it is installed,
 * else in pure Java ({@link GraphPicture}: Eclipse ELK's layered layout); PDF needs Graphviz.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw the computation graph of a neuron's loss with shapes, dtypes and gradients (DOT, SVG, PNG; PDF with Graphviz).")
final class GraphCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", defaultValue = "graph.svg",
            description = "File to write: .dot for the DOT text, .svg/.png drawn (in pure Java, or by Graphviz's dot where "
                    + "it is installed), .pdf by Graphviz (default: ${DEFAULT-VALUE}).")
    private Path out;

    /** Who draws the picture. */
    enum Renderer {
        /** Graphviz when its {@code dot} is installed, else pure Java. */
        AUTO,
        /** Pure Java: Eclipse ELK's layered layout, drawn with Java2D; needs nothing installed. */
        JAVA,
        /** Graphviz's {@code dot} program. */
        GRAPHVIZ
    }

    @Option(names = "--renderer", defaultValue = "auto",
            description = "Who draws .svg/.png: auto (Graphviz's dot when installed, else java), java or graphviz (default: ${DEFAULT-VALUE}).")
    private Renderer renderer;

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
        } else if (renderer == Renderer.GRAPHVIZ || out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")
                || (renderer == Renderer.AUTO && Graphviz.isInstalled())) {
            Graphviz.render(dot, out);
        } else {
            new GraphPicture(DotGraph.parse(dot)).write(out);
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}

package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autodiff.cli.plot.DotGraph;
import org.autodiff.cli.plot.GraphPicture;
import org.autodiff.cli.plot.Graphviz;
import org.autodiff.core.Autograd;
import org.autodiff.core.autograd.AdjointTrace;
import org.autodiff.core.autograd.GraphExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code autodiff graph}: the computation graph of a worked example's loss, traced through one
 * backward pass, so every node (not only the leaves) shows its name, op, value and adjoint, and
 * every edge the operand it feeds and the local derivative applied along it. The default example
 * is a single neuron, σ(x·w + b) against its targets by mean squared error; {@code --example
 * chain} is w = a·b + c, φ = w·c, L = φ². Written as DOT text, or drawn to SVG or PNG: by
 * Graphviz's {@code dot} where it is installed, else in pure Java ({@link GraphPicture}: Eclipse
 * ELK's layered layout); PDF needs Graphviz.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw a worked example's computation graph with values, adjoints and local derivatives (DOT, SVG, PNG; PDF with Graphviz).")
final class GraphCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", defaultValue = "graph.svg",
            description = "File to write: .dot for the DOT text, .svg/.png drawn (in pure Java, or by Graphviz's dot where "
                    + "it is installed), .pdf by Graphviz (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--example", defaultValue = "neuron",
            description = "neuron (σ(x·w + b), mean squared error) or chain (w = a·b + c, φ = w·c, L = φ²) (default: ${DEFAULT-VALUE}).")
    private WorkedExample example;

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
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".dot") && !name.endsWith(".svg") && !name.endsWith(".png") && !name.endsWith(".pdf")) {
            throw new ParameterException(spec.commandLine(), "--out must end in .svg, .png, .dot or .pdf, got " + out);
        }
        AdjointTrace trace = Autograd.trace(example.loss(example.leaves(example.point())));
        String dot = GraphExport.toDot(trace);
        if (name.endsWith(".dot")) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, dot);
        } else if (renderer == Renderer.GRAPHVIZ || name.endsWith(".pdf")
                || (renderer == Renderer.AUTO && Graphviz.isInstalled())) {
            Graphviz.render(dot, out);
        } else {
            new GraphPicture(DotGraph.parse(dot)).write(out);
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}

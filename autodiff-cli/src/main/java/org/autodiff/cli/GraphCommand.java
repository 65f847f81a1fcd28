package org.autodiff.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.autodiff.cli.plot.Graphviz;
import org.autodiff.cli.plot.TraceGraphPicture;
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
 * chain} is w = a·b + c, φ = w·c, L = φ². PNG and SVG are drawn in pure Java; {@code .dot} writes
 * the DOT text, and {@code --graphviz} (or a {@code .pdf}) renders it with Graphviz's {@code dot}.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draw a worked example's computation graph with values, adjoints and local derivatives (PNG, SVG, DOT; PDF with Graphviz).")
final class GraphCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", defaultValue = "graph.svg",
            description = "File to write: .svg or .png drawn in Java, .dot for the DOT text, .pdf through Graphviz (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--example", defaultValue = "neuron",
            description = "neuron (σ(x·w + b), mean squared error) or chain (w = a·b + c, φ = w·c, L = φ²) (default: ${DEFAULT-VALUE}).")
    private WorkedExample example;

    @Option(names = "--graphviz", description = "Render .svg and .png with Graphviz's dot instead of Java.")
    private boolean graphviz;

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean dot = name.endsWith(".dot");
        if (!dot && !name.endsWith(".svg") && !name.endsWith(".png") && !name.endsWith(".pdf")) {
            throw new ParameterException(spec.commandLine(), "--out must end in .svg, .png, .dot or .pdf, got " + out);
        }
        AdjointTrace trace = Autograd.trace(example.loss(example.leaves(example.point())));
        if (dot) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, GraphExport.toDot(trace));
        } else if (graphviz || name.endsWith(".pdf")) {
            Graphviz.render(GraphExport.toDot(trace), out);
        } else {
            new TraceGraphPicture(trace).write(out);
        }
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}

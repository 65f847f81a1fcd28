package org.autodiff.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.autodiff.core.Autograd;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.core.autograd.AdjointTrace;
import org.autodiff.core.autograd.TangentTrace;
import org.autodiff.nn.Linear;
import org.autodiff.nn.MLP;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.Sequential;
import org.autodiff.nn.Sigmoid;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.data.Digits;
import org.autodiff.nn.loss.Losses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code autodiff gradients}: the vanishing-gradient effect as a table. Two deep networks with
 * the same initial weights, one with sigmoid and one with ReLU activations, take one batch of
 * digits; the norm of each layer's weight gradient shows how the sigmoid network's gradients
 * shrink on the way back to the input.
 *
 * <p>With {@code --trace}, the worked example w = a·b + c, φ = w·c, L = φ² instead, node by node:
 * the adjoint trace of one backward pass (L̄ = 1, φ̄, w̄, ..., c̄ as the sum of its two paths' terms)
 * and the tangent trace of one forward pass along {@code --direction}.
 */
@Command(name = "gradients", mixinStandardHelpOptions = true,
        description = {"Per-layer gradient norms at initialisation: a deep sigmoid network against ReLU.",
            "With --trace: the worked example w = a·b + c, φ = w·c, L = φ², node by node in reverse and forward mode."})
final class GradientsCommand implements Callable<Integer> {
    /** Deeper than any network worth tabulating; keeps the width array small. */
    static final int MAX_DEPTH = 1000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--depth", defaultValue = "12", description = "Number of linear layers (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--width", defaultValue = "32", description = "Hidden layer width (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--batch-size", defaultValue = "128", description = "Digits in the batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for the initial weights (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--trace", description = "Trace the worked example w = a·b + c, φ = w·c, L = φ² node by node instead.")
    private boolean trace;

    @Option(names = "--at", split = ",", paramLabel = "A,B,C", defaultValue = "2,3,-1",
            description = "With --trace: the point (a, b, c) (default: ${DEFAULT-VALUE}).")
    private double[] at;

    @Option(names = "--direction", split = ",", paramLabel = "DA,DB,DC", defaultValue = "1,0,0",
            description = "With --trace: the forward-mode seed direction (ȧ, ḃ, ċ) (default: ${DEFAULT-VALUE}).")
    private double[] direction;

    @Option(names = "--format", defaultValue = "text",
            description = "With --trace: text, markdown or csv (default: ${DEFAULT-VALUE}).")
    private TraceFormat format;

    /** How --trace prints its tables. */
    enum TraceFormat { TEXT, MARKDOWN, CSV }

    @Override
    public Integer call() {
        if (trace) {
            return printTrace();
        }
        if (depth < 2 || depth > MAX_DEPTH || width < 1 || batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "need 2 <= --depth <= " + MAX_DEPTH
                    + ", --width >= 1 and --batch-size >= 1");
        }
        long parameters = org.autodiff.nn.train.TrainingRecipe.mlpParameterCount(Digits.FEATURES, hiddenWidths(), Digits.CLASSES);
        if (parameters > Experiment.MAX_PARAMETERS) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--depth %d and --width %d make networks of %,d parameters each; the limit is %,d",
                    depth, width, parameters, Experiment.MAX_PARAMETERS));
        }
        Batch batch = DataLoader.of(Digits.load(DType.FLOAT64, true), batchSize).iterator().next();
        List<Double> sigmoid = weightGradientNorms(Sigmoid::new, batch);
        List<Double> relu = weightGradientNorms(ReLU::new, batch);

        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "‖∂L/∂W‖ per layer at initialisation (%d layers of width %d, cross-entropy on %d digits)%n",
                depth, width, batch.size());
        out.printf(Locale.ROOT, "%6s  %14s  %14s  %12s%n", "layer", "sigmoid", "relu", "sigmoid/relu");
        for (int i = 0; i < depth; i++) {
            out.printf(Locale.ROOT, "%6d  %14.6e  %14.6e  %12.3e%n", i + 1, sigmoid.get(i), relu.get(i),
                    sigmoid.get(i) / relu.get(i));
        }
        out.printf(Locale.ROOT, "first/last layer ratio: sigmoid %.3e, relu %.3e%n",
                sigmoid.get(0) / sigmoid.get(depth - 1), relu.get(0) / relu.get(depth - 1));
        return 0;
    }

    /** The adjoint and the tangent trace of the worked example, at --at along --direction. */
    private int printTrace() {
        WorkedExample example = WorkedExample.CHAIN;
        if (at.length != 3 || direction.length != 3) {
            throw new ParameterException(spec.commandLine(), "--at and --direction take three numbers each (a, b, c), got "
                    + at.length + " and " + direction.length);
        }
        for (double v : at) {
            if (!Double.isFinite(v)) {
                throw new ParameterException(spec.commandLine(), "--at must be finite, got " + Arrays.toString(at));
            }
        }
        Tensor[] leaves = example.leaves(WorkedExample.scalars(at));
        AdjointTrace reverse = Autograd.trace(example.loss(leaves));
        TangentTrace forward = Autograd.traceForward(example::loss, leaves, WorkedExample.scalars(direction));
        var out = spec.commandLine().getOut();
        if (format != TraceFormat.CSV) {
            out.printf(Locale.ROOT, "%s at a = %s, b = %s, c = %s%n%n", example.formula(), number(at[0]), number(at[1]),
                    number(at[2]));
        }
        out.print(switch (format) {
            case TEXT -> reverse.toText();
            case MARKDOWN -> reverse.toMarkdown();
            case CSV -> reverse.toCsv();
        });
        out.println();
        out.print(switch (format) {
            case TEXT -> forward.toText();
            case MARKDOWN -> forward.toMarkdown();
            case CSV -> forward.toCsv();
        });
        out.flush();
        return 0;
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The widths between the linear layers: depth − 1 of them. */
    private int[] hiddenWidths() {
        int[] hidden = new int[depth - 1];
        Arrays.fill(hidden, width);
        return hidden;
    }

    /** One forward and backward pass; the norm of each linear layer's weight gradient, input side first. */
    private List<Double> weightGradientNorms(Supplier<Module> activation, Batch batch) {
        Sequential net = MLP.builder(Digits.FEATURES).hidden(hiddenWidths()).output(Digits.CLASSES).activation(activation)
                .dtype(DType.FLOAT64).generator(new Generator(seed)).build();
        Tensor loss = Losses.crossEntropy(net.forward(batch.x()), batch.y());
        loss.backward();
        List<Double> norms = new ArrayList<>();
        for (int i = 0; i < net.size(); i++) {
            if (net.get(i) instanceof Linear layer) {
                norms.add(layer.weight().grad().norm().item());
            }
        }
        return norms;
    }
}

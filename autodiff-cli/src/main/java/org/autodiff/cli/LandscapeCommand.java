package org.autodiff.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.autodiff.cli.plot.ChartFiles;
import org.autodiff.cli.plot.ContourChart;
import org.autodiff.cli.plot.SurfaceChart;
import org.autodiff.teaching.landscape.BuiltInProblem;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.Method;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.autodiff.teaching.landscape.Problem;
import org.autodiff.teaching.landscape.Window;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code autodiff landscape}: the loss surface of a two-parameter problem with the paths of SGD,
 * Momentum, AdaGrad, RMSProp and Adam from one start point, as a contour plot and a 3-D view.
 */
@Command(name = "landscape", mixinStandardHelpOptions = true,
        description = "Draw a two-parameter loss landscape with the paths of five optimizers (PNG, optionally SVG).")
final class LandscapeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--problem", defaultValue = "neuron",
            description = "One of: neuron, bowl, saddle, rosenbrock, local-minimum (default: ${DEFAULT-VALUE}).")
    private String problemName;

    @Option(names = "--out", defaultValue = "landscape.png",
            description = "Contour picture to write; the 3-D view goes beside it as <name>.surface.png (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--svg", description = "Also write both pictures as SVG.")
    private boolean svg;

    @Option(names = "--steps", description = "Optimizer steps (default: the problem's own).")
    private Integer steps;

    @Option(names = "--lr", split = ",", paramLabel = "METHOD=RATE",
            description = "Learning rates to override, e.g. --lr sgd=0.1,adam=0.05 (methods: sgd, momentum, adagrad, rmsprop, adam).")
    private Map<String, Double> learningRates = new LinkedHashMap<>();

    @Option(names = "--start", split = ",", paramLabel = "W,B", description = "Start point (default: the problem's own).")
    private double[] start;

    @Option(names = "--resolution", defaultValue = "160", description = "Grid points per axis (default: ${DEFAULT-VALUE}).")
    private int resolution;

    @Option(names = "--width", defaultValue = "900", description = "Picture width in pixels (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--height", defaultValue = "760", description = "Picture height in pixels (default: ${DEFAULT-VALUE}).")
    private int height;

    @Override
    public Integer call() throws Exception {
        Problem problem;
        try {
            problem = BuiltInProblem.byName(problemName);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (resolution < 2 || resolution > 1000 || width < 200 || height < 200 || (steps != null && steps < 0)) {
            throw new ParameterException(spec.commandLine(),
                    "need 2 <= --resolution <= 1000, --width and --height >= 200, and --steps >= 0");
        }
        double[] from = start != null ? start : problem.start();
        if (from.length != 2) {
            throw new ParameterException(spec.commandLine(), "--start needs two numbers W,B, got " + from.length);
        }
        Map<Method, Double> rates = rates(problem);
        int n = steps != null ? steps : problem.steps();

        var paths = new java.util.ArrayList<OptimizerPath>();
        for (Method m : Method.values()) {
            paths.add(OptimizerPath.follow(problem, m, rates.get(m), from, n));
        }
        Landscape landscape = new Landscape(problem,
                LossGrid.evaluate(problem, problem.window(), resolution), paths);
        // Equal scales on both axes, so a gradient path meets the contours at right angles.
        Window square = ContourChart.equalScaleWindow(landscape, width, height);
        landscape = new Landscape(problem, LossGrid.evaluate(problem, square, resolution), paths);

        var console = spec.commandLine().getOut();
        Path surface = ChartFiles.withSuffix(out, ".surface.png");
        write(ContourChart.of(landscape), out);
        write(SurfaceChart.of(landscape), surface);
        console.printf(Locale.ROOT, "%s: %d steps from (%s, %s)%n", problem.description(), n, from[0], from[1]);
        console.printf(Locale.ROOT, "%-9s %10s %12s %12s %12s%n", "method", "lr", "w", "b", "loss");
        for (OptimizerPath p : paths) {
            int last = p.size() - 1;
            console.printf(Locale.ROOT, "%-9s %10.4g %12.5g %12.5g %12.5g%n", p.method().displayName(), p.lr(), p.w()[last],
                    p.b()[last], p.loss()[last]);
        }
        console.println("wrote " + out);
        console.println("wrote " + surface);
        if (svg) {
            console.println("wrote " + ChartFiles.withSuffix(out, ".svg"));
            console.println("wrote " + ChartFiles.withSuffix(surface, ".svg"));
        }
        return 0;
    }

    private void write(JFreeChart chart, Path png) throws java.io.IOException {
        ChartFiles.writePng(chart, png, width, height);
        if (svg) {
            ChartFiles.writeSvg(chart, ChartFiles.withSuffix(png, ".svg"), width, height);
        }
    }

    private Map<Method, Double> rates(Problem problem) {
        Map<Method, Double> rates = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            rates.put(m, problem.learningRate(m));
        }
        for (Map.Entry<String, Double> e : learningRates.entrySet()) {
            Method m = null;
            for (Method candidate : Method.values()) {
                if (candidate.name().equalsIgnoreCase(e.getKey().strip())) {
                    m = candidate;
                }
            }
            if (m == null) {
                throw new ParameterException(spec.commandLine(), "--lr: unknown method '" + e.getKey()
                        + "'; use sgd, momentum, adagrad, rmsprop or adam");
            }
            if (!(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
                throw new ParameterException(spec.commandLine(), "--lr " + e.getKey() + " must be positive, got " + e.getValue());
            }
            rates.put(m, e.getValue());
        }
        return rates;
    }
}

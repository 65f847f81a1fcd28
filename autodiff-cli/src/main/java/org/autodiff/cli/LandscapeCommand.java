package org.autodiff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.autodiff.cli.plot.ChartFiles;
import org.autodiff.cli.plot.ContourPicture;
import org.autodiff.cli.plot.SurfaceChart;
import org.autodiff.cli.plot.TangentChart;
import org.autodiff.teaching.landscape.BuiltInCurve;
import org.autodiff.teaching.landscape.BuiltInProblem;
import org.autodiff.teaching.landscape.CurvePath;
import org.autodiff.teaching.landscape.CurveProblem;
import org.autodiff.teaching.landscape.Landscape;
import org.autodiff.teaching.landscape.LossGrid;
import org.autodiff.teaching.landscape.Method;
import org.autodiff.teaching.landscape.OptimizerPath;
import org.autodiff.teaching.landscape.Problem;
import org.autodiff.teaching.landscape.Window;
import org.jfree.chart.ui.Drawable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code autodiff landscape}: the loss surface of a two-parameter problem with the paths of SGD,
 * Momentum, AdaGrad, RMSProp and Adam from one start point, as a contour picture (all paths, and
 * one small chart per path) and a 3-D view; or a one-parameter loss curve with each method's
 * steps and the tangent at each.
 */
@Command(name = "landscape", mixinStandardHelpOptions = true,
        description = "Draw a loss landscape (two parameters) or loss curve (one parameter) with the paths of five optimizers"
                + " (PNG, optionally SVG).")
final class LandscapeCommand implements Callable<Integer> {
    /** More steps than this cannot be drawn usefully: the run takes minutes and the picture no longer changes. */
    static final int MAX_STEPS = 100_000;
    /** The largest picture side in pixels: beyond it the pictures' images no longer fit a default heap. */
    static final int MAX_SIDE = 4000;
    /** The methods a curve shows unless told: the three whose contrast the curves are chosen to show. */
    private static final List<Method> CURVE_METHODS = List.of(Method.SGD, Method.MOMENTUM, Method.ADAM);
    /** Runs of at least this many steps in all report each finished method when there is no terminal for a bar. */
    private static final long REPORT_LINES_FROM = 20_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--problem", defaultValue = "neuron",
            description = "Two parameters: neuron, bowl, saddle, rosenbrock, local-minimum; one parameter: parabola, inflection,"
                    + " plateau (default: ${DEFAULT-VALUE}).")
    private String problemName;

    @Option(names = "--out", defaultValue = "landscape.png",
            description = "Picture to write; for two parameters the 3-D view goes beside it as <name>.surface.png"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--svg", description = "Also write the pictures as SVG.")
    private boolean svg;

    @Option(names = "--steps", description = "Optimizer steps, at most " + MAX_STEPS + " (default: the problem's own).")
    private Integer steps;

    @Option(names = "--lr", split = ",", paramLabel = "METHOD=RATE",
            description = "Learning rates to override, e.g. --lr sgd=0.1,adam=0.05 (methods: sgd, momentum, adagrad, rmsprop, adam).")
    private Map<String, Double> learningRates = new LinkedHashMap<>();

    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
            description = "The optimizers to run, e.g. --methods sgd,adam (default: all five for two parameters; sgd, momentum"
                    + " and adam for one).")
    private List<String> methodNames;

    @Option(names = "--start", split = ",", paramLabel = "W,B", description = "Start point, W,B or θ for a curve"
            + " (default: the problem's own).")
    private double[] start;

    @Option(names = "--resolution", defaultValue = "160", description = "Grid points per axis (default: ${DEFAULT-VALUE}).")
    private int resolution;

    @Option(names = "--width", defaultValue = "1000", description = "Picture width in pixels (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--height", defaultValue = "940", description = "Picture height in pixels (default: ${DEFAULT-VALUE}).")
    private int height;

    @Option(names = "--no-progress", description = "Show no progress while the optimizers run (a bar on a terminal; a line"
            + " per method for long runs elsewhere).")
    private boolean noProgress;

    @Override
    public Integer call() throws Exception {
        checkSizes();
        OutputFile.check(spec.commandLine(), "--out", out, "landscape.png");
        for (BuiltInCurve curve : BuiltInCurve.values()) {
            if (curve.id().equalsIgnoreCase(problemName.strip())) {
                return drawCurve(curve, methods(CURVE_METHODS), rates(curve::learningRate));
            }
        }
        Problem problem;
        try {
            problem = BuiltInProblem.byName(problemName.strip());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "unknown problem '" + problemName + "'; choose one of "
                    + BuiltInProblem.names() + " (two parameters) or " + BuiltInCurve.names() + " (one parameter)");
        }
        return drawLandscape(problem, methods(List.of(Method.values())), rates(problem::learningRate));
    }

    private int drawLandscape(Problem problem, List<Method> methods, Map<Method, Double> rates) throws IOException {
        double[] from = start != null ? start : problem.start();
        if (from.length != 2 || !Double.isFinite(from[0]) || !Double.isFinite(from[1])) {
            throw new ParameterException(spec.commandLine(), "--start needs two finite numbers W,B for " + problem.id()
                    + ", got " + Arrays.toString(from));
        }
        int n = steps != null ? steps : problem.steps();
        List<OptimizerPath> paths = run(methods, n,
                (m, stepDone) -> OptimizerPath.follow(problem, m, rates.get(m), from, n, stepDone));

        // The problem's window, grown to hold every path, at equal scales for the contour picture's layout.
        Window window = problem.window().fitting(paths);
        ContourPicture contour = ContourPicture.of(new Landscape(problem, LossGrid.evaluate(problem, window, resolution), paths),
                width, height);
        Path surface = ChartFiles.withSuffix(out, ".surface.png");
        write(contour, out);
        write(SurfaceChart.of(contour.landscape()), surface);

        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "%s: %d steps from (%s, %s)%n", problem.description(), n, from[0], from[1]);
        console.printf(Locale.ROOT, "%-9s %10s %12s %12s %12s%n", "method", "lr", "w", "b", "loss");
        for (OptimizerPath p : paths) {
            int last = p.size() - 1;
            console.printf(Locale.ROOT, "%-9s %10.4g %12.5g %12.5g %12.5g%n", p.method().displayName(), p.lr(), p.w()[last],
                    p.b()[last], p.loss()[last]);
        }
        wrote(console, out);
        wrote(console, surface);
        return 0;
    }

    private int drawCurve(CurveProblem curve, List<Method> methods, Map<Method, Double> rates) throws IOException {
        double[] from = start != null ? start : new double[] {curve.start()};
        if (from.length != 1 || !Double.isFinite(from[0])) {
            throw new ParameterException(spec.commandLine(), "--start needs one finite number θ for " + curve.id()
                    + ", got " + Arrays.toString(from));
        }
        int n = steps != null ? steps : curve.steps();
        List<CurvePath> paths = run(methods, n,
                (m, stepDone) -> CurvePath.follow(curve, m, rates.get(m), from[0], n, stepDone));
        write(TangentChart.of(curve, paths), out);

        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "%s: %d steps from θ = %s%n", curve.description(), n, from[0]);
        console.printf(Locale.ROOT, "%-9s %10s %12s %12s%n", "method", "lr", "θ", "loss");
        for (CurvePath p : paths) {
            int last = p.size() - 1;
            console.printf(Locale.ROOT, "%-9s %10.4g %12.5g %12.5g%n", p.method().displayName(), p.lr(), p.theta()[last],
                    p.loss()[last]);
        }
        wrote(console, out);
        return 0;
    }

    private void wrote(PrintWriter console, Path png) {
        console.println("wrote " + png);
        if (svg) {
            console.println("wrote " + ChartFiles.withSuffix(png, ".svg"));
        }
    }

    private void checkSizes() {
        if (resolution < 2 || resolution > 1000) {
            throw new ParameterException(spec.commandLine(), "--resolution must be between 2 and 1000, got " + resolution);
        }
        if (width < 200 || height < 200 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new ParameterException(spec.commandLine(), "--width and --height must be between 200 and " + MAX_SIDE
                    + " pixels, got " + width + " × " + height);
        }
        if (steps != null && (steps < 0 || steps > MAX_STEPS)) {
            throw new ParameterException(spec.commandLine(), "--steps must be between 0 and " + MAX_STEPS + ", got " + steps
                    + ": a longer run takes minutes and draws the same picture");
        }
    }

    /** One optimizer run: the path of {@code method}, reporting each finished step to {@code stepDone}. */
    private interface Run<P> {
        P follow(Method method, IntConsumer stepDone);
    }

    /** Each method's path, with a progress bar on a terminal (or a line per method for long runs without one). */
    private <P> List<P> run(List<Method> methods, int n, Run<P> run) {
        List<P> paths = new ArrayList<>();
        boolean bar = !noProgress && System.console() != null;
        boolean lines = !noProgress && !bar && (long) n * methods.size() >= REPORT_LINES_FROM;
        PrintWriter err = spec.commandLine().getErr();
        try (ProgressBar progress = bar ? new ProgressBarBuilder().setTaskName("optimizers").setInitialMax((long) n * methods.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).continuousUpdate().build() : null) {
            for (Method m : methods) {
                long done = (long) paths.size() * n;
                IntConsumer stepDone = progress == null ? k -> { } : k -> progress.stepTo(done + k);
                if (progress != null) {
                    progress.setExtraMessage(m.displayName());
                }
                paths.add(run.follow(m, stepDone));
                if (lines) {
                    err.printf(Locale.ROOT, "%s: %d of %d methods done%n", m.displayName(), paths.size(), methods.size());
                    err.flush();
                }
            }
        }
        return paths;
    }

    private void write(Drawable picture, Path png) throws IOException {
        ChartFiles.writePng(picture, png, width, height);
        if (svg) {
            ChartFiles.writeSvg(picture, ChartFiles.withSuffix(png, ".svg"), width, height);
        }
    }

    /** The methods {@code --methods} names, in the order of {@link Method}, or {@code defaults}. */
    private List<Method> methods(List<Method> defaults) {
        if (methodNames == null) {
            return defaults;
        }
        EnumSet<Method> chosen = EnumSet.noneOf(Method.class);
        for (String name : methodNames) {
            chosen.add(method("--methods", name));
        }
        return List.copyOf(chosen);
    }

    private Method method(String option, String name) {
        for (Method m : Method.values()) {
            if (m.name().equalsIgnoreCase(name.strip())) {
                return m;
            }
        }
        throw new ParameterException(spec.commandLine(), option + ": unknown method '" + name
                + "'; use sgd, momentum, adagrad, rmsprop or adam");
    }

    private Map<Method, Double> rates(java.util.function.ToDoubleFunction<Method> defaults) {
        Map<Method, Double> rates = new EnumMap<>(Method.class);
        for (Method m : Method.values()) {
            rates.put(m, defaults.applyAsDouble(m));
        }
        for (Map.Entry<String, Double> e : learningRates.entrySet()) {
            Method m = method("--lr", e.getKey());
            if (!(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
                throw new ParameterException(spec.commandLine(), "--lr " + e.getKey() + " must be positive, got " + e.getValue());
            }
            rates.put(m, e.getValue());
        }
        return rates;
    }
}

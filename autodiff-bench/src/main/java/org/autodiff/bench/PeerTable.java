package org.autodiff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs autodiff's benchmarks and the peers' twins of them (PyTorch through DJL, ND4J/SameDiff;
 * present in the jar when built with {@code -Ppeers}) in one JMH session at one thread count,
 * and prints a Markdown table: each benchmark, its time on each engine, and autodiff's time
 * divided by the peer's (above 1: autodiff is slower).
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar org.autodiff.bench.PeerTable --threads 1 [--extras]
 * </pre>
 * {@code autodiff-bench/run-peers.sh} runs it at 1 and 2 threads with {@code OMP_NUM_THREADS}
 * set to match, which ND4J reads when its native library loads. {@code --extras} adds the
 * autodiff-only measurements: the scalar engine, forward against reverse mode, and heap retained
 * per graph node. {@code --include REGEX} narrows the benchmarks; JMH's own log goes to
 * {@code --log FILE} (default {@code autodiff-bench/target/peer-table-jmh.log}). Iterations are
 * short so that the whole table takes minutes: one warmup of 1 s and three measurements of
 * 0.5 s per benchmark, one fork ({@code -Dbench.warmups}, {@code -Dbench.iterations},
 * {@code -Dbench.time} in milliseconds change them). The forks' own console output (native
 * libraries' logging) is interleaved on stdout; the table is printed once all runs are done.
 */
public final class PeerTable {
    private static final String PEERS = "org.autodiff.bench.peers.";
    private static final String WORKLOADS =
            "^org\\.autodiff\\.bench\\.(peers\\.(Torch|Nd4j))?(Matmul|Elementwise|SoftmaxCrossEntropy|Conv2d|Mlp|Cnn)Benchmark\\.";
    private static final String EXTRAS = "^org\\.autodiff\\.bench\\.(ScalarEngine|ForwardVsReverse)Benchmark\\.";

    /** An engine's column: the class-name prefix of its benchmarks, its display name, and a class that exists only when it is built in. */
    private record Engine(String prefix, String name, String marker) {
        boolean built() {
            try {
                Class.forName(marker);
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }

    private static final List<Engine> ENGINES = List.of(
            new Engine("", "autodiff", "org.autodiff.bench.MatmulBenchmark"),
            new Engine("Torch", "PyTorch 2.7.1 (DJL 0.36.0)", PEERS + "TorchRuntime"),
            new Engine("Nd4j", "ND4J/SameDiff 1.0.0-M2.1", PEERS + "Nd4jRuntime"));

    private PeerTable() {
    }

    public static void main(String[] args) throws RunnerException, java.io.IOException {
        int threads = 1;
        boolean extras = false;
        String include = WORKLOADS;
        String log = "autodiff-bench/target/peer-table-jmh.log";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--extras" -> extras = true;
                case "--include" -> include = args[++i];
                case "--log" -> log = args[++i];
                default -> throw new IllegalArgumentException("PeerTable: unknown argument " + args[i]
                        + "; expected --threads N, --extras, --include REGEX, --log FILE");
            }
        }
        Path logPath = Path.of(log).toAbsolutePath();
        Files.createDirectories(logPath.getParent());
        Path cache = logPath.getParent().resolve("djl-cache");

        Collection<RunResult> results = run(include, threads, cache, logPath);
        Collection<RunResult> extraResults = extras
                ? run(EXTRAS, threads, cache, logPath.resolveSibling("extras-" + logPath.getFileName()))
                : List.of();
        System.out.printf("%n### %d thread%s%n%n", threads, threads == 1 ? "" : "s");
        printEngines();
        printComparison(results);
        if (extras) {
            System.out.printf("%n### autodiff only, %d thread%s%n%n", threads, threads == 1 ? "" : "s");
            printSingle(extraResults);
            System.out.println();
            System.out.println("Heap retained per graph node (plain program, not JMH; see RetainedBytesPerNode):");
            System.out.println();
            RetainedBytesPerNode.main(new String[0]);
        }
    }

    private static void printEngines() {
        boolean any = false;
        for (Engine engine : ENGINES) {
            if (!engine.built()) {
                System.out.println("- " + engine.name() + ": not in this jar (build with -Ppeers)");
                any = true;
            }
        }
        if (any) {
            System.out.println();
        }
    }

    /** One JMH session; every fork gets the same thread settings for every engine. */
    private static Collection<RunResult> run(String include, int threads, Path cache, Path log) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(Integer.getInteger("bench.warmups", 1))
                .warmupTime(TimeValue.milliseconds(Integer.getInteger("bench.time", 500) * 2L))
                .measurementIterations(Integer.getInteger("bench.iterations", 3))
                .measurementTime(TimeValue.milliseconds(Integer.getInteger("bench.time", 500)))
                .timeUnit(TimeUnit.MILLISECONDS)
                .shouldFailOnError(false)
                .output(log.toString())
                .jvmArgsAppend(
                        "-Xmx3g",
                        "-Dbench.threads=" + threads,
                        // parallel streams run on the calling thread plus the common pool's workers
                        "-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + (threads - 1),
                        "-Dai.djl.pytorch.num_threads=" + threads,
                        "-Dai.djl.pytorch.num_interop_threads=1",
                        "-Doffline=true",
                        "-DPYTORCH_VERSION=2.7.1",
                        "-DPYTORCH_FLAVOR=cpu",
                        "-DDJL_CACHE_DIR=" + cache,
                        "-DENGINE_CACHE_DIR=" + cache);
        return new Runner(options.build()).run();
    }

    /**
     * Rows keyed by workload (class without engine prefix, method, parameters), one score per
     * engine, in JMH's order (parameters as declared, so sizes ascend).
     */
    private static void printComparison(Collection<RunResult> results) {
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String simple = benchmark.substring(0, benchmark.lastIndexOf('.'));
            simple = simple.substring(simple.lastIndexOf('.') + 1);
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Engine engine = engineOf(simple);
            String workload = simple.substring(engine.prefix().length()).replace("Benchmark", "") + "." + method
                    + parameters(result);
            rows.computeIfAbsent(workload, k -> new LinkedHashMap<>())
                    .put(engine.name(), result.getPrimaryResult().getScore());
        }
        List<Engine> peers = ENGINES.stream().filter(e -> !e.prefix().isEmpty() && e.built()).toList();
        StringBuilder header = new StringBuilder("| benchmark | autodiff ms |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (Engine peer : peers) {
            header.append(' ').append(peer.name()).append(" ms | autodiff ÷ ").append(shortName(peer)).append(" |");
            rule.append("---:|---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            Double ours = row.getValue().get("autodiff");
            StringBuilder line = new StringBuilder("| " + row.getKey() + " | " + format(ours) + " |");
            for (Engine peer : peers) {
                Double theirs = row.getValue().get(peer.name());
                line.append(' ').append(format(theirs)).append(" | ")
                        .append(ours == null || theirs == null ? "–" : String.format(Locale.ROOT, "%.2f", ours / theirs))
                        .append(" |");
            }
            System.out.println(line);
        }
        System.out.println();
        System.out.println("A missing time (–) means that benchmark failed or was not run; its error is in the JMH log.");
        printBackwardOverForward(rows);
    }

    /** Backward ÷ forward for the MLP on each engine: (forwardBackward − forward) ÷ forward. */
    private static void printBackwardOverForward(Map<String, Map<String, Double>> rows) {
        List<String> lines = new ArrayList<>();
        for (String key : rows.keySet()) {
            if (!key.startsWith("Mlp.forward[")) {
                continue;
            }
            Map<String, Double> forward = rows.get(key);
            Map<String, Double> both = rows.get(key.replace("Mlp.forward[", "Mlp.forwardBackward["));
            if (both == null) {
                continue;
            }
            StringBuilder line = new StringBuilder("| " + key.substring("Mlp.forward".length()) + " |");
            for (Engine engine : ENGINES) {
                if (!engine.built()) {
                    continue;
                }
                Double f = forward.get(engine.name());
                Double fb = both.get(engine.name());
                line.append(' ').append(f == null || fb == null ? "–"
                        : String.format(Locale.ROOT, "%.2f", (fb - f) / f)).append(" |");
            }
            lines.add(line.toString());
        }
        if (lines.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("MLP backward time ÷ forward time, (forwardBackward − forward) ÷ forward:");
        System.out.println();
        StringBuilder header = new StringBuilder("| MLP |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Engine engine : ENGINES) {
            if (engine.built()) {
                header.append(' ').append(shortName(engine)).append(" |");
                rule.append("---:|");
            }
        }
        System.out.println(header);
        System.out.println(rule);
        lines.forEach(System.out::println);
    }

    private static void printSingle(Collection<RunResult> results) {
        System.out.println("| benchmark | ms |");
        System.out.println("|---|---:|");
        List<String> lines = new ArrayList<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark().substring("org.autodiff.bench.".length());
            lines.add("| " + benchmark.replace("Benchmark", "") + parameters(result) + " | "
                    + format(result.getPrimaryResult().getScore()) + " |");
        }
        lines.forEach(System.out::println);
    }

    private static Engine engineOf(String simpleName) {
        for (Engine engine : ENGINES) {
            if (!engine.prefix().isEmpty() && simpleName.startsWith(engine.prefix())) {
                return engine;
            }
        }
        return ENGINES.get(0);
    }

    private static String shortName(Engine engine) {
        return engine.name().substring(0, engine.name().indexOf(' ') < 0 ? engine.name().length() : engine.name().indexOf(' '));
    }

    private static String parameters(RunResult result) {
        Collection<String> keys = result.getParams().getParamsKeys();
        if (keys.isEmpty()) {
            return "";
        }
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            values.add(key + "=" + result.getParams().getParam(key));
        }
        return "[" + String.join(", ", values) + "]";
    }

    /** Three significant digits, without scientific notation. */
    private static String format(Double ms) {
        if (ms == null) {
            return "–";
        }
        double v = ms;
        int decimals = v >= 100 ? 0 : v >= 10 ? 1 : v >= 1 ? 2 : v >= 0.1 ? 3 : 4;
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}

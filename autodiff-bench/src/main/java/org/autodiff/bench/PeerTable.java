package org.autodiff.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs autodiff's benchmarks on its backends ({@code java}, the pure-Java kernels,
 * {@code openblas}, the same kernels with matrix products in OpenBLAS, and {@code vector}, the
 * Java kernels with maps, reductions and softmax on the Vector API and matrix products in
 * OpenBLAS, autodiff-native being on the benchmarks' class path) and the peers' twins of
 * them (PyTorch through DJL, ND4J/SameDiff; present in the jar when built with {@code -Ppeers})
 * at one thread count, and prints Markdown tables: each benchmark's time on each engine,
 * autodiff's times divided by the peers' (above 1: autodiff is slower), and the target figures
 * read off them.
 *
 * <pre>
 * java -cp autodiff-bench/target/benchmarks.jar org.autodiff.bench.PeerTable --threads 1 [--extras]
 * </pre>
 * {@code autodiff-bench/run-peers.sh} runs it at 1 and 2 threads with {@code OMP_NUM_THREADS}
 * set to match, which ND4J reads when its native library loads. Every autodiff fork gets
 * {@code -Dautodiff.backend=java|openblas|vector} and {@code -Dautodiff.threads=N}, and every fork
 * {@code --add-modules=jdk.incubator.vector}, which the vector backend needs. The OpenBLAS
 * backend runs only the workloads with matrix products (matmul, conv2d, MLP, CNN, transformer
 * layer, LSTM): elsewhere it runs the very same Java kernels, so its cell repeats the java time,
 * marked {@code *}. {@code --extras} adds the autodiff-only measurements: the scalar engine,
 * forward against reverse mode, and heap retained per graph node. {@code --include REGEX} narrows
 * the benchmarks, {@code --only NAME,NAME} keeps the named workloads only (benchmark class names
 * without engine prefix and "Benchmark", e.g. {@code --only TransformerLayer,Lstm}); JMH's own
 * log goes to {@code --log FILE} (default {@code autodiff-bench/target/peer-table-jmh.log}). Iterations are short so that the whole
 * table takes minutes: warmups of 1 s ({@link #warmups(int) three} at one thread, eight at more) and
 * three measurements of 0.5 s per benchmark, one fork ({@code -Dbench.warmups},
 * {@code -Dbench.iterations}, {@code -Dbench.time} in milliseconds change them); matrix sides
 * {@code -Dbench.sizes} (default 256,1024,2048), MLP shapes
 * {@code -Dbench.mlp} (default both: 784-256-256-10/128,784-256-10/256), forward-vs-reverse sizes
 * {@code -Dbench.n} (default 10,100,1000); the layer workloads (TransformerLayer, Lstm) keep their
 * classes' one shape each. The forks' own console output (native
 * libraries' logging) is interleaved on stdout; the tables are printed once all runs are done.
 */
public final class PeerTable {
    private static final String PEERS = "org.autodiff.bench.peers.";
    private static final String WORKLOADS = "(Matmul|Elementwise|SoftmaxCrossEntropy|Conv2d|Mlp|Cnn)Benchmark\\.";
    /**
     * The layer workloads: each has its one shape as the class's {@code @Param} default. They run
     * in JMH sessions of their own, because the MLP shapes override a parameter of the same name,
     * one workload at a time on every engine in turn, so that on a shared machine the engines'
     * times of one workload are measured minutes apart at most.
     */
    private static final List<String> LAYER_WORKLOADS = List.of("TransformerLayer", "Lstm");
    /** The workloads whose time depends on the backend: those with matrix products (kept in step with {@link #ourTime}). */
    private static final String GEMM_WORKLOADS = "(Matmul|Conv2d|Mlp|Cnn)Benchmark\\.";
    /** The workload names (benchmark class without engine prefix and "Benchmark") with matrix products. */
    private static final String GEMM_NAMES = "(Matmul|Conv2d|Mlp|Cnn|TransformerLayer|Lstm)";
    private static final String EXTRAS = "^org\\.autodiff\\.bench\\.(ScalarEngine|ForwardVsReverse)Benchmark\\.";
    /** The MLP shape of the targets. */
    private static final String MLP_TARGET = "784-256-10/256";

    /**
     * An engine's column: the class-name prefix of its benchmarks, its column name, its full
     * name, autodiff's backend (null for the peers), and a class that exists only when it is built in.
     */
    private record Engine(String prefix, String column, String name, String backend, String marker) {
        boolean built() {
            try {
                Class.forName(marker);
                return true;
            } catch (ClassNotFoundException e) {
                return false;
            }
        }

        boolean isPeer() {
            return backend == null;
        }
    }

    private static final Engine JAVA = new Engine("", "autodiff (java)", "autodiff, pure-Java backend", "java",
            "org.autodiff.bench.MatmulBenchmark");
    private static final Engine OPENBLAS = new Engine("", "autodiff (openblas)",
            "autodiff, OpenBLAS backend (autodiff-native: OpenBLAS GEMM, Java elsewhere)", "openblas",
            "org.autodiff.nativeblas.OpenBlasBackend");
    private static final Engine VECTOR = new Engine("", "autodiff (vector)",
            "autodiff, Vector API backend (autodiff-vector: maps, sums, softmax and updates on jdk.incubator.vector,"
                    + " OpenBLAS GEMM)", "vector", "org.autodiff.vector.VectorBackend");
    private static final Engine TORCH = new Engine("Torch", "PyTorch", "PyTorch 2.7.1 through DJL 0.36.0", null,
            PEERS + "TorchRuntime");
    private static final Engine ND4J = new Engine("Nd4j", "ND4J", "ND4J/SameDiff 1.0.0-M2.1", null, PEERS + "Nd4jRuntime");
    private static final List<Engine> ENGINES = List.of(JAVA, OPENBLAS, VECTOR, TORCH, ND4J);

    /** Times in ms by workload (class without engine prefix, method, parameters), then by engine column. */
    private static final class Table {
        final Map<String, Map<Engine, Double>> rows = new LinkedHashMap<>();

        void add(Engine engine, Collection<RunResult> results) {
            for (RunResult result : results) {
                String benchmark = result.getParams().getBenchmark();
                String simple = benchmark.substring(0, benchmark.lastIndexOf('.'));
                simple = simple.substring(simple.lastIndexOf('.') + 1);
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                Engine owner = engine.isPeer() ? peerOf(simple) : engine;
                String workload = simple.substring(owner.prefix().length()).replace("Benchmark", "") + "." + method
                        + parameters(result);
                rows.computeIfAbsent(workload, k -> new LinkedHashMap<>()).put(owner, result.getPrimaryResult().getScore());
            }
        }

        Double get(String workload, Engine engine) {
            Map<Engine, Double> row = rows.get(workload);
            return row == null ? null : row.get(engine);
        }
    }

    private PeerTable() {
    }

    public static void main(String[] args) throws RunnerException, java.io.IOException {
        int threads = 1;
        boolean extras = false;
        String include = ".*";
        String only = null;
        String log = "autodiff-bench/target/peer-table-jmh.log";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--extras" -> extras = true;
                case "--include" -> include = args[++i];
                case "--only" -> only = args[++i];
                case "--log" -> log = args[++i];
                default -> throw new IllegalArgumentException("PeerTable: unknown argument " + args[i]
                        + "; expected --threads N, --extras, --include REGEX, --only NAME,NAME, --log FILE");
            }
        }
        if (only != null) {
            // The engines' classes are [Torch|Nd4j]NameBenchmark. Both parts look from the start of
            // the name, so --include still matches anywhere in it, as it does alone.
            include = "(?=.*\\.(?:Torch|Nd4j)?(?:" + String.join("|", only.split(",")) + ")Benchmark\\.).*(?:" + include + ")";
        }
        Path logPath = Path.of(log).toAbsolutePath();
        Files.createDirectories(logPath.getParent());
        Path cache = logPath.getParent().resolve("djl-cache");

        Table table = new Table();
        String ours = "^org\\.autodiff\\.bench\\.";
        String peerClasses = "^org\\.autodiff\\.bench\\.peers\\.(Torch|Nd4j)";
        boolean openblas = OPENBLAS.built();
        boolean vector = VECTOR.built();
        boolean peers = ENGINES.stream().anyMatch(e -> e.isPeer() && e.built());
        table.add(JAVA, run(ours + WORKLOADS, include, threads, JAVA, cache, logPath, "java", true));
        if (openblas) {
            table.add(OPENBLAS, run(ours + GEMM_WORKLOADS, include, threads, OPENBLAS, cache, logPath, "openblas", true));
        }
        if (vector) {
            table.add(VECTOR, run(ours + WORKLOADS, include, threads, VECTOR, cache, logPath, "vector", true));
        }
        if (peers) {
            table.add(TORCH, run(peerClasses + WORKLOADS, include, threads, TORCH, cache, logPath, "peers", true));
        }
        for (String layer : LAYER_WORKLOADS) {
            String workload = layer + "Benchmark\\.";
            table.add(JAVA, run(ours + workload, include, threads, JAVA, cache, logPath, "java-" + layer, false));
            if (openblas) {
                table.add(OPENBLAS, run(ours + workload, include, threads, OPENBLAS, cache, logPath, "openblas-" + layer, false));
            }
            if (vector) {
                table.add(VECTOR, run(ours + workload, include, threads, VECTOR, cache, logPath, "vector-" + layer, false));
            }
            if (peers) {
                table.add(TORCH, run(peerClasses + workload, include, threads, TORCH, cache, logPath, "peers-" + layer, false));
            }
        }
        Table extraTable = new Table();
        if (extras) {
            extraTable.add(JAVA, run(EXTRAS, include, threads, JAVA, cache, logPath, "extras", true));
        }

        String plural = threads == 1 ? "" : "s";
        System.out.printf("%n### %d thread%s%n%n", threads, plural);
        printEngines();
        printComparison(table);
        printForwardBackwardOverForward(table);
        if (table.rows.keySet().stream().anyMatch(w -> w.startsWith("Mlp.") || w.startsWith("Matmul."))) {
            System.out.printf("%n#### Target figures, %d thread%s%n%n", threads, plural);
            printTargets(table, extraTable, threads);
        }
        if (extras) {
            System.out.printf("%n### autodiff only, %d thread%s%n%n", threads, plural);
            printSingle(extraTable);
            System.out.println();
            System.out.println("Heap retained per graph node (plain program, not JMH; see RetainedBytesPerNode):");
            System.out.println();
            RetainedBytesPerNode.main(new String[0]);
        }
    }

    private static void printEngines() {
        for (Engine engine : ENGINES) {
            System.out.println("- " + engine.column() + ": " + engine.name()
                    + (engine.built() ? "" : " — not in this jar" + (engine.isPeer() ? " (build with -Ppeers)" : "")));
        }
        System.out.println();
    }

    /**
     * One JMH session; every fork gets the same thread settings for every engine, and autodiff's
     * forks the backend {@code engine} names. With {@code sized}, the size, MLP shape and n
     * parameters are overridden (see the class comment); without, each benchmark keeps its own
     * parameter defaults. A session that {@code include} leaves empty gives no results.
     */
    private static Collection<RunResult> run(String workloads, String include, int threads, Engine engine,
                                             Path cache, Path log, String session, boolean sized) throws RunnerException {
        List<String> jvmArgs = new ArrayList<>(List.of(
                // The whole heap committed and touched before measuring: on this project's virtual
                // machines a first touch of a heap page costs a fault that put spikes of tens of
                // milliseconds into otherwise steady iterations.
                "-Xms3g",
                "-Xmx3g",
                "-XX:+AlwaysPreTouch",
                // The vector backend's incubator module; the other engines' forks get it too, so
                // that every fork starts the same way.
                "--add-modules=jdk.incubator.vector",
                "-Dbench.threads=" + threads,
                "-Dautodiff.threads=" + threads,
                "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Doffline=true",
                "-DPYTORCH_VERSION=2.7.1",
                "-DPYTORCH_FLAVOR=cpu",
                "-DDJL_CACHE_DIR=" + cache,
                "-DENGINE_CACHE_DIR=" + cache));
        if (!engine.isPeer()) {
            jvmArgs.add("-Dautodiff.backend=" + engine.backend());
        }
        String name = log.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path sessionLog = log.resolveSibling(dot < 0 ? name + "-" + session : name.substring(0, dot) + "-" + session + name.substring(dot));
        ChainedOptionsBuilder options = new OptionsBuilder()
                // JMH ORs its includes; the lookahead ANDs --include with the workload pattern
                .include("^(?=.*(?:" + include + "))" + workloads.substring(1))
                .forks(1)
                .warmupIterations(Integer.getInteger("bench.warmups", warmups(threads)))
                .warmupTime(TimeValue.milliseconds(Integer.getInteger("bench.time", 500) * 2L))
                .measurementIterations(Integer.getInteger("bench.iterations", 3))
                .measurementTime(TimeValue.milliseconds(Integer.getInteger("bench.time", 500)))
                .timeUnit(TimeUnit.MILLISECONDS)
                .shouldFailOnError(false)
                .output(sessionLog.toString())
                .jvmArgsAppend(jvmArgs.toArray(String[]::new));
        if (sized) {
            options.param("size", System.getProperty("bench.sizes", "256,1024,2048").split(","))
                    .param("shape", System.getProperty("bench.mlp", "784-256-256-10/128," + MLP_TARGET).split(","))
                    .param("n", System.getProperty("bench.n", "10,100,1000").split(","));
        }
        try {
            return new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
    }

    /**
     * Warmup iterations of 1 s by default. With a core to spare the JIT compiles the training
     * steps within the first second; when every core runs the benchmark's threads, the compiler
     * threads share them, and steps kept getting faster for about 8 s (MLP training step at two
     * threads, 2026-12-03, ms per 1 s iteration: autodiff openblas 4.40 2.68 2.33 2.35 2.27 2.10
     * 2.08 2.02 2.11 2.09 1.99 1.87 1.93, PyTorch 2.71 1.95 2.00 1.79 1.82 1.98 2.73 1.68 1.63 1.63
     * 1.70 1.62 1.69), so the one warmup that suffices at one thread measured the compiler. At one
     * thread three: the CNN step, once convolution had kernels of its own, was still compiling
     * after one (2026-12-03, autodiff openblas: warmup 2.84, then 1.24 0.91 1.08 ms).
     */
    private static int warmups(int threads) {
        return threads == 1 ? 3 : 8;
    }

    private static void printComparison(Table table) {
        List<Engine> built = ENGINES.stream().filter(Engine::built).toList();
        List<Engine> peers = built.stream().filter(Engine::isPeer).toList();
        List<Engine> ours = built.stream().filter(e -> !e.isPeer()).toList();
        StringBuilder header = new StringBuilder("| benchmark |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Engine engine : built) {
            header.append(' ').append(engine.column()).append(" ms |");
            rule.append("---:|");
        }
        for (Engine peer : peers) {
            for (Engine our : ours) {
                header.append(' ').append(our.backend()).append(" ÷ ").append(peer.column()).append(" |");
                rule.append("---:|");
            }
        }
        System.out.println(header);
        System.out.println(rule);
        boolean sameKernels = false;
        for (String workload : table.rows.keySet().stream().sorted(Comparator.comparing(PeerTable::naturalKey)).toList()) {
            StringBuilder line = new StringBuilder("| " + workload + " |");
            for (Engine engine : built) {
                Double ms = ourTime(table, workload, engine);
                boolean copied = engine == OPENBLAS && table.get(workload, OPENBLAS) == null && ms != null;
                sameKernels |= copied;
                line.append(' ').append(format(ms)).append(copied ? "*" : "").append(" |");
            }
            for (Engine peer : peers) {
                for (Engine our : ours) {
                    line.append(' ').append(ratio(ourTime(table, workload, our), table.get(workload, peer))).append(" |");
                }
            }
            System.out.println(line);
        }
        System.out.println();
        if (sameKernels) {
            System.out.println("\\* no matrix product: the OpenBLAS backend runs the same Java kernels, so the java time is repeated.");
        }
        System.out.println("A missing time (–) means that benchmark failed or was not run; its error is in the JMH log.");
        if (ND4J.built() && table.rows.keySet().stream().anyMatch(w -> w.matches("(TransformerLayer|Lstm)\\..*"))) {
            System.out.println("ND4J has no twin of the TransformerLayer and Lstm workloads: their ND4J cells stay empty.");
        }
    }

    /** An autodiff engine's time, the java time standing in for OpenBLAS where no product is involved. */
    private static Double ourTime(Table table, String workload, Engine engine) {
        Double ms = table.get(workload, engine);
        if (ms == null && engine == OPENBLAS && !workload.matches(GEMM_NAMES + "\\..*")) {
            return table.get(workload, JAVA);
        }
        return ms;
    }

    /** MLP (forward + backward) ÷ forward on each engine. */
    private static void printForwardBackwardOverForward(Table table) {
        List<Engine> built = ENGINES.stream().filter(Engine::built).toList();
        List<String> lines = new ArrayList<>();
        for (String key : table.rows.keySet()) {
            if (!key.startsWith("Mlp.forward[")) {
                continue;
            }
            String both = key.replace("Mlp.forward[", "Mlp.forwardBackward[");
            StringBuilder line = new StringBuilder("| " + key.substring("Mlp.forward".length()) + " |");
            for (Engine engine : built) {
                line.append(' ').append(ratio(table.get(both, engine), table.get(key, engine))).append(" |");
            }
            lines.add(line.toString());
        }
        if (lines.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("MLP forward + backward time ÷ forward time (backward ÷ forward is this minus 1):");
        System.out.println();
        StringBuilder header = new StringBuilder("| MLP |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Engine engine : built) {
            header.append(' ').append(engine.column()).append(" |");
            rule.append("---:|");
        }
        System.out.println(header);
        System.out.println(rule);
        lines.forEach(System.out::println);
    }

    /** The target figures, each read off the rows above. */
    private static void printTargets(Table table, Table extras, int threads) {
        System.out.println("| figure | value |");
        System.out.println("|---|---:|");
        String step = "Mlp.trainingStep[shape=" + MLP_TARGET + "]";
        target("MLP training step " + MLP_TARGET + " f32, time: openblas ÷ PyTorch",
                ratioOf(table.get(step, OPENBLAS), table.get(step, TORCH)));
        target("MLP training step " + MLP_TARGET + " f32, time: java ÷ PyTorch",
                ratioOf(table.get(step, JAVA), table.get(step, TORCH)));
        target("MLP training step " + MLP_TARGET + " f32, time: vector ÷ PyTorch",
                ratioOf(table.get(step, VECTOR), table.get(step, TORCH)));
        for (String dtype : List.of("float32", "float64")) {
            String gemm = "Matmul.matmul[dtype=" + dtype + ", size=1024]";
            // GFLOP/s ratios are the inverse of time ratios: theirs ÷ ours.
            target("GEMM 1024² " + dtype + ", GFLOP/s: openblas ÷ PyTorch",
                    gflops(table.get(gemm, OPENBLAS), table.get(gemm, TORCH)));
            target("GEMM 1024² " + dtype + ", GFLOP/s: java (" + threads + " thread" + (threads == 1 ? "" : "s")
                    + ") ÷ openblas", gflops(table.get(gemm, JAVA), table.get(gemm, OPENBLAS)));
        }
        for (Engine engine : List.of(JAVA, OPENBLAS)) {
            target("MLP " + MLP_TARGET + " (forward + backward) ÷ forward, " + engine.backend(),
                    ratio(table.get("Mlp.forwardBackward[shape=" + MLP_TARGET + "]", engine),
                            table.get("Mlp.forward[shape=" + MLP_TARGET + "]", engine)));
        }
        Double scalar = extras.get("ScalarEngine.forwardAndBackward[nodes=1000000]", JAVA);
        if (scalar != null) {
            target("scalar engine, 10⁶-node forward + backward", format(scalar) + " ms");
        }
    }

    private static void target(String figure, String value) {
        System.out.println("| " + figure + " | " + value + " |");
    }

    /** "a ÷ b = r" from two times, so the reader sees what the ratio is made of. */
    private static String ratioOf(Double a, Double b) {
        return a == null || b == null ? "–" : format(a) + " ms ÷ " + format(b) + " ms = " + ratio(a, b);
    }

    /** The GFLOP/s of 1024² products taking {@code oursMs} and {@code theirsMs}, and their ratio. */
    private static String gflops(Double oursMs, Double theirsMs) {
        if (oursMs == null || theirsMs == null) {
            return "–";
        }
        Function<Double, String> rate = ms -> String.format(Locale.ROOT, "%.1f", 2.0 * 1024 * 1024 * 1024 / (ms * 1e6));
        return rate.apply(oursMs) + " ÷ " + rate.apply(theirsMs) + " GFLOP/s = " + ratio(theirsMs, oursMs);
    }

    private static String ratio(Double a, Double b) {
        return a == null || b == null ? "–" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static void printSingle(Table table) {
        System.out.println("| benchmark | ms |");
        System.out.println("|---|---:|");
        for (Map.Entry<String, Map<Engine, Double>> row : table.rows.entrySet()) {
            System.out.println("| " + row.getKey() + " | " + format(row.getValue().get(JAVA)) + " |");
        }
    }

    /** The workload name with every number padded to ten digits, so that 256 sorts before 1024. */
    private static String naturalKey(String workload) {
        return Pattern.compile("\\d+").matcher(workload).replaceAll(m -> "0".repeat(Math.max(0, 10 - m.group().length())) + m.group());
    }

    private static Engine peerOf(String simpleName) {
        for (Engine engine : ENGINES) {
            if (engine.isPeer() && simpleName.startsWith(engine.prefix())) {
                return engine;
            }
        }
        throw new IllegalStateException("PeerTable: no peer engine for benchmark class " + simpleName);
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

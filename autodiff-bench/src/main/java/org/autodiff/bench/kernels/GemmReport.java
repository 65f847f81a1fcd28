package org.autodiff.bench.kernels;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link GemmBenchmark} and prints its scores as GFLOP/s, one line per size, dtype and
 * backend. JMH options on the command line pass through, e.g.
 * {@code java -cp autodiff-bench/target/benchmarks.jar org.autodiff.bench.kernels.GemmReport -f 1 -wi 2 -i 3 -p size=1024}.
 */
public final class GemmReport {
    private GemmReport() {
    }

    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(cli)
                .include(GemmBenchmark.class.getName()).build()).run();
        System.out.printf("%n%6s %-8s %-9s %10s%n", "size", "dtype", "backend", "GFLOP/s");
        for (RunResult r : results) {
            int size = Integer.parseInt(r.getParams().getParam("size"));
            double productsPerSecond = r.getPrimaryResult().getScore();
            System.out.printf("%6d %-8s %-9s %10.1f%n", size, r.getParams().getParam("dtype"),
                    r.getParams().getParam("backend"), 2.0 * size * size * size * productsPerSecond / 1e9);
        }
    }
}

package org.autodiff.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.nativeblas.OpenBlasBackend;

/**
 * The 2-thread ÷ 1-thread time of {@link MlpBenchmark#trainingStep} (784-256-10/256, float32),
 * with the two thread counts alternating every 10 steps in one JVM, so that both see the same
 * load: on a machine shared with other processes, separate JMH forks a minute apart see
 * different loads and their ratio swings more than the effect measured. Prints the minimum, 10th
 * and 25th percentile and median step time of each, and their ratios.
 *
 * <pre>java -Xms3g -Xmx3g -cp autodiff-bench/target/benchmarks.jar org.autodiff.bench.MlpStepScaling openblas 30</pre>
 *
 * (backend {@code openblas} or {@code java}, seconds of measurement after 5 s of warm-up).
 */
public final class MlpStepScaling {
    private static final int STEPS_PER_BLOCK = 10;
    private static final long WARMUP_NANOS = 5_000_000_000L;

    private MlpStepScaling() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the backend ({@code openblas} or {@code java}) and the seconds to measure
     */
    public static void main(String[] args) {
        if (args.length != 2 || !(args[0].equals("openblas") || args[0].equals("java"))) {
            throw new IllegalArgumentException("usage: MlpStepScaling openblas|java SECONDS");
        }
        boolean java = args[0].equals("java");
        Backend[] backends = java ? new Backend[] {new JavaBackend(1), new JavaBackend(2)}
                : new Backend[] {new OpenBlasBackend(1), new OpenBlasBackend(2)};
        MlpShape s = MlpShape.parse("784-256-10/256");
        Mlp model = new Mlp(s.widths());
        List<Tensor> parameters = model.parameters();
        Tensor input = Tensor.of(BenchData.uniform(1, s.batch() * s.inputs(), 1), s.batch(), s.inputs());
        Tensor targets = Tensor.of(BenchData.oneHot(BenchData.labels(2, s.batch(), s.classes()), s.classes()),
                s.batch(), s.classes());
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
        long start = System.nanoTime(), end = start + WARMUP_NANOS + (long) (Double.parseDouble(args[1]) * 1e9);
        for (int block = 0; System.nanoTime() < end; block++) {
            int which = block % 2;
            Backends.use(backends[which]);
            for (int i = 0; i < STEPS_PER_BLOCK; i++) {
                long t0 = System.nanoTime();
                Tensor loss = CrossEntropy.of(model.forward(input), targets);
                loss.backward();
                Mlp.sgdStep(parameters, MlpBenchmark.LEARNING_RATE);
                if (t0 - start > WARMUP_NANOS) {
                    times.get(which).add(System.nanoTime() - t0);
                }
            }
        }
        double[][] q = {quantiles(times.get(0)), quantiles(times.get(1))};
        System.out.printf("%s, ms per step (min / p10 / p25 / median): 1 thread %.3f / %.3f / %.3f / %.3f (%d steps), "
                        + "2 threads %.3f / %.3f / %.3f / %.3f (%d steps); 2 ÷ 1: %.2f / %.2f / %.2f / %.2f%n",
                args[0], q[0][0], q[0][1], q[0][2], q[0][3], times.get(0).size(),
                q[1][0], q[1][1], q[1][2], q[1][3], times.get(1).size(),
                q[1][0] / q[0][0], q[1][1] / q[0][1], q[1][2] / q[0][2], q[1][3] / q[0][3]);
    }

    /** Minimum, 10th and 25th percentile and median, in ms. */
    private static double[] quantiles(List<Long> nanos) {
        Collections.sort(nanos);
        int n = nanos.size();
        return new double[] {nanos.get(0) / 1e6, nanos.get(n / 10) / 1e6, nanos.get(n / 4) / 1e6, nanos.get(n / 2) / 1e6};
    }
}

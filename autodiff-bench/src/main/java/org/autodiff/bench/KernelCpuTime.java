package org.autodiff.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.function.Supplier;
import org.autodiff.core.Tensor;

/**
 * The one-thread cost of the kernels beyond the matrix product, as CPU time of the calling
 * thread per op (the minimum over batches), not wall time: on a machine shared with other
 * processes a descheduled thread adds wall time but no CPU time, so before/after comparisons of
 * a kernel stay meaningful where JMH's wall-clock scores swing several-fold. Float32 [1024, 1024]
 * add, exp, sum, row sums and column sums, and the softmax cross-entropy forward and backward of
 * {@link SoftmaxCrossEntropyBenchmark}'s shape [512, 1000].
 *
 * <pre>java -Dautodiff.threads=1 -Dautodiff.backend=java -cp autodiff-bench/target/benchmarks.jar org.autodiff.bench.KernelCpuTime</pre>
 */
public final class KernelCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Keeps results alive so the JIT cannot drop the work. */
    private static volatile Object sink;

    private KernelCpuTime() {
    }

    /** The least CPU milliseconds per call of {@code op} over {@code batches} batches of {@code perBatch} calls. */
    private static double cpuMillis(Supplier<Object> op, int perBatch, int batches) {
        double best = Double.MAX_VALUE;
        for (int b = 0; b < batches; b++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < perBatch; i++) {
                sink = op.get();
            }
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - t0) / 1e6 / perBatch);
        }
        return best;
    }

    /**
     * Prints one line: each kernel's CPU milliseconds per call, after a warm-up round.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Tensor a = Tensor.of(BenchData.uniform(1, 1 << 20, 1), 1024, 1024);
        Tensor b = Tensor.of(BenchData.uniform(2, 1 << 20, 1), 1024, 1024);
        Tensor logits = Tensor.of(BenchData.uniform(3, 512 * 1000, 1), 512, 1000);
        Tensor oneHot = Tensor.of(BenchData.oneHot(BenchData.labels(4, 512, 1000), 1000), 512, 1000);
        List<String> names = List.of("add", "exp", "sum", "rowSums", "colSums", "softmaxCE f+b");
        List<Supplier<Object>> ops = List.of(() -> a.add(b), a::exp, a::sum, () -> a.sum(1, false),
                () -> a.sum(0, false), () -> {
                    Tensor x = logits.detach().requiresGrad(true);
                    CrossEntropy.of(x, oneHot).backward();
                    return x.grad();
                });
        for (int round = 0; round < 2; round++) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < ops.size(); k++) {
                double ms = cpuMillis(ops.get(k), round == 0 ? 20 : 30, round == 0 ? 3 : 10);
                line.append(String.format("%s %.3f  ", names.get(k), ms));
            }
            if (round == 1) {
                System.out.println(line.toString().trim() + "  (ms CPU per call, "
                        + System.getProperty("autodiff.backend", "default") + " backend)");
            }
        }
    }
}

package org.autodiff.bench;

import java.util.Locale;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.MLP;
import org.autodiff.nn.Sequential;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.SGD;

/**
 * Whether training leaks: runs 10⁵ SGD steps of a small float32 MLP (64-32-10, batch 32,
 * cross-entropy) and samples the used heap after full collections every 10⁴ steps. A loop that
 * keeps nothing from one step to the next (graphs, gradients, saved tensors) gives a flat
 * series; the least-squares slope in bytes per step says how flat. A plain program, not JMH:
 *
 * <pre>
 * java -Dautodiff.backend=java -Dautodiff.threads=1 -cp autodiff-bench/target/benchmarks.jar \
 *     org.autodiff.bench.HeapAfterTraining [steps] [sampleEvery]
 * </pre>
 * Prints a Markdown table of the samples and a line with the slope.
 */
public final class HeapAfterTraining {
    private static final int BATCH = 32;
    private static final int INPUTS = 64;
    private static final int CLASSES = 10;
    /** Distinct batches cycled through, made up front so the data adds nothing per step. */
    private static final int BATCHES = 8;
    private static final int WARMUP_STEPS = 10_000;
    /** Below this slope no object is kept per step: the smallest Java object is 16 bytes. */
    private static final double FLAT_BYTES_PER_STEP = 1.0;

    private HeapAfterTraining() {
    }

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;

        Sequential model = MLP.builder(INPUTS).hidden(32).output(CLASSES)
                .dtype(DType.FLOAT32).generator(new Generator(7)).build();
        SGD optimizer = new SGD(model.parameters(), 0.01);
        Tensor[] inputs = new Tensor[BATCHES];
        int[][] labels = new int[BATCHES][];
        for (int b = 0; b < BATCHES; b++) {
            inputs[b] = Tensor.of(BenchData.uniform(100 + b, BATCH * INPUTS, 1), BATCH, INPUTS);
            labels[b] = BenchData.labels(200 + b, BATCH, CLASSES);
        }

        for (int step = 0; step < WARMUP_STEPS; step++) {
            trainingStep(model, optimizer, inputs[step % BATCHES], labels[step % BATCHES]);
        }
        // Allocated before the first sample so the series does not measure its own growth.
        long[] used = new long[steps / every + 1];
        used[0] = RetainedBytesPerNode.usedHeapAfterGc();
        long start = System.nanoTime();
        double loss = 0;
        for (int step = 1; step <= steps; step++) {
            loss = trainingStep(model, optimizer, inputs[step % BATCHES], labels[step % BATCHES]);
            if (step % every == 0) {
                used[step / every] = RetainedBytesPerNode.usedHeapAfterGc();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf(Locale.ROOT, "Used heap after System.gc() while training a 64-32-10 float32 MLP, batch %d, SGD"
                + " (%,d steps after %,d warm-up steps, %.0f s, last loss %.3f):%n%n", BATCH, steps, WARMUP_STEPS, seconds, loss);
        System.out.println("| step | used heap (bytes) |");
        System.out.println("|---:|---:|");
        for (int i = 0; i < used.length; i++) {
            System.out.printf(Locale.ROOT, "| %,d | %,d |%n", (long) i * every, used[i]);
        }
        double slope = slope(used, every);
        System.out.printf(Locale.ROOT, "%nSlope (least squares): %.3f bytes/step, %,.0f bytes over %,d steps: %s%n",
                slope, slope * steps, steps, Math.abs(slope) < FLAT_BYTES_PER_STEP
                        ? "flat (no growth)" : "GROWS (something is kept from step to step)");
    }

    /** One step as a user writes it: forward, loss, zero the gradients, backward, update. */
    private static double trainingStep(Sequential model, SGD optimizer, Tensor input, int[] labels) {
        Tensor loss = Losses.crossEntropy(model.forward(input), labels);
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
    }

    /** The least-squares slope of {@code used[i]} against step {@code i·every}. */
    static double slope(long[] used, int every) {
        double n = used.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < used.length; i++) {
            meanX += (double) i * every / n;
            meanY += used[i] / n;
        }
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < used.length; i++) {
            double dx = (double) i * every - meanX;
            covariance += dx * (used[i] - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? 0 : covariance / variance;
    }
}

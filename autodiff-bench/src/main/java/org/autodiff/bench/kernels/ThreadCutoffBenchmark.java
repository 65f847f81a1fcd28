package org.autodiff.bench.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.core.backend.ReduceKernel;
import org.autodiff.core.backend.UnaryKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Where a second thread starts to pay: the pure-Java float32 kernels of a training step (add,
 * relu, exp, the bias broadcast, row and column sums, the optimizer's update) at sizes from 2¹²
 * to 2²⁰ elements on 1 and 2 threads, in microseconds per call. Run it with
 * {@code -jvmArgsAppend "-Dautodiff.grain.cheap=1 -Dautodiff.grain.costly=1"} so that every size
 * is split, and the cut-off is the smallest size where 2 threads beat 1; without those flags it
 * shows what the backend's cut-offs choose.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThreadCutoffBenchmark {
    private static final int COLUMNS = 256;

    /** Elements of each operand. */
    @Param({"4096", "16384", "65536", "262144", "1048576"})
    public int size;

    /** Threads of the backend. */
    @Param({"1", "2"})
    public int threads;

    private Backend backend;
    private int[] dims, contiguous, row;
    private float[] x, y, bias, out, rowSums, columnSums;

    /** Random operands and a backend with {@link #threads} threads. */
    @Setup
    public void setUp() {
        backend = new JavaBackend(threads);
        Random random = new Random(1);
        dims = new int[] {size / COLUMNS, COLUMNS};
        contiguous = new int[] {COLUMNS, 1};
        row = new int[] {0, 1};
        x = new float[size];
        y = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextFloat() - 0.5f;
            y[i] = random.nextFloat() - 0.5f;
        }
        bias = new float[COLUMNS];
        out = new float[size];
        rowSums = new float[size / COLUMNS];
        columnSums = new float[COLUMNS];
    }

    /** @return x + y, both contiguous */
    @Benchmark
    public float[] add() {
        backend.binary(BinaryKernel.ADD, x, contiguous, y, contiguous, out, dims);
        return out;
    }

    /** @return x + a bias row broadcast over the rows */
    @Benchmark
    public float[] addBias() {
        backend.binary(BinaryKernel.ADD, x, contiguous, bias, row, out, dims);
        return out;
    }

    /** @return relu(x) */
    @Benchmark
    public float[] relu() {
        backend.unary(UnaryKernel.RELU, x, out);
        return out;
    }

    /** @return exp(x), a costly map */
    @Benchmark
    public float[] exp() {
        backend.unary(UnaryKernel.EXP, x, out);
        return out;
    }

    /** @return the sum of each row of 256 */
    @Benchmark
    public float[] sumRows() {
        backend.reduce(ReduceKernel.SUM, x, dims, new boolean[] {false, true}, rowSums);
        return rowSums;
    }

    /** @return the sum of each column (the gradient of a bias) */
    @Benchmark
    public float[] sumColumns() {
        backend.reduce(ReduceKernel.SUM, x, dims, new boolean[] {true, false}, columnSums);
        return columnSums;
    }

    /** @return out after out += x·(−0.01), an optimizer's update */
    @Benchmark
    public float[] addScaled() {
        backend.addScaled(out, x, -0.01f);
        return out;
    }
}

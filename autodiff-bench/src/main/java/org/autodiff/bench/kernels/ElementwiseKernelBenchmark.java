package org.autodiff.bench.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.core.backend.ReduceKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The pure-Java elementwise and reduction kernels on a {@code rows × 1024} float64 matrix, in
 * calls per second: the shapes tensor ops hit most (same-shape operands, a scalar, a bias row
 * broadcast over rows, a full sum and a sum over the last dimension).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ElementwiseKernelBenchmark {
    private static final int COLUMNS = 1024;

    @Param({"1024"})
    public int rows;

    private final Backend backend = new JavaBackend(1);
    private int[] dims, contiguous, row, scalar;
    private double[] x, y, bias, one, out, rowSums, total;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        dims = new int[] {rows, COLUMNS};
        contiguous = new int[] {COLUMNS, 1};
        row = new int[] {0, 1};
        scalar = new int[] {0, 0};
        x = random.doubles(rows * COLUMNS).toArray();
        y = random.doubles(rows * COLUMNS).toArray();
        bias = random.doubles(COLUMNS).toArray();
        one = new double[] {2.5};
        out = new double[rows * COLUMNS];
        rowSums = new double[rows];
        total = new double[1];
    }

    @Benchmark
    public double[] addSameShape() {
        backend.binary(BinaryKernel.ADD, x, contiguous, y, contiguous, out, dims);
        return out;
    }

    @Benchmark
    public double[] mulScalar() {
        backend.binary(BinaryKernel.MUL, x, contiguous, one, scalar, out, dims);
        return out;
    }

    @Benchmark
    public double[] addBiasRow() {
        backend.binary(BinaryKernel.ADD, x, contiguous, bias, row, out, dims);
        return out;
    }

    @Benchmark
    public double[] sumAll() {
        backend.reduce(ReduceKernel.SUM, x, dims, new boolean[] {true, true}, total);
        return total;
    }

    @Benchmark
    public double[] sumLastDim() {
        backend.reduce(ReduceKernel.SUM, x, dims, new boolean[] {false, true}, rowSums);
        return rowSums;
    }
}

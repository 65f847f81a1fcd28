package org.autodiff.bench.kernels;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.JavaBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Square matrix products {@code C = A·B} of side {@code size} on one backend, in products per
 * second; {@link GemmReport} turns the scores into GFLOP/s (2·size³ flops per product).
 * Backends: {@code java1} and {@code java2} are {@link JavaBackend} on 1 and 2 threads,
 * {@code openblas} is autodiff-native's OpenBLAS backend, the reference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GemmBenchmark {
    @Param({"256", "512", "1024", "2048"})
    public int size;

    @Param({"float64", "float32"})
    public String dtype;

    @Param({"java1", "java2", "openblas"})
    public String backend;

    private Backend kernels;
    private double[] a64, b64, c64;
    private float[] a32, b32, c32;

    @Setup
    public void setUp() {
        kernels = switch (backend) {
            case "java1" -> new JavaBackend(1);
            case "java2" -> new JavaBackend(2);
            default -> Backends.available().stream().filter(b -> b.name().equals(backend)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no backend named " + backend + " on the class path"));
        };
        Random random = new Random(42);
        int n = size * size;
        a64 = new double[n];
        b64 = new double[n];
        c64 = new double[n];
        a32 = new float[n];
        b32 = new float[n];
        c32 = new float[n];
        for (int i = 0; i < n; i++) {
            a64[i] = random.nextDouble() - 0.5;
            b64[i] = random.nextDouble() - 0.5;
            a32[i] = (float) a64[i];
            b32[i] = (float) b64[i];
        }
    }

    @Benchmark
    public Object gemm() {
        if (dtype.equals("float64")) {
            kernels.gemm(false, false, size, size, size, a64, 0, b64, 0, c64, 0);
            return c64;
        }
        kernels.gemm(false, false, size, size, size, a32, 0, b32, 0, c32, 0);
        return c32;
    }
}

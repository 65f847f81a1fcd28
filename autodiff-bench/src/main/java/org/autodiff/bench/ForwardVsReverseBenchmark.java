package org.autodiff.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autodiff.core.Tensor;
import org.autodiff.core.functional.Functional;
import org.autodiff.core.scalar.Derivatives;
import org.autodiff.core.scalar.Num;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gradient of a function ℝⁿ → ℝ by reverse mode (one evaluation and one backward pass) and by
 * forward mode (one evaluation per input), as n grows: reverse should grow like n, forward like
 * n². Both on the scalar engine ({@link Derivatives}) and on tensors ({@link Functional#grad}
 * against {@link Functional#jacobianForward}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class ForwardVsReverseBenchmark {

    @Param({"10", "100", "1000", "10000"})
    public int n;

    private double[] point;
    private Tensor tensorPoint;

    @Setup
    public void setUp() {
        point = BenchData.widen(BenchData.uniform(1, n, 1));
        tensorPoint = Tensor.of(point, n);
    }

    /** f(x) = Σ tanh(xᵢ·xᵢ₊₁) + xᵢ², indices cyclic: every output depends on neighbouring inputs. */
    static <T extends Num<T>> T ring(List<T> x) {
        int n = x.size();
        T sum = x.get(0).constant(0);
        for (int i = 0; i < n; i++) {
            T xi = x.get(i);
            sum = sum.add(xi.mul(x.get((i + 1) % n)).tanh()).add(xi.mul(xi));
        }
        return sum;
    }

    /** f(x) = Σ tanh(xᵢ)·xᵢ + (Σ xᵢ)², in a few whole-tensor ops. */
    static Tensor coupled(Tensor x) {
        Tensor total = x.sum();
        return x.tanh().mul(x).sum().add(total.mul(total));
    }

    @Benchmark
    public double[] scalarReverse() {
        return Derivatives.reverse(ForwardVsReverseBenchmark::ring, point);
    }

    @Benchmark
    public double[] scalarForward() {
        return Derivatives.forward(ForwardVsReverseBenchmark::ring, point);
    }

    @Benchmark
    public Tensor tensorReverse() {
        return Functional.grad(ForwardVsReverseBenchmark::coupled, tensorPoint);
    }

    @Benchmark
    public Tensor tensorForward() {
        return Functional.jacobianForward(ForwardVsReverseBenchmark::coupled, tensorPoint);
    }
}

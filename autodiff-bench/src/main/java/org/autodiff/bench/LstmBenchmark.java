package org.autodiff.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.LSTM;
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
 * A float32 one-layer {@link LSTM} over one fixed batch, the shape of a character model:
 * {@code forward} runs the sequence and sums the output; {@code forwardBackward} adds the
 * backward pass into every parameter. The shape is "input-hidden/seq/batch".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class LstmBenchmark {
    @Param({"64-256/32/64"})
    public String shape;

    private LSTM lstm;
    private List<Tensor> parameters;
    private Tensor input;

    @Setup
    public void setUp() {
        String[] parts = shape.split("[-/]");
        int in = Integer.parseInt(parts[0]), hidden = Integer.parseInt(parts[1]);
        int seq = Integer.parseInt(parts[2]), batch = Integer.parseInt(parts[3]);
        lstm = new LSTM(in, hidden, 1, true, false, 0, false, DType.FLOAT32, new Generator(1));
        parameters = lstm.parameters();
        input = Tensor.randn(new Generator(2), DType.FLOAT32, seq, batch, in).requiresGrad(true);
    }

    @Benchmark
    public Tensor forward() {
        return lstm.forward(input).sum();
    }

    @Benchmark
    public Tensor forwardBackward() {
        Tensor loss = lstm.forward(input).sum();
        loss.backward();
        for (Tensor p : parameters) {
            p.zeroGrad();
        }
        input.zeroGrad();
        return loss;
    }
}

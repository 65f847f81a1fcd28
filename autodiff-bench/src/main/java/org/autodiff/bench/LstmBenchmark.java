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
 * backward pass into every parameter and the input; {@code trainingStep} is a whole SGD step on
 * the mean square of the output. The shape is "input-hidden/seq/batch".
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
        lstm = newLstm(shape);
        parameters = lstm.parameters();
        input = newInput(shape).requiresGrad(true);
    }

    /**
     * The LSTM every run starts from, the same on every engine (the peers' twins copy its
     * parameters): one layer, biases, sequence first, float32, initialised from generator seed 1.
     *
     * @param shape "input-hidden/seq/batch"
     * @return a new LSTM
     */
    public static LSTM newLstm(String shape) {
        int[] s = parse(shape);
        return new LSTM(s[0], s[1], 1, true, false, 0, false, DType.FLOAT32, new Generator(1));
    }

    /**
     * The fixed batch: standard normal values from generator seed 2, [seq, batch, input], not
     * requiring gradients.
     *
     * @param shape "input-hidden/seq/batch"
     * @return a new float32 tensor
     */
    public static Tensor newInput(String shape) {
        int[] s = parse(shape);
        return Tensor.randn(new Generator(2), DType.FLOAT32, s[2], s[3], s[0]);
    }

    /** {input, hidden, seq, batch}. */
    private static int[] parse(String shape) {
        String[] parts = shape.split("[-/]");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3])};
    }

    /**
     * The sequence run with the graph recorded, summed.
     *
     * @return the sum of the output
     */
    @Benchmark
    public Tensor forward() {
        return lstm.forward(input).sum();
    }

    /**
     * Forward and backward into every parameter and the input; gradients zeroed after.
     *
     * @return the sum of the output
     */
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

    /**
     * One training step: forward, the mean square of the output as the loss (as the transformer
     * step, so that the loss has a minimum), backward, and a plain SGD update with rate 0.01.
     *
     * @return the loss before the update
     */
    @Benchmark
    public Tensor trainingStep() {
        Tensor loss = lstm.forward(input).square().mean();
        loss.backward();
        Mlp.sgdStep(parameters, 0.01);
        input.zeroGrad();
        return loss;
    }
}

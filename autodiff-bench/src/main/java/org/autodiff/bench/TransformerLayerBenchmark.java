package org.autodiff.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.TransformerEncoderLayer;
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
 * A training step of one float32 {@link TransformerEncoderLayer} (batch first, post-norm, relu,
 * no dropout, feed-forward 4 × d-model) on one fixed batch: forward, the mean square of the output
 * as the loss, backward into every parameter and the input, and a plain SGD update. The shape is
 * "dModel-heads/seq/batch".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TransformerLayerBenchmark {
    @Param({"128-4/32/64"})
    public String shape;

    private TransformerEncoderLayer layer;
    private List<Tensor> parameters;
    private Tensor input;

    @Setup
    public void setUp() {
        layer = newLayer(shape);
        parameters = layer.parameters();
        input = newInput(shape).requiresGrad(true);
    }

    /**
     * The layer every step starts from, the same on every engine (the peers' twins copy its
     * parameters): post-norm, relu, no dropout, feed-forward 4 × d-model, batch first, float32,
     * initialised from generator seed 1.
     *
     * @param shape "dModel-heads/seq/batch"
     * @return a new layer
     */
    public static TransformerEncoderLayer newLayer(String shape) {
        int[] s = parse(shape);
        TransformerEncoderLayer.Settings settings = TransformerEncoderLayer.Settings.of(s[0], s[1]).withDimFeedforward(4 * s[0])
                .withDropout(0).withBatchFirst(true);
        return new TransformerEncoderLayer(settings, new Generator(1));
    }

    /**
     * The fixed batch: standard normal values from generator seed 2, [batch, seq, dModel], not
     * requiring gradients.
     *
     * @param shape "dModel-heads/seq/batch"
     * @return a new float32 tensor
     */
    public static Tensor newInput(String shape) {
        int[] s = parse(shape);
        return Tensor.randn(new Generator(2), DType.FLOAT32, s[3], s[2], s[0]);
    }

    /** {dModel, heads, seq, batch}. */
    private static int[] parse(String shape) {
        String[] parts = shape.split("[-/]");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                Integer.parseInt(parts[3])};
    }

    /**
     * One step.
     *
     * @return the loss before the update
     */
    @Benchmark
    public Tensor trainingStep() {
        Tensor loss = layer.forward(input).square().mean();
        loss.backward();
        Mlp.sgdStep(parameters, 0.01);
        input.zeroGrad();
        return loss;
    }
}

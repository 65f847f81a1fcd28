package org.autodiff.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
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
        String[] parts = shape.split("[-/]");
        int d = Integer.parseInt(parts[0]), heads = Integer.parseInt(parts[1]);
        int seq = Integer.parseInt(parts[2]), batch = Integer.parseInt(parts[3]);
        TransformerEncoderLayer.Settings settings = TransformerEncoderLayer.Settings.of(d, heads).withDimFeedforward(4 * d)
                .withDropout(0).withBatchFirst(true);
        layer = new TransformerEncoderLayer(settings, new Generator(1));
        parameters = layer.parameters();
        input = Tensor.randn(new Generator(2), DType.FLOAT32, batch, seq, d).requiresGrad(true);
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
        try (var off = GradMode.noGrad()) {
            for (Tensor p : parameters) {
                p.addInPlace(p.grad(), -0.01);
                p.zeroGrad();
            }
        }
        input.zeroGrad();
        return loss;
    }
}

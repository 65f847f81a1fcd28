package org.autodiff.bench.peers;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SameDiff's side of {@code CnnBenchmark}: the same small CNN on [64, 1, 8, 8] inputs, SGD by hand.
 * Convolution weights in SameDiff's default [kH, kW, in, out] layout (see {@link Nd4jConv2dBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Nd4jCnnBenchmark {
    private static final List<String> PARAMETERS = List.of("c1", "cb1", "c2", "cb2", "w", "b");

    private SameDiff sd;

    @Setup
    public void setUp() {
        sd = SameDiff.create();
        SDVariable x = sd.constant("input", Nd4jRuntime.uniform(1, 1, 64, 1, 8, 8));
        SDVariable targets = sd.constant("targets", Nd4jRuntime.oneHot(2, 64, 10));
        SDVariable h = block(x, sd.var("c1", Nd4jRuntime.uniform(30, 1 / Math.sqrt(9), 3, 3, 1, 8)),
                sd.var("cb1", Nd4jRuntime.uniform(31, 1 / Math.sqrt(9), 8)));
        h = block(h, sd.var("c2", Nd4jRuntime.uniform(32, 1 / Math.sqrt(72), 3, 3, 8, 16)),
                sd.var("cb2", Nd4jRuntime.uniform(33, 1 / Math.sqrt(72), 16)));
        SDVariable logits = h.reshape(64, 64).mmul(sd.var("w", Nd4jRuntime.uniform(34, 1 / Math.sqrt(64), 64, 10)))
                .add(sd.var("b", Nd4jRuntime.uniform(35, 1 / Math.sqrt(64), 10)));
        sd.setLossVariables(Nd4jRuntime.crossEntropy(sd, logits, targets, 64).rename("loss"));
    }

    private SDVariable block(SDVariable x, SDVariable weight, SDVariable bias) {
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1)
                .dataFormat("NCHW").build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build();
        return sd.cnn.maxPooling2d(sd.nn.relu(sd.cnn.conv2d(x, weight, bias, conv), 0), pool);
    }

    @Benchmark
    public Map<String, INDArray> trainingStep() {
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), PARAMETERS);
        for (String name : PARAMETERS) {
            sd.getArrForVarName(name).subi(grads.get(name).muli(0.01));
        }
        return grads;
    }
}

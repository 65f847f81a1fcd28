package org.autodiff.bench.peers;

import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
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
 * SameDiff's side of {@code Conv2dBenchmark}: input [32, 16, 32, 32], padding 1. The weight is in
 * SameDiff's default [kH, kW, in, out] layout: in 1.0.0-M2.1 the gradient of conv2d with
 * {@code WeightsFormat.OIYX} fails shape validation ("wrong shape of output gradients").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Nd4jConv2dBenchmark {
    private SameDiff sd;

    @Setup
    public void setUp() {
        sd = SameDiff.create();
        SDVariable input = sd.var("input", Nd4jRuntime.uniform(1, 1, 32, 16, 32, 32));
        SDVariable weight = sd.var("weight", Nd4jRuntime.uniform(2, 1 / Math.sqrt(16 * 9), 3, 3, 16, 32));
        SDVariable bias = sd.var("bias", Nd4jRuntime.uniform(3, 0.1, 32));
        Conv2DConfig config = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1)
                .dataFormat("NCHW").build();
        SDVariable out = sd.cnn.conv2d("out", input, weight, bias, config);
        sd.setLossVariables(out.sum().rename("loss"));
    }

    @Benchmark
    public Map<String, INDArray> forward() {
        return sd.output(Map.of(), "out");
    }

    @Benchmark
    public Map<String, INDArray> forwardBackward() {
        return sd.calculateGradients(Map.of(), "input", "weight", "bias");
    }
}

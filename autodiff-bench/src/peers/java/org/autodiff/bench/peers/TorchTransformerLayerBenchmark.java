package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.autodiff.bench.TransformerLayerBenchmark;
import org.autodiff.core.Tensor;
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
 * PyTorch's side of {@code TransformerLayerBenchmark}: the same layer (parameters copied from
 * autodiff's freshly built layer), the same batch, the same step (mean square of the output,
 * backward into every parameter and the input, SGD with rate 0.01).
 *
 * <p>DJL has no transformer layer or attention op for PyTorch, so the layer is written out in
 * libtorch's own kernels as {@code nn.TransformerEncoderLayer} (post-norm, relu, no dropout,
 * batch first) runs them in training: one packed input projection ({@code linear} with the
 * [3E, E] weight) split into q, k, v; per head q·kᵀ/√d, softmax, ·v (the math path of
 * {@code scaled_dot_product_attention}; the fused CPU kernel is not reachable from DJL); the
 * output projection; residual sums; {@code layer_norm}; the feed-forward pair of
 * {@code linear}s with relu between.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TorchTransformerLayerBenchmark {
    private static final float LEARNING_RATE = 0.01f;
    private static final float LAYER_NORM_EPS = 1e-5f;

    @Param({"128-4/32/64"})
    public String shape;

    private int heads;
    private NDArray inProjWeight;
    private NDArray inProjBias;
    private NDArray outProjWeight;
    private NDArray outProjBias;
    private NDArray linear1Weight;
    private NDArray linear1Bias;
    private NDArray linear2Weight;
    private NDArray linear2Bias;
    private NDArray norm1Weight;
    private NDArray norm1Bias;
    private NDArray norm2Weight;
    private NDArray norm2Bias;
    private NDArray[] parameters;
    private NDArray input;

    @Setup
    public void setUp() {
        heads = Integer.parseInt(shape.split("[-/]")[1]);
        Map<String, Tensor> state = TransformerLayerBenchmark.newLayer(shape).stateDict();
        inProjWeight = TorchRuntime.copyOf(state.get("self_attn.in_proj_weight"));
        inProjBias = TorchRuntime.copyOf(state.get("self_attn.in_proj_bias"));
        outProjWeight = TorchRuntime.copyOf(state.get("self_attn.out_proj.weight"));
        outProjBias = TorchRuntime.copyOf(state.get("self_attn.out_proj.bias"));
        linear1Weight = TorchRuntime.copyOf(state.get("linear1.weight"));
        linear1Bias = TorchRuntime.copyOf(state.get("linear1.bias"));
        linear2Weight = TorchRuntime.copyOf(state.get("linear2.weight"));
        linear2Bias = TorchRuntime.copyOf(state.get("linear2.bias"));
        norm1Weight = TorchRuntime.copyOf(state.get("norm1.weight"));
        norm1Bias = TorchRuntime.copyOf(state.get("norm1.bias"));
        norm2Weight = TorchRuntime.copyOf(state.get("norm2.weight"));
        norm2Bias = TorchRuntime.copyOf(state.get("norm2.bias"));
        parameters = new NDArray[] {inProjWeight, inProjBias, outProjWeight, outProjBias, linear1Weight, linear1Bias,
            linear2Weight, linear2Bias, norm1Weight, norm1Bias, norm2Weight, norm2Bias};
        if (parameters.length != state.size()) {
            throw new IllegalStateException("TorchTransformerLayerBenchmark: autodiff's layer has parameters "
                    + state.keySet() + ", this twin copies " + parameters.length);
        }
        for (NDArray p : parameters) {
            p.setRequiresGradient(true);
        }
        input = TorchRuntime.copyOf(TransformerLayerBenchmark.newInput(shape));
        input.setRequiresGradient(true);
    }

    /** The layer's output for {@code x} [N, L, E]. */
    private NDArray layer(NDArray x) {
        Shape inShape = x.getShape();
        long n = inShape.get(0), l = inShape.get(1), e = inShape.get(2), d = e / heads;
        NDList qkv = linear(x, inProjWeight, inProjBias).split(3, 2);
        NDArray q = qkv.get(0).reshape(n, l, heads, d).transpose(0, 2, 1, 3);
        NDArray k = qkv.get(1).reshape(n, l, heads, d).transpose(0, 2, 1, 3);
        NDArray v = qkv.get(2).reshape(n, l, heads, d).transpose(0, 2, 1, 3);
        NDArray weights = q.matMul(k.swapAxes(2, 3)).mul((float) (1 / Math.sqrt(d))).softmax(-1);
        NDArray attended = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, l, e);
        NDArray h = layerNorm(x.add(linear(attended, outProjWeight, outProjBias)), norm1Weight, norm1Bias);
        NDArray ff = linear(Activation.relu(linear(h, linear1Weight, linear1Bias)), linear2Weight, linear2Bias);
        return layerNorm(h.add(ff), norm2Weight, norm2Bias);
    }

    /** libtorch's {@code linear}: x·Wᵀ + b with W [out, in], as autodiff's and torch's layouts are. */
    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /** libtorch's {@code layer_norm} over the last dimension. */
    private static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(x.getShape().getLastDimension()), weight, bias, LAYER_NORM_EPS)
                .singletonOrThrow();
    }

    /**
     * One step.
     *
     * @return the loss before the update
     */
    @Benchmark
    public NDArray trainingStep() {
        try (NDScope ignored = new NDScope()) {
            NDArray loss;
            try (GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
                loss = layer(input).square().mean();
                collector.backward(loss);
            }
            for (NDArray p : parameters) {
                NDArray g = p.getGradient();
                p.subi(g.mul(LEARNING_RATE));
                g.subi(g);
            }
            TorchRuntime.zeroGradients(input);
            return loss;
        }
    }
}

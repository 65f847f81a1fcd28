package org.autodiff.bench.peers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.autodiff.bench.LstmBenchmark;
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
 * PyTorch's side of {@code LstmBenchmark}: libtorch's own {@code lstm} op (the one
 * {@code nn.LSTM} calls, reached through DJL's {@code NDArrayEx.lstm}) with the parameters copied
 * from autodiff's freshly built LSTM (PyTorch's names and layouts: {@code weight_ih_l0} [4H, in],
 * {@code weight_hh_l0} [4H, H], {@code bias_ih_l0}, {@code bias_hh_l0}), zero initial states, the
 * same batch and the same three measurements: forward (sum of the output), forward and backward,
 * and an SGD training step on the mean square of the output.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TorchLstmBenchmark {
    private static final float LEARNING_RATE = 0.01f;

    @Param({"64-256/32/64"})
    public String shape;

    private NDArray[] parameters;
    private NDList initialStates;
    private NDArray input;

    @Setup
    public void setUp() {
        Map<String, Tensor> state = LstmBenchmark.newLstm(shape).stateDict();
        parameters = new NDArray[] {TorchRuntime.copyOf(state.get("weight_ih_l0")),
            TorchRuntime.copyOf(state.get("weight_hh_l0")), TorchRuntime.copyOf(state.get("bias_ih_l0")),
            TorchRuntime.copyOf(state.get("bias_hh_l0"))};
        if (parameters.length != state.size()) {
            throw new IllegalStateException("TorchLstmBenchmark: autodiff's LSTM has parameters " + state.keySet()
                    + ", this twin copies " + parameters.length);
        }
        for (NDArray p : parameters) {
            p.setRequiresGradient(true);
        }
        input = TorchRuntime.copyOf(LstmBenchmark.newInput(shape));
        input.setRequiresGradient(true);
        long batch = input.getShape().get(1), hidden = parameters[1].getShape().get(1);
        Shape stateShape = new Shape(1, batch, hidden);
        initialStates = new NDList(TorchRuntime.manager().zeros(stateShape), TorchRuntime.manager().zeros(stateShape));
    }

    /** The output sequence [seq, batch, hidden]: one layer, biases, no dropout, one direction, sequence first. */
    private NDArray output() {
        return input.getNDArrayInternal().lstm(input, initialStates, new NDList(parameters), true, 1, 0, true, false, false)
                .get(0);
    }

    /**
     * The sequence with the graph recorded.
     *
     * @return the sum of the output
     */
    @Benchmark
    public NDArray forward() {
        try (NDScope ignored = new NDScope();
                GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
            return output().sum();
        }
    }

    /**
     * Forward and backward into every parameter and the input.
     *
     * @return the sum of the output
     */
    @Benchmark
    public NDArray forwardBackward() {
        try (NDScope ignored = new NDScope();
                GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
            NDArray loss = output().sum();
            collector.backward(loss);
            TorchRuntime.zeroGradients(parameters);
            TorchRuntime.zeroGradients(input);
            return loss;
        }
    }

    /**
     * One SGD step on the mean square of the output.
     *
     * @return the loss before the update
     */
    @Benchmark
    public NDArray trainingStep() {
        try (NDScope ignored = new NDScope()) {
            NDArray loss;
            try (GradientCollector collector = TorchRuntime.manager().getEngine().newGradientCollector()) {
                loss = output().square().mean();
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

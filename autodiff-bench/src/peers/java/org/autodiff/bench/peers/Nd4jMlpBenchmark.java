package org.autodiff.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autodiff.bench.MlpShape;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.util.concurrent.TimeUnit;
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
 * SameDiff's side of {@code MlpBenchmark}: the same widths, batch, initial weights and data.
 * SameDiff defines the graph once, so {@code forward} is one execution of the loss, not a
 * recording; the SGD update is written by hand on the gradients, as on the other engines.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Nd4jMlpBenchmark {
    static final double LEARNING_RATE = 0.01;

    @Param({"784-256-256-10/128", "784-256-10/256"})
    public String shape;

    private SameDiff sd;
    private final List<String> parameters = new ArrayList<>();

    @Setup
    public void setUp() {
        MlpShape s = MlpShape.parse(shape);
        int[] widths = s.widths();
        sd = SameDiff.create();
        SDVariable h = sd.constant("input", Nd4jRuntime.uniform(1, 1, s.batch(), s.inputs()));
        SDVariable targets = sd.constant("targets", Nd4jRuntime.oneHot(2, s.batch(), s.classes()));
        for (int layer = 0; layer + 1 < widths.length; layer++) {
            double bound = 1 / Math.sqrt(widths[layer]);
            SDVariable w = sd.var("w" + layer, Nd4jRuntime.uniform(10 + layer, bound, widths[layer], widths[layer + 1]));
            SDVariable b = sd.var("b" + layer, Nd4jRuntime.uniform(20 + layer, bound, widths[layer + 1]));
            parameters.add(w.name());
            parameters.add(b.name());
            h = h.mmul(w).add(b);
            if (layer + 2 < widths.length) {
                h = sd.nn.relu(h, 0);
            }
        }
        sd.setLossVariables(Nd4jRuntime.crossEntropy(sd, h, targets, s.batch()).rename("loss"));
    }

    @Benchmark
    public Map<String, INDArray> forward() {
        return sd.output(Map.of(), "loss");
    }

    @Benchmark
    public Map<String, INDArray> forwardBackward() {
        return sd.calculateGradients(Map.of(), parameters);
    }

    @Benchmark
    public Map<String, INDArray> trainingStep() {
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), parameters);
        for (String name : parameters) {
            sd.getArrForVarName(name).subi(grads.get(name).muli(LEARNING_RATE));
        }
        return grads;
    }
}

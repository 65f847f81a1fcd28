package org.autodiff.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Parameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Saving an optimizer's state and loading it into a fresh one resumes the exact same trajectory. */
class OptimizerStateTest {
    private static final Map<String, Function<List<Tensor>, Optimizer>> OPTIMIZERS = new LinkedHashMap<>();

    static {
        OPTIMIZERS.put("SGD", p -> new SGD(p, 1e-3).momentum(0.9).nesterov(true));
        OPTIMIZERS.put("Adagrad", p -> new Adagrad(p, 0.1).lrDecay(0.01).initialAccumulatorValue(0.1));
        OPTIMIZERS.put("RMSprop", p -> new RMSprop(p, 0.01).centered(true).momentum(0.5));
        OPTIMIZERS.put("Adam", p -> new Adam(p, 0.05).amsgrad(true));
        OPTIMIZERS.put("AdamW", p -> new AdamW(p, 0.05));
    }

    private static void steps(Optimizer opt, Tensor p, int n) {
        for (int i = 0; i < n; i++) {
            opt.zeroGrad();
            RosenbrockGoldenTest.rosenbrock(p).backward();
            opt.step();
        }
    }

    @TestFactory
    Stream<DynamicTest> stateDictRoundTripResumesExactly() {
        return OPTIMIZERS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor p = Parameter.of(Tensor.of(new double[] {-1.5, 2}, 2));
            Optimizer opt = e.getValue().apply(List.of(p));
            steps(opt, p, 5);
            opt.setLr(opt.lr() * 0.5);
            Map<String, Tensor> saved = opt.stateDict();
            double[] savedParam = p.toDoubleArray();
            steps(opt, p, 5);

            Tensor q = Parameter.of(Tensor.of(savedParam, 2));
            Optimizer resumed = e.getValue().apply(List.of(q));
            resumed.loadStateDict(saved);
            assertEquals(opt.lr(), resumed.lr());
            steps(resumed, q, 5);
            assertArrayEquals(p.toDoubleArray(), q.toDoubleArray());
        }));
    }

    @TestFactory
    Stream<DynamicTest> stateEntriesAreTensorsWithStepCountsAsZeroDimTensors() {
        return OPTIMIZERS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor p = Parameter.of(Tensor.of(new double[] {-1.5, 2}, 2));
            Optimizer opt = e.getValue().apply(List.of(p));
            steps(opt, p, 3);
            Map<String, Tensor> state = opt.stateDict();
            if (state.containsKey("state.0.step")) {
                assertEquals(0, state.get("state.0.step").dim());
                assertEquals(3.0, state.get("state.0.step").item());
            }
            assertEquals(0, state.get("param_groups.0.lr").dim());
            assertArrayEquals(new long[] {0}, state.get("param_groups.0.params").toLongArray());
        }));
    }

    @TestFactory
    Stream<DynamicTest> badStateIsRejectedWithoutChangingAnything() {
        return OPTIMIZERS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor p = Parameter.of(Tensor.of(new double[] {-1.5, 2}, 2));
            Optimizer opt = e.getValue().apply(List.of(p));
            steps(opt, p, 2);
            Map<String, Tensor> before = opt.stateDict();
            String someKey = before.keySet().stream().filter(k -> k.startsWith("state.") && !k.endsWith("step")).findFirst()
                    .orElseThrow();

            Map<String, Tensor> wrongShape = new LinkedHashMap<>(before);
            wrongShape.put(someKey, Tensor.zeros(DType.FLOAT64, 3));
            Map<String, Tensor> wrongIndex = new LinkedHashMap<>(before);
            wrongIndex.put("state.1.exp_avg", Tensor.zeros(DType.FLOAT64, 2));
            Map<String, Tensor> wrongName = new LinkedHashMap<>(before);
            wrongName.put("state.0.velocity", Tensor.zeros(DType.FLOAT64, 2));
            Map<String, Tensor> noLr = new LinkedHashMap<>(before);
            noLr.remove("param_groups.0.lr");
            wrongName.put("param_groups.0.lr", Tensor.scalar(123.0));
            for (Map<String, Tensor> bad : List.of(wrongShape, wrongIndex, wrongName, noLr)) {
                assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(bad));
            }
            Map<String, Tensor> after = opt.stateDict();
            assertEquals(before.keySet(), after.keySet());
            before.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), after.get(k).toDoubleArray(), k));
        }));
    }

    @TestFactory
    Stream<DynamicTest> stepCountsMustBeWholeNumbersFromOne() {
        return OPTIMIZERS.entrySet().stream().filter(e -> !e.getKey().equals("SGD"))
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
                    Tensor p = Parameter.of(Tensor.of(new double[] {-1.5, 2}, 2));
                    Optimizer opt = e.getValue().apply(List.of(p));
                    steps(opt, p, 2);
                    Map<String, Tensor> before = opt.stateDict();
                    for (double step : new double[] {-3, 0, 1.5, Double.NaN, Double.POSITIVE_INFINITY, 1e10}) {
                        Map<String, Tensor> bad = new LinkedHashMap<>(before);
                        bad.put("state.0.step", Tensor.scalar(step, DType.FLOAT64));
                        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(bad),
                                "step " + step);
                        assertTrue(ex.getMessage().contains("whole number of steps"), ex.getMessage());
                        assertThrows(IllegalArgumentException.class, () -> opt.checkStateDict(bad), "step " + step);
                    }
                    Map<String, Tensor> negativeLr = new LinkedHashMap<>(before);
                    negativeLr.put("param_groups.0.lr", Tensor.scalar(-0.1, DType.FLOAT64));
                    assertThrows(IllegalArgumentException.class, () -> opt.checkStateDict(negativeLr));
                    Map<String, Tensor> after = opt.stateDict();
                    before.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), after.get(k).toDoubleArray(), k));

                    Map<String, Tensor> ok = new LinkedHashMap<>(before);
                    ok.put("state.0.step", Tensor.scalar(7, DType.FLOAT64));
                    opt.loadStateDict(ok);
                    assertEquals(7.0, opt.stateDict().get("state.0.step").item());
                }));
    }
}

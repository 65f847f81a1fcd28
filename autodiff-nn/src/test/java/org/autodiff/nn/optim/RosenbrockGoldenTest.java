package org.autodiff.nn.optim;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.autodiff.core.Tensor;
import org.autodiff.core.Json;
import org.autodiff.nn.Parameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every trajectory of /golden/optimizers.json (torch.optim in float64 on the Rosenbrock function
 * from (−1.5, 2), 50 steps of {@code zero_grad(); f(p).backward(); step()}) is reproduced to 1e-9.
 * The file's shape is checked too, so an emptied or truncated resource fails instead of passing
 * with nothing compared.
 */
class RosenbrockGoldenTest {
    /** The cases the golden file was generated with: SGD, SGD with momentum, Adagrad, RMSprop, Adam. */
    private static final int EXPECTED_CASES = 5;

    /** f(x, y) = (1 − x)² + 100 (y − x²)², through the engine. */
    static Tensor rosenbrock(Tensor p) {
        Tensor x = p.slice(0, 0, 1, 1);
        Tensor y = p.slice(0, 1, 2, 1);
        return x.rsub(1).square().add(y.sub(x.square()).square().mul(100)).sum();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> golden() {
        return (Map<String, Object>) Json.readResource("/golden/optimizers.json");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(Map<String, Object> golden) {
        return (List<Map<String, Object>>) golden.get("cases");
    }

    @Test
    void goldenFileHoldsEveryCaseWithItsFullTrajectory() {
        Map<String, Object> golden = golden();
        int steps = ((Number) golden.get("steps")).intValue();
        assertTrue(steps > 0, "steps " + steps);
        List<Map<String, Object>> cases = cases(golden);
        assertEquals(EXPECTED_CASES, cases.size(), "golden cases");
        for (Map<String, Object> c : cases) {
            // The start point and one point after each step.
            assertEquals(steps + 1, ((List<?>) c.get("trajectory")).size(), c.get("optimizer") + " " + c.get("hyper"));
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> trajectoriesMatchPyTorch() {
        Map<String, Object> golden = golden();
        int steps = ((Number) golden.get("steps")).intValue();
        List<Map<String, Object>> cases = cases(golden);
        assertEquals(EXPECTED_CASES, cases.size(), "golden cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("optimizer") + " " + c.get("hyper"), () -> {
            Tensor p = Parameter.of(Tensor.of(Json.flatten(c.get("start")), 2));
            Optimizer opt = build((String) c.get("optimizer"), (Map<String, Object>) c.get("hyper"), p);
            List<Object> trajectory = (List<Object>) c.get("trajectory");
            assertEquals(steps + 1, trajectory.size(), "trajectory length");
            int compared = 0;
            for (int k = 0; k < trajectory.size(); k++) {
                double[] expected = Json.flatten(trajectory.get(k));
                assertEquals(2, expected.length, "point " + k);
                assertClose(expected, p.toDoubleArray(), 1e-9, 1e-12, "step " + k);
                compared++;
                opt.zeroGrad();
                rosenbrock(p).backward();
                opt.step();
            }
            assertEquals(steps + 1, compared, "points compared");
        }));
    }

    /** The optimizer named in the golden file with its PyTorch-named hyperparameters. */
    private static Optimizer build(String name, Map<String, Object> hyper, Tensor p) {
        List<Tensor> params = List.of(p);
        BiFunction<String, Double, Double> get = (key, dflt) -> hyper.containsKey(key) ? (Double) hyper.get(key) : dflt;
        Optimizer opt = switch (name) {
            case "SGD" -> new SGD(params, get.apply("lr", 1e-3)).momentum(get.apply("momentum", 0.0));
            case "Adagrad" -> new Adagrad(params, get.apply("lr", 1e-2));
            case "RMSprop" -> new RMSprop(params, get.apply("lr", 1e-2)).alpha(get.apply("alpha", 0.99));
            case "Adam" -> new Adam(params, get.apply("lr", 1e-3));
            default -> throw new IllegalArgumentException("no optimizer " + name);
        };
        for (String key : hyper.keySet()) {
            if (!List.of("lr", "momentum", "alpha").contains(key)) {
                throw new IllegalArgumentException("hyperparameter " + key + " of " + name + " not handled by this test");
            }
        }
        return opt;
    }
}

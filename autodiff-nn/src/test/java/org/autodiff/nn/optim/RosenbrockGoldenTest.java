package org.autodiff.nn.optim;

import static org.autodiff.nn.Assertions.assertClose;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.autodiff.core.Tensor;
import org.autodiff.core.Json;
import org.autodiff.nn.Parameter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every trajectory of /golden/optimizers.json (torch.optim in float64 on the Rosenbrock function
 * from (−1.5, 2), 50 steps of {@code zero_grad(); f(p).backward(); step()}) is reproduced to 1e-9.
 */
class RosenbrockGoldenTest {
    /** f(x, y) = (1 − x)² + 100 (y − x²)², through the engine. */
    static Tensor rosenbrock(Tensor p) {
        Tensor x = p.slice(0, 0, 1, 1);
        Tensor y = p.slice(0, 1, 2, 1);
        return x.rsub(1).square().add(y.sub(x.square()).square().mul(100)).sum();
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> trajectoriesMatchPyTorch() {
        Map<String, Object> golden = (Map<String, Object>) Json.readResource("/golden/optimizers.json");
        List<Map<String, Object>> cases = (List<Map<String, Object>>) golden.get("cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("optimizer") + " " + c.get("hyper"), () -> {
            Tensor p = Parameter.of(Tensor.of(Json.flatten(c.get("start")), 2));
            Optimizer opt = build((String) c.get("optimizer"), (Map<String, Object>) c.get("hyper"), p);
            List<Object> trajectory = (List<Object>) c.get("trajectory");
            for (int k = 0; k < trajectory.size(); k++) {
                double[] expected = Json.flatten(trajectory.get(k));
                assertClose(expected, p.toDoubleArray(), 1e-9, 1e-12, "step " + k);
                opt.zeroGrad();
                rosenbrock(p).backward();
                opt.step();
            }
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

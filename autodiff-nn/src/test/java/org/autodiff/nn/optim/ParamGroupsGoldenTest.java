package org.autodiff.nn.optim;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.autodiff.core.Json;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Golden;
import org.autodiff.nn.Parameter;
import org.autodiff.nn.optim.lr.CosineAnnealingLR;
import org.autodiff.nn.optim.lr.CosineAnnealingWarmRestarts;
import org.autodiff.nn.optim.lr.ExponentialLR;
import org.autodiff.nn.optim.lr.LRScheduler;
import org.autodiff.nn.optim.lr.LambdaLR;
import org.autodiff.nn.optim.lr.LinearLR;
import org.autodiff.nn.optim.lr.MultiStepLR;
import org.autodiff.nn.optim.lr.OneCycleLR;
import org.autodiff.nn.optim.lr.SequentialLR;
import org.autodiff.nn.optim.lr.StepLR;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of /golden/optim_groups.json (torch.optim 1.13 in float64, see optim_groups.py
 * beside it): optimizers over parameter groups with their own hyperparameters, a group added
 * midway, and the schedulers LambdaLR, MultiStepLR, OneCycleLR, CosineAnnealingWarmRestarts and
 * SequentialLR (with StepLR, ExponentialLR, LinearLR, CosineAnnealingLR inside) setting each
 * group's rate. Every parameter after every step and every group's rate agree to 1e-9.
 */
class ParamGroupsGoldenTest {
    private static final String RESOURCE = "/golden/optim_groups.json";
    private static final int EXPECTED_CASES = 15;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> golden() {
        return (Map<String, Object>) Json.readResource(RESOURCE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void goldenFileHoldsEveryCaseWithItsFullTrajectory() {
        Map<String, Object> g = golden();
        int steps = ((Number) g.get("steps")).intValue();
        List<Map<String, Object>> cases = (List<Map<String, Object>>) g.get("cases");
        assertEquals(EXPECTED_CASES, cases.size());
        for (Map<String, Object> c : cases) {
            assertEquals(steps + 1, ((List<?>) c.get("trajectory")).size(), (String) c.get("name"));
            assertEquals(steps + 1, ((List<?>) c.get("lrs")).size(), (String) c.get("name"));
        }
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> trajectoriesMatchPyTorch() {
        Map<String, Object> g = golden();
        Map<String, Object> problem = (Map<String, Object>) g.get("problem");
        int steps = ((Number) g.get("steps")).intValue();
        return ((List<Map<String, Object>>) g.get("cases")).stream()
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c, problem, steps)));
    }

    /** f = Σ(tanh(X·w + b) − Y)² + (1 − s₀)² + 10(s₁ − s₀²)². */
    private static Tensor loss(Map<String, Tensor> p, Tensor x, Tensor y) {
        Tensor r = x.matmul(p.get("w")).add(p.get("b")).tanh().sub(y);
        Tensor s0 = p.get("s").slice(0, 0, 1, 1), s1 = p.get("s").slice(0, 1, 2, 1);
        return r.square().sum().add(s0.rsub(1).square().sum()).add(s1.sub(s0.square()).square().mul(10).sum());
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c, Map<String, Object> problem, int steps) {
        String name = (String) c.get("name");
        Tensor x = Tensor.of(rows(problem.get("X")));
        Tensor y = Tensor.of(rows(problem.get("Y")));
        Map<String, Tensor> p = new LinkedHashMap<>();
        ((Map<String, Object>) problem.get("start")).forEach((k, v) -> p.put(k, Parameter.of(Golden.tensor(v))));

        List<ParamGroup> groups = new ArrayList<>();
        for (Object spec : (List<Object>) c.get("groups")) {
            groups.add(group((Map<String, Object>) spec, p));
        }
        Optimizer opt = optimizer((String) c.get("optimizer"), groups, (Map<String, Object>) c.get("defaults"));
        LRScheduler scheduler = c.get("scheduler") == null ? null : scheduler(opt, (Map<String, Object>) c.get("scheduler"));
        Map<String, Object> addGroup = (Map<String, Object>) c.get("add_group");

        List<Object> trajectory = (List<Object>) c.get("trajectory");
        List<Object> lrs = (List<Object>) c.get("lrs");
        for (int k = 0; k <= steps; k++) {
            assertClose(Json.flatten(trajectory.get(k)), flat(p), 1e-9, 1e-12, name + " parameters after step " + k);
            double[] rates = opt.paramGroups().stream().mapToDouble(ParamGroup::lr).toArray();
            assertClose(Json.flatten(lrs.get(k)), rates, 1e-9, 1e-15, name + " learning rates after step " + k);
            if (k == steps) {
                break;
            }
            if (addGroup != null && ((Number) addGroup.get("at")).intValue() == k) {
                opt.addParamGroup(group((Map<String, Object>) addGroup.get("group"), p));
            }
            opt.zeroGrad();
            loss(p, x, y).backward();
            opt.step();
            if (scheduler != null) {
                scheduler.step();
            }
        }
    }

    private static double[][] rows(Object list) {
        return ((List<?>) list).stream().map(Json::flatten).toArray(double[][]::new);
    }

    private static double[] flat(Map<String, Tensor> p) {
        return Stream.of("w", "b", "s").flatMapToDouble(n -> java.util.Arrays.stream(p.get(n).toDoubleArray())).toArray();
    }

    @SuppressWarnings("unchecked")
    private static ParamGroup group(Map<String, Object> spec, Map<String, Tensor> p) {
        List<Tensor> params = ((List<String>) spec.get("params")).stream().map(p::get).toList();
        ParamGroup group = ParamGroup.of(params);
        Map<String, Object> hyper = (Map<String, Object>) spec.getOrDefault("hyper", Map.of());
        hyper.forEach((k, v) -> {
            if (v instanceof Boolean b) {
                group.set(k, b);
            } else {
                group.set(k, (Double) v);
            }
        });
        return group;
    }

    /** The optimizer with its constructor's hyperparameters, set through the fluent setters. */
    private static Optimizer optimizer(String name, List<ParamGroup> groups, Map<String, Object> defaults) {
        double lr = (Double) defaults.get("lr");
        Optimizer opt = switch (name) {
            case "SGD" -> new SGD(groups, lr);
            case "Adam" -> new Adam(groups, lr);
            case "AdamW" -> new AdamW(groups, lr);
            case "Adagrad" -> new Adagrad(groups, lr);
            case "RMSprop" -> new RMSprop(groups, lr);
            default -> throw new IllegalArgumentException("no optimizer " + name);
        };
        defaults.forEach((k, v) -> {
            switch (k) {
                case "lr" -> { }
                case "momentum" -> ((SGD) opt).momentum((Double) v);
                default -> throw new IllegalArgumentException("default " + k + " of " + name + " not handled by this test");
            }
        });
        return opt;
    }

    private static int[] ints(Object list) {
        return Golden.ints(list);
    }

    private static double[] doubles(Object value, int groups) {
        if (value instanceof List<?>) {
            return Json.flatten(value);
        }
        double[] out = new double[groups];
        java.util.Arrays.fill(out, (Double) value);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static LRScheduler scheduler(Optimizer opt, Map<String, Object> s) {
        int groups = opt.paramGroups().size();
        return switch ((String) s.get("kind")) {
            case "LambdaLR" -> {
                List<IntToDoubleFunction> fns = ((List<Map<String, Object>>) s.get("lambdas")).stream()
                        .map(ParamGroupsGoldenTest::lambda).toList();
                yield fns.size() == 1 ? new LambdaLR(opt, fns.get(0)) : new LambdaLR(opt, fns);
            }
            case "MultiStepLR" -> new MultiStepLR(opt, ints(s.get("milestones")), (Double) s.get("gamma"));
            case "OneCycleLR" -> new OneCycleLR(opt, doubles(s.get("max_lr"), groups), ((Number) s.get("total_steps")).intValue(),
                    (Double) s.get("pct_start"), s.get("anneal_strategy").equals("cos") ? OneCycleLR.Anneal.COS
                            : OneCycleLR.Anneal.LINEAR, (Boolean) s.get("cycle_momentum"), doubles(s.get("base_momentum"), groups),
                    doubles(s.get("max_momentum"), groups), (Double) s.get("div_factor"), (Double) s.get("final_div_factor"),
                    (Boolean) s.get("three_phase"));
            case "CosineAnnealingWarmRestarts" -> new CosineAnnealingWarmRestarts(opt, ((Number) s.get("T_0")).intValue(),
                    ((Number) s.get("T_mult")).intValue(), (Double) s.get("eta_min"));
            case "StepLR" -> new StepLR(opt, ((Number) s.get("step_size")).intValue(), (Double) s.get("gamma"));
            case "ExponentialLR" -> new ExponentialLR(opt, (Double) s.get("gamma"));
            case "LinearLR" -> new LinearLR(opt, (Double) s.get("start_factor"), (Double) s.get("end_factor"),
                    ((Number) s.get("total_iters")).intValue());
            case "CosineAnnealingLR" -> new CosineAnnealingLR(opt, ((Number) s.get("T_max")).intValue(), (Double) s.get("eta_min"));
            case "SequentialLR" -> {
                List<LRScheduler> subs = new ArrayList<>();
                for (Object sub : (List<Object>) s.get("schedulers")) {
                    subs.add(scheduler(opt, (Map<String, Object>) sub));
                }
                yield new SequentialLR(opt, subs, ints(s.get("milestones")));
            }
            default -> throw new IllegalArgumentException("no scheduler " + s.get("kind"));
        };
    }

    private static IntToDoubleFunction lambda(Map<String, Object> spec) {
        if (spec.containsKey("pow")) {
            double a = (Double) spec.get("pow");
            return e -> Math.pow(a, e);
        }
        double r = (Double) spec.get("inverse");
        return e -> 1 / (1 + r * e);
    }
}

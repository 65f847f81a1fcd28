package org.autodiff.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autodiff.core.Autograd;
import org.autodiff.core.Json;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op case of {@code golden/ops.json} (PyTorch in float64) except the losses, which
 * autodiff-nn tests, and of {@code golden/layer_ops.json} (the ops the layers need, written by
 * {@code generate_layer_ops.py}): the output, the VJP for each input and the JVP must match to
 * 1e-9 relative or 1e-12 absolute.
 */
class GoldenOpsTest {
    private static final double RTOL = 1e-9;
    private static final double ATOL = 1e-12;
    private static final Set<String> TESTED_ELSEWHERE = Set.of("cross_entropy", "mse");

    /** The ops of the file, in PyTorch notation beside each (see golden/README.md). */
    private static Function<Tensor[], Tensor> op(String name) {
        return switch (name) {
            case "add_broadcast" -> in -> in[0].add(in[1]);
            case "mul_broadcast" -> in -> in[0].mul(in[1]);
            case "div" -> in -> in[0].div(in[1]);
            case "exp" -> in -> in[0].exp();
            case "log" -> in -> in[0].log();
            case "sqrt" -> in -> in[0].sqrt();
            case "tanh" -> in -> in[0].tanh();
            case "sigmoid" -> in -> in[0].sigmoid();
            case "relu" -> in -> in[0].relu();
            case "sin" -> in -> in[0].sin();
            case "matmul" -> in -> in[0].matmul(in[1]);
            case "sum_dim" -> in -> in[0].sum(1, false);                 // a.sum(dim=1)
            case "mean_keepdim" -> in -> in[0].mean(0, true);            // a.mean(dim=0, keepdim=True)
            case "softmax" -> in -> in[0].softmax(-1);                   // softmax(a, dim=-1)
            case "transpose" -> in -> in[0].transpose(0, 1);
            case "reshape" -> in -> in[0].reshape(6, 2);
            case "concat" -> in -> Tensor.cat(1, in[0], in[1]);          // cat([a, b], dim=1)
            case "max_pool2d" -> in -> in[0].maxPool2d(2, 2, 0);         // max_pool2d(x, kernel=2)
            default -> null;
        };
    }

    /** The ops of layer_ops.json, their constant arguments read from the case's "args". */
    private static Function<Tensor[], Tensor> layerOp(String name, Map<?, ?> args) {
        String family = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
        return switch (family) {
            case "silu" -> in -> in[0].silu();
            case "elu" -> in -> in[0].elu(number(args, "alpha"));                     // F.elu(t, alpha)
            case "gelu" -> name.equals("gelu_tanh") ? in -> in[0].gelu("tanh") : in -> in[0].gelu();
            case "expm1" -> in -> in[0].expm1();
            case "softplus" -> in -> in[0].softplus(number(args, "beta"), number(args, "threshold"));
            case "masked" -> {
                Tensor mask = mask(args.get("mask"));
                yield args.containsKey("value")
                        ? in -> in[0].maskedFill(mask, number(args, "value"))    // t.masked_fill(mask, value)
                        : in -> in[0].maskedFill(mask, in[1]);                   // t.masked_fill(mask, v), v 0-d
            }
            case "triu" -> in -> in[0].triu((int) number(args, "k"));
            case "tril" -> in -> in[0].tril((int) number(args, "k"));
            case "norm" -> {                                                      // torch.norm(t, p, dim, keepdim)
                String p = (String) args.get("p");
                double order = p.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(p);
                yield in -> in[0].norm(order, dims(args), (Boolean) args.get("keepDim"));
            }
            case "std" -> in -> in[0].std(dims(args), (int) number(args, "correction"), (Boolean) args.get("keepDim"));
            default -> null;
        };
    }

    /** The "dims" argument: a list of dims, or null for all. */
    private static int[] dims(Map<?, ?> args) {
        List<?> dims = (List<?>) args.get("dims");
        return dims == null ? null : dims.stream().mapToInt(d -> ((Double) d).intValue()).toArray();
    }

    private static double number(Map<?, ?> args, String key) {
        return (Double) args.get(key);
    }

    /** A bool tensor from nested lists of booleans. */
    private static Tensor mask(Object nested) {
        List<Boolean> flat = new ArrayList<>();
        List<Integer> shape = new ArrayList<>();
        Object level = nested;
        while (level instanceof List<?> l) {
            shape.add(l.size());
            level = l.isEmpty() ? null : l.get(0);
        }
        flattenBooleans(nested, flat);
        boolean[] values = new boolean[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = flat.get(i);
        }
        return Tensor.of(values, shape.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void flattenBooleans(Object v, List<Boolean> out) {
        if (v instanceof List<?> list) {
            list.forEach(e -> flattenBooleans(e, out));
        } else {
            out.add((Boolean) v);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyLayerOpCaseMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : cases("/golden/layer_ops.json")) {
            Map<?, ?> c = (Map<?, ?>) o;
            String name = (String) c.get("op");
            Function<Tensor[], Tensor> f = layerOp(name, (Map<?, ?>) c.get("args"));
            tests.add(DynamicTest.dynamicTest(name, () -> {
                if (f == null) {
                    fail("golden case '" + name + "' has no op mapping here");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) c;
                check(typed, f);
            }));
        }
        assertTrue(tests.size() >= 55, "layer op cases: " + tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyOpCaseMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : cases("/golden/ops.json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) o;
            String name = (String) c.get("op");
            if (TESTED_ELSEWHERE.contains(name)) {
                continue;
            }
            Function<Tensor[], Tensor> f = op(name);
            if (f == null) {
                tests.add(DynamicTest.dynamicTest(name, () -> fail("golden case '" + name + "' has no op mapping here")));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, () -> check(c, f)));
        }
        assertEquals(18, tests.size(), "golden op cases other than the losses");
        return tests.stream();
    }

    private static void check(Map<String, Object> c, Function<Tensor[], Tensor> f) {
        List<?> shapes = (List<?>) c.get("shapes");
        List<?> inputs = (List<?>) c.get("inputs");
        List<?> tangents = (List<?>) c.get("tangents");
        List<?> vjps = (List<?>) c.get("vjp");
        int n = inputs.size();
        Tensor[] leaves = new Tensor[n];
        Tensor[] duals = new Tensor[n];
        for (int i = 0; i < n; i++) {
            Shape shape = shape((List<?>) shapes.get(i));
            leaves[i] = tensor(inputs.get(i), shape).requiresGrad(true);
            duals[i] = leaves[i].withTangent(tensor(tangents.get(i), shape));
        }
        Tensor y = f.apply(duals);
        Tensor expected = tensor(c.get("output"), y.shape());
        assertClose("output", expected, y);
        assertNotNull(y.tangent(), "forward mode produced no tangent");
        assertClose("jvp", tensor(c.get("jvp"), y.shape()), y.tangent());
        Tensor u = tensor(c.get("cotangent"), y.shape());
        Tensor[] grads = Autograd.grad(new Tensor[] {y}, duals, new Tensor[] {u}, false, false, false);
        for (int i = 0; i < n; i++) {
            assertClose("vjp for input " + i, tensor(vjps.get(i), leaves[i].shape()), grads[i]);
        }
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape(), what + " shape");
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int k = 0; k < e.length; k++) {
            assertEquals(e[k], a[k], ATOL + RTOL * Math.abs(e[k]), what + " at flat index " + k);
        }
    }

    private static List<?> cases(String resource) {
        Map<?, ?> root = (Map<?, ?>) Json.readResource(resource);
        assertEquals("float64", root.get("dtype"));
        return (List<?>) root.get("cases");
    }

    private static Shape shape(List<?> dims) {
        return Shape.of(dims.stream().mapToInt(d -> ((Double) d).intValue()).toArray());
    }

    /** A float64 tensor from nested lists (or a bare number for a 0-d tensor). */
    private static Tensor tensor(Object nested, Shape shape) {
        double[] v = Json.flatten(nested);
        assertEquals(shape.numel(), v.length, "golden values for shape " + shape);
        return Tensor.wrap(v, shape);
    }

}

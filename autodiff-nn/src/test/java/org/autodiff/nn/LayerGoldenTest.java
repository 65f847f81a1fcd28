package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.stream.Stream;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of /golden/nn_layers.json (PyTorch 1.13 in float64, see nn_layers.py beside it): the
 * layer built with the same arguments loads PyTorch's state dict by PyTorch's names, and its
 * output, the gradients of its input and of each parameter, its state after the pass (running
 * statistics) and its forward-mode derivative along the input agree to 1e-9.
 */
class LayerGoldenTest {
    private static final String RESOURCE = "/golden/nn_layers.json";
    /** The cases nn_layers.py writes; checked so that a truncated file fails rather than passes. */
    private static final int EXPECTED_CASES = 36;

    @Test
    void goldenFileHoldsEveryCase() {
        assertEquals(EXPECTED_CASES, Golden.cases(RESOURCE).size(), "cases in " + RESOURCE);
    }

    @TestFactory
    Stream<DynamicTest> layersMatchPyTorch() {
        return Golden.cases(RESOURCE).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        String name = (String) c.get("name");
        Module layer = build((String) c.get("layer"), (Map<String, Object>) c.get("args"));
        Map<String, Tensor> state = Golden.tensors(c.get("state"));
        layer.loadStateDict(state);
        layer.train((Boolean) c.get("training"));

        Tensor x = Golden.tensor(c.get("input")).requiresGrad(true);
        Tensor out = layer.call(x);
        assertGolden(Golden.tensor(c.get("output")).toDoubleArray(), out, name + " output");
        out.backward(Golden.tensor(c.get("cotangent")));
        assertGolden(Golden.tensor(c.get("grad_input")).toDoubleArray(), x.grad(), name + " input gradient");
        Map<String, Tensor> grads = Golden.tensors(c.get("grads"));
        Map<String, Tensor> params = layer.namedParameters();
        assertEquals(grads.keySet(), params.keySet(), name + " parameter names");
        grads.forEach((p, g) -> {
            assertNotNull(params.get(p).grad(), name + " gradient of " + p);
            assertGolden(g.toDoubleArray(), params.get(p).grad(), name + " gradient of " + p);
        });
        Map<String, Tensor> after = Golden.tensors(c.get("state_after"));
        Map<String, Tensor> own = layer.stateDict();
        assertEquals(after.keySet(), own.keySet(), name + " state names");
        after.forEach((k, v) -> assertGolden(v.toDoubleArray(), own.get(k), name + " state after the pass: " + k));

        if (c.get("jvp") != null) {
            layer.loadStateDict(state);
            Tensor dual = Golden.tensor(c.get("input")).withTangent(Golden.tensor(c.get("tangent")));
            assertGolden(Golden.tensor(c.get("jvp")).toDoubleArray(), layer.call(dual).tangent(), name + " jvp");
        }
    }

    private static int integer(Map<String, Object> args, String name) {
        return ((Double) args.get(name)).intValue();
    }

    /** The layer named in the golden file, in float64, from its autodiff-named arguments. */
    private static Module build(String layer, Map<String, Object> args) {
        return switch (layer) {
            case "LayerNorm" -> new LayerNorm(Golden.ints(args.get("normalizedShape")), (Double) args.get("eps"),
                    (Boolean) args.get("elementwiseAffine"), (Boolean) args.get("bias"), DType.FLOAT64);
            case "RMSNorm" -> new RMSNorm(Golden.ints(args.get("normalizedShape")), (Double) args.get("eps"),
                    (Boolean) args.get("elementwiseAffine"), DType.FLOAT64);
            case "GroupNorm" -> new GroupNorm(integer(args, "numGroups"), integer(args, "numChannels"), (Double) args.get("eps"),
                    (Boolean) args.get("affine"), DType.FLOAT64);
            case "Conv1d" -> new Conv1d(integer(args, "inChannels"), integer(args, "outChannels"), integer(args, "kernelSize"),
                    integer(args, "stride"), integer(args, "padding"), integer(args, "dilation"), integer(args, "groups"),
                    (Boolean) args.get("bias"), DType.FLOAT64, new Generator(1));
            case "AvgPool2d" -> new AvgPool2d(integer(args, "kernelSize"), integer(args, "stride"), integer(args, "padding"),
                    (Boolean) args.get("countIncludePad"), args.get("divisorOverride") == null ? null
                            : integer(args, "divisorOverride"));
            case "AdaptiveAvgPool2d" -> new AdaptiveAvgPool2d(Golden.ints(args.get("outputSize"))[0],
                    Golden.ints(args.get("outputSize"))[1]);
            case "BatchNorm1d" -> new BatchNorm1d(integer(args, "numFeatures"), (Double) args.get("eps"),
                    (Double) args.get("momentum"), (Boolean) args.get("affine"), (Boolean) args.get("trackRunningStats"),
                    DType.FLOAT64);
            case "BatchNorm2d" -> new BatchNorm2d(integer(args, "numFeatures"), (Double) args.get("eps"),
                    (Double) args.get("momentum"), (Boolean) args.get("affine"), (Boolean) args.get("trackRunningStats"),
                    DType.FLOAT64);
            default -> throw new IllegalArgumentException("no layer " + layer + " in this test");
        };
    }
}

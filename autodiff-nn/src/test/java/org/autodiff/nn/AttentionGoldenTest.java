package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of /golden/nn_attention.json (PyTorch 1.13 in float64, see nn_attention.py beside it):
 * Embedding, scaled dot-product attention, MultiheadAttention, TransformerEncoderLayer and
 * TransformerEncoder, built with the same arguments and loaded with PyTorch's state dict by
 * PyTorch's names, give the same outputs, gradients of every float input and every parameter,
 * and forward-mode derivatives, to 1e-9.
 */
class AttentionGoldenTest {
    private static final String RESOURCE = "/golden/nn_attention.json";
    /** The cases nn_attention.py writes; checked so that a truncated file fails rather than passes. */
    private static final int EXPECTED_CASES = 17;

    @Test
    void goldenFileHoldsEveryCase() {
        assertEquals(EXPECTED_CASES, Golden.cases(RESOURCE).size(), "cases in " + RESOURCE);
    }

    @TestFactory
    Stream<DynamicTest> attentionMatchesPyTorch() {
        return Golden.cases(RESOURCE).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        String name = (String) c.get("name");
        Map<String, Object> args = (Map<String, Object>) c.get("args");
        Module module = build((String) c.get("kind"), args);
        if (module != null) {
            module.loadStateDict(Golden.tensors(c.get("state")));
            module.train((Boolean) c.get("training"));
        }
        Map<String, Tensor> masks = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("masks")).forEach((k, v) -> masks.put(k, v == null ? null : Golden.tensor(v)));
        Tensor ids = c.get("ids") == null ? null : Golden.tensor(c.get("ids"));
        Function<Map<String, Tensor>, Map<String, Tensor>> run = in -> run((String) c.get("kind"), args, module, in, masks, ids);

        Map<String, Tensor> inputs = new LinkedHashMap<>();
        Golden.tensors(c.get("inputs")).forEach((k, v) -> inputs.put(k, v.requiresGrad(true)));
        Map<String, Tensor> outs = run.apply(inputs);
        Map<String, Tensor> expected = Golden.tensors(c.get("outputs"));
        assertEquals(expected.keySet(), outs.keySet(), name + " outputs");
        Map<String, Tensor> cotangents = Golden.tensors(c.get("cotangents"));
        Tensor total = null;
        for (String k : expected.keySet()) {
            assertGolden(expected.get(k).toDoubleArray(), outs.get(k), name + " " + k);
            Tensor term = outs.get(k).mul(cotangents.get(k)).sum();
            total = total == null ? term : total.add(term);
        }
        total.backward();
        Golden.tensors(c.get("grad_inputs")).forEach((k, g) ->
                assertGolden(g.toDoubleArray(), inputs.get(k).grad(), name + " gradient of input " + k));
        if (module != null) {
            Map<String, Tensor> grads = Golden.tensors(c.get("grads"));
            Map<String, Tensor> params = module.namedParameters();
            assertEquals(grads.keySet(), params.keySet(), name + " parameter names");
            grads.forEach((p, g) -> {
                assertNotNull(params.get(p).grad(), name + " gradient of " + p);
                assertGolden(g.toDoubleArray(), params.get(p).grad(), name + " gradient of " + p);
            });
        }
        if (c.get("jvp") != null) {
            Map<String, Tensor> tangents = Golden.tensors(c.get("tangents"));
            Map<String, Tensor> duals = new LinkedHashMap<>();
            Golden.tensors(c.get("inputs")).forEach((k, v) -> duals.put(k, v.withTangent(tangents.get(k))));
            Map<String, Tensor> forward = run.apply(duals);
            Golden.tensors(c.get("jvp")).forEach((k, j) ->
                    assertGolden(j.toDoubleArray(), forward.get(k).tangent(), name + " jvp of " + k));
        }
    }

    private static int integer(Map<String, Object> args, String name) {
        return ((Double) args.get(name)).intValue();
    }

    private static TransformerEncoderLayer.Settings settings(Map<String, Object> args) {
        return new TransformerEncoderLayer.Settings(integer(args, "dModel"), integer(args, "nhead"),
                integer(args, "dimFeedforward"), (Double) args.get("dropout"), (String) args.get("activation"),
                (Double) args.get("layerNormEps"), (Boolean) args.get("batchFirst"), (Boolean) args.get("normFirst"),
                DType.FLOAT64);
    }

    /** The module of a case, in float64, or null for the functional attention. */
    private static Module build(String kind, Map<String, Object> args) {
        Generator generator = new Generator(1);
        return switch (kind) {
            case "Embedding" -> new Embedding(integer(args, "numEmbeddings"), integer(args, "embeddingDim"),
                    args.get("paddingIdx") == null ? null : integer(args, "paddingIdx"), DType.FLOAT64, generator);
            case "sdpa" -> null;
            case "MultiheadAttention" -> new MultiheadAttention(integer(args, "embedDim"), integer(args, "numHeads"), 0.0,
                    (Boolean) args.get("bias"), (Boolean) args.get("batchFirst"), DType.FLOAT64, generator);
            case "TransformerEncoderLayer" -> new TransformerEncoderLayer(settings(args), generator);
            case "TransformerEncoder" -> new TransformerEncoder(new TransformerEncoderLayer(settings(args), generator),
                    integer(args, "numLayers"), (Boolean) args.get("finalNorm")
                            ? new LayerNorm(new int[] {integer(args, "dModel")}, 1e-5, true, true, DType.FLOAT64) : null,
                    generator);
            default -> throw new IllegalArgumentException("no kind " + kind + " in this test");
        };
    }

    /** One forward pass of a case: its outputs by name. */
    private static Map<String, Tensor> run(String kind, Map<String, Object> args, Module module, Map<String, Tensor> in,
            Map<String, Tensor> masks, Tensor ids) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        switch (kind) {
            case "Embedding" -> out.put("output", module.call(ids));
            case "sdpa" -> out.put("output", Attention.scaledDotProductAttention(in.get("query"), in.get("key"),
                    in.get("value"), masks.get("attnMask"), 0, (Boolean) args.get("isCausal"), null));
            case "MultiheadAttention" -> {
                Tensor q = in.get("query");
                boolean self = (Boolean) args.get("selfAttention");
                MultiheadAttention.Output o = ((MultiheadAttention) module).forward(q, self ? q : in.get("key"),
                        self ? q : in.get("value"), masks.get("keyPaddingMask"), (Boolean) args.get("needWeights"),
                        masks.get("attnMask"), (Boolean) args.get("averageAttnWeights"));
                out.put("output", o.output());
                if (o.weights() != null) {
                    out.put("weights", o.weights());
                }
            }
            case "TransformerEncoderLayer" -> out.put("output", ((TransformerEncoderLayer) module).forward(in.get("src"),
                    masks.get("srcMask"), masks.get("srcKeyPaddingMask")));
            case "TransformerEncoder" -> out.put("output", ((TransformerEncoder) module).forward(in.get("src"),
                    TransformerEncoder.generateSquareSubsequentMask(integer(args, "squareSubsequentMask"), DType.FLOAT64),
                    masks.get("srcKeyPaddingMask")));
            default -> throw new IllegalArgumentException("no kind " + kind + " in this test");
        }
        return out;
    }
}

package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Stream;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of /golden/nn_recurrent.json (PyTorch 1.13 in float64, see nn_recurrent.py beside
 * it): RNN, LSTM and GRU built with the same arguments load PyTorch's state dict by PyTorch's
 * names, and their output, final states, the gradients of the input, of the initial states and
 * of every parameter, and the forward-mode derivative along the input agree to 1e-9.
 */
class RecurrentGoldenTest {
    private static final String RESOURCE = "/golden/nn_recurrent.json";
    /** The cases nn_recurrent.py writes; checked so that a truncated file fails rather than passes. */
    private static final int EXPECTED_CASES = 16;

    @Test
    void goldenFileHoldsEveryCase() {
        assertEquals(EXPECTED_CASES, Golden.cases(RESOURCE).size(), "cases in " + RESOURCE);
    }

    @TestFactory
    Stream<DynamicTest> recurrentLayersMatchPyTorch() {
        return Golden.cases(RESOURCE).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
    }

    private static Tensor optional(Map<String, Object> c, String key) {
        return c.get(key) == null ? null : Golden.tensor(c.get(key)).requiresGrad(true);
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        String name = (String) c.get("name");
        String kind = (String) c.get("layer");
        Recurrent layer = build(kind, (Map<String, Object>) c.get("args"));
        Map<String, Tensor> state = Golden.tensors(c.get("state"));
        layer.loadStateDict(state);
        layer.train((Boolean) c.get("training"));

        Tensor x = Golden.tensor(c.get("input")).requiresGrad(true);
        Tensor h0 = optional(c, "h0");
        Tensor c0 = optional(c, "c0");
        RecurrentOutput out = run(layer, x, h0, c0);
        assertGolden(Golden.tensor(c.get("output")).toDoubleArray(), out.output(), name + " output");
        assertGolden(Golden.tensor(c.get("h_n")).toDoubleArray(), out.hN(), name + " h_n");
        assertEquals(Golden.tensor(c.get("output")).shape(), out.output().shape(), name + " output shape");
        assertEquals(Golden.tensor(c.get("h_n")).shape(), out.hN().shape(), name + " h_n shape");
        if (kind.equals("LSTM")) {
            assertGolden(Golden.tensor(c.get("c_n")).toDoubleArray(), out.cN(), name + " c_n");
            assertEquals(Golden.tensor(c.get("c_n")).shape(), out.cN().shape(), name + " c_n shape");
        } else {
            assertNull(out.cN(), name + " c_n");
        }

        Tensor loss = out.output().mul(Golden.tensor(c.get("cot_output"))).sum()
                .add(out.hN().mul(Golden.tensor(c.get("cot_h_n"))).sum());
        if (out.cN() != null) {
            loss = loss.add(out.cN().mul(Golden.tensor(c.get("cot_c_n"))).sum());
        }
        loss.backward();
        assertGolden(Golden.tensor(c.get("grad_input")).toDoubleArray(), x.grad(), name + " input gradient");
        if (h0 != null) {
            assertGolden(Golden.tensor(c.get("grad_h0")).toDoubleArray(), h0.grad(), name + " h0 gradient");
        }
        if (c0 != null) {
            assertGolden(Golden.tensor(c.get("grad_c0")).toDoubleArray(), c0.grad(), name + " c0 gradient");
        }
        Map<String, Tensor> grads = Golden.tensors(c.get("grads"));
        Map<String, Tensor> params = layer.namedParameters();
        assertEquals(new ArrayList<>(grads.keySet()), new ArrayList<>(params.keySet()), name + " parameter names and order");
        grads.forEach((p, g) -> {
            assertNotNull(params.get(p).grad(), name + " gradient of " + p);
            assertGolden(g.toDoubleArray(), params.get(p).grad(), name + " gradient of " + p);
        });

        Tensor dual = Golden.tensor(c.get("input")).withTangent(Golden.tensor(c.get("tangent")));
        Tensor h0Plain = h0 == null ? null : h0.detach();
        Tensor c0Plain = c0 == null ? null : c0.detach();
        assertGolden(Golden.tensor(c.get("jvp")).toDoubleArray(), run(layer, dual, h0Plain, c0Plain).output().tangent(),
                name + " jvp");
    }

    private static RecurrentOutput run(Recurrent layer, Tensor x, Tensor h0, Tensor c0) {
        if (layer instanceof LSTM lstm) {
            return lstm.forward(x, h0, c0);
        }
        return layer instanceof RNN rnn ? rnn.forward(x, h0) : ((GRU) layer).forward(x, h0);
    }

    private static int integer(Map<String, Object> args, String name) {
        return ((Double) args.get(name)).intValue();
    }

    /** The layer named in the golden file, in float64, from its autodiff-named arguments. */
    private static Recurrent build(String layer, Map<String, Object> a) {
        int in = integer(a, "inputSize"), hidden = integer(a, "hiddenSize"), layers = integer(a, "numLayers");
        boolean bias = (Boolean) a.get("bias"), batchFirst = (Boolean) a.get("batchFirst");
        boolean bidirectional = (Boolean) a.get("bidirectional");
        double dropout = (Double) a.get("dropout");
        Generator g = new Generator(7);
        return switch (layer) {
            case "RNN" -> new RNN(in, hidden, layers, (String) a.get("nonlinearity"), bias, batchFirst, dropout, bidirectional,
                    DType.FLOAT64, g);
            case "LSTM" -> new LSTM(in, hidden, layers, bias, batchFirst, dropout, bidirectional, DType.FLOAT64, g);
            case "GRU" -> new GRU(in, hidden, layers, bias, batchFirst, dropout, bidirectional, DType.FLOAT64, g);
            default -> throw new IllegalArgumentException("no layer " + layer + " in this test");
        };
    }
}

package org.autodiff.nn.loss;

import static org.autodiff.nn.Assertions.assertGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.autodiff.core.Autograd;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Golden;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of /golden/nn_losses.json (torch.nn.functional losses in float64, see nn_losses.py
 * beside it): the loss, its gradients with respect to the input and a floating point target, and
 * its forward-mode derivative agree with PyTorch to 1e-9.
 */
class LossGoldenTest {
    private static final String RESOURCE = "/golden/nn_losses.json";
    /** The cases nn_losses.py writes; checked so that a truncated file fails rather than passes. */
    private static final int EXPECTED_CASES = 38;

    /** A loss of (input, target) with the case's weight and arguments. */
    private interface Loss {
        Tensor apply(Tensor input, Tensor target);
    }

    @Test
    void goldenFileHoldsEveryCase() {
        assertEquals(EXPECTED_CASES, Golden.cases(RESOURCE).size(), "cases in " + RESOURCE);
    }

    @TestFactory
    Stream<DynamicTest> lossesMatchPyTorch() {
        return Golden.cases(RESOURCE).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        String name = (String) c.get("name");
        Map<String, Object> args = (Map<String, Object>) c.get("args");
        Tensor weight = c.get("weight") == null ? null : Golden.tensor(c.get("weight"));
        Loss loss = loss((String) c.get("loss"), args, weight);
        boolean floatingTarget = c.get("grad_target") != null;

        Tensor input = Golden.tensor(c.get("input")).requiresGrad(true);
        Tensor target = Golden.tensor(c.get("target")).requiresGrad(floatingTarget);
        Tensor out = loss.apply(input, target);
        assertGolden(Golden.tensor(c.get("output")).toDoubleArray(), out, name + " output");
        List<Tensor> wrt = new ArrayList<>(List.of(input));
        if (floatingTarget) {
            wrt.add(target);
        }
        Tensor[] grads = Autograd.grad(new Tensor[] {out}, wrt.toArray(Tensor[]::new),
                new Tensor[] {Golden.tensor(c.get("cotangent"))}, false, false, false);
        assertGolden(Golden.tensor(c.get("grad_input")).toDoubleArray(), grads[0], name + " gradient of the input");
        if (floatingTarget) {
            assertGolden(Golden.tensor(c.get("grad_target")).toDoubleArray(), grads[1], name + " gradient of the target");
        }

        Tensor dualInput = Golden.tensor(c.get("input")).withTangent(Golden.tensor(c.get("tangent_input")));
        Tensor dualTarget = floatingTarget
                ? Golden.tensor(c.get("target")).withTangent(Golden.tensor(c.get("tangent_target")))
                : Golden.tensor(c.get("target"));
        assertGolden(Golden.tensor(c.get("jvp")).toDoubleArray(), loss.apply(dualInput, dualTarget).tangent(), name + " jvp");
    }

    private static Loss loss(String name, Map<String, Object> args, Tensor weight) {
        Reduction r = args.containsKey("reduction")
                ? Reduction.valueOf(((String) args.get("reduction")).toUpperCase(Locale.ROOT).replace("BATCHMEAN", "BATCH_MEAN"))
                : Reduction.MEAN;
        return switch (name) {
            case "l1Loss" -> (x, t) -> Losses.l1Loss(x, t, r);
            case "smoothL1Loss" -> (x, t) -> Losses.smoothL1Loss(x, t, (Double) args.get("beta"), r);
            case "huberLoss" -> (x, t) -> Losses.huberLoss(x, t, (Double) args.get("delta"), r);
            case "binaryCrossEntropy" -> (x, t) -> Losses.binaryCrossEntropy(x, t, weight, r);
            case "klDiv" -> (x, t) -> Losses.klDiv(x, t, r, (Boolean) args.get("logTarget"));
            case "nllLoss" -> (x, t) -> Losses.nllLoss(x, t, weight, ((Double) args.get("ignoreIndex")).intValue(), r);
            case "crossEntropy" -> (x, t) -> Losses.crossEntropy(x, t, weight, ((Double) args.get("ignoreIndex")).intValue(),
                    (Double) args.get("labelSmoothing"), r);
            default -> throw new IllegalArgumentException("no loss " + name + " in this test");
        };
    }
}

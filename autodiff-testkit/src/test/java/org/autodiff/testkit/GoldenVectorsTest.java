package org.autodiff.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Functions checked against core's PyTorch reference vectors through {@link GoldenVectors}, and a wrong one caught. */
class GoldenVectorsTest {
    private static final List<GoldenVectors.Case> CASES = read();

    private static List<GoldenVectors.Case> read() {
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("/golden/ops.json")) {
            return GoldenVectors.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Function<Tensor[], Tensor>> definitions() {
        Map<String, Function<Tensor[], Tensor>> m = new LinkedHashMap<>();
        m.put("add_broadcast", in -> in[0].add(in[1]));
        m.put("mul_broadcast", in -> in[0].mul(in[1]));
        m.put("div", in -> in[0].div(in[1]));
        m.put("exp", in -> in[0].exp());
        m.put("log", in -> in[0].log());
        m.put("sqrt", in -> in[0].sqrt());
        m.put("tanh", in -> in[0].tanh());
        m.put("sigmoid", in -> in[0].sigmoid());
        m.put("relu", in -> in[0].relu());
        m.put("sin", in -> in[0].sin());
        m.put("matmul", in -> in[0].matmul(in[1]));
        m.put("sum_dim", in -> in[0].sum(1, false));
        m.put("mean_keepdim", in -> in[0].mean(0, true));
        m.put("softmax", in -> in[0].softmax(-1));
        m.put("transpose", in -> in[0].transpose(0, 1));
        m.put("reshape", in -> in[0].reshape(6, 2));
        m.put("concat", in -> Tensor.cat(1, in[0], in[1]));
        m.put("mse", in -> in[0].sub(in[1]).square().mean());
        return m;
    }

    @TestFactory
    Stream<DynamicTest> opsMatchPyTorchsReferenceVectors() {
        return definitions().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> GoldenVectors.check(GoldenVectors.find(CASES, e.getKey()), e.getValue())));
    }

    @Test
    void aWrongDerivativeIsCaughtAndNamed() {
        // expm1 has exp's derivative but a value 1 lower; exp(x) with a halved gradient has the right value.
        LawViolation value = assertThrows(LawViolation.class,
                () -> GoldenVectors.check(GoldenVectors.find(CASES, "exp"), in -> in[0].expm1()));
        assertTrue(value.worst().startsWith("output element 0"), value::getMessage);
        LawViolation vjp = assertThrows(LawViolation.class, () -> GoldenVectors.check(GoldenVectors.find(CASES, "exp"),
                in -> in[0].exp().mul(0.5).add(in[0].exp().detach().mul(0.5))));
        assertEquals(GoldenVectors.LAW, vjp.law());
        assertTrue(vjp.worst().startsWith("vjp of input 0"), vjp::getMessage);
    }

    @Test
    void aMissingCaseNamesTheCasesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoldenVectors.find(CASES, "nope"));
        assertTrue(e.getMessage().contains("softmax"), e::getMessage);
    }
}

package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.autodiff.check.GradCheck;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * RNN, LSTM and GRU beyond the PyTorch reference vectors (RecurrentGoldenTest): parameter names,
 * shapes and initialisation, dropout between layers, second derivatives, and the errors for bad
 * input.
 */
class RecurrentTest {
    private static LSTM lstm(int layers, boolean batchFirst, boolean bidirectional, double dropout) {
        return new LSTM(3, 4, layers, true, batchFirst, dropout, bidirectional, DType.FLOAT64, new Generator(11));
    }

    @Test
    void parametersAreNamedAndShapedAsPyTorchs() {
        Map<String, Tensor> p = lstm(2, false, true, 0).namedParameters();
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(p.keySet()));
        assertArrayEquals(new int[] {16, 3}, p.get("weight_ih_l0").shape().dims());
        assertArrayEquals(new int[] {16, 8}, p.get("weight_ih_l1").shape().dims(), "layer 1 reads both directions");
        assertArrayEquals(new int[] {16, 4}, p.get("weight_hh_l1_reverse").shape().dims());
        assertArrayEquals(new int[] {12, 3}, new GRU(3, 4).namedParameters().get("weight_ih_l0").shape().dims());
        assertArrayEquals(new int[] {4, 4}, new RNN(3, 4).namedParameters().get("weight_hh_l0").shape().dims());
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), List.copyOf(
                new GRU(3, 4, 1, false, false, 0, false, DType.FLOAT32, new Generator(1)).namedParameters().keySet()));
    }

    @Test
    void parametersAreUniformWithinOneOverSqrtHidden() {
        int hidden = 64;
        LSTM layer = new LSTM(32, hidden, 1, true, false, 0, false, DType.FLOAT64, new Generator(3));
        double bound = 1 / Math.sqrt(hidden);
        double sum = 0, squares = 0;
        int n = 0;
        for (Tensor p : layer.parameters()) {
            for (double v : p.toDoubleArray()) {
                assertTrue(Math.abs(v) <= bound, "value " + v + " outside ±" + bound);
                sum += v;
                squares += v * v;
                n++;
            }
        }
        // U(−b, b): mean 0, variance b²/3; over 25 088 draws the sample moments sit well within these margins (about 5 and 16 standard errors).
        assertEquals(0, sum / n, 0.02 * bound);
        assertEquals(bound * bound / 3, squares / n, 0.03 * bound * bound);
    }

    @Test
    void shapesFollowTheLayouts() {
        LSTM seqFirst = lstm(2, false, true, 0);
        RecurrentOutput out = seqFirst.forward(Tensor.randn(DType.FLOAT64, 5, 2, 3), null, null);
        assertArrayEquals(new int[] {5, 2, 8}, out.output().shape().dims());
        assertArrayEquals(new int[] {4, 2, 4}, out.hN().shape().dims());
        assertArrayEquals(new int[] {4, 2, 4}, out.cN().shape().dims());

        LSTM batchFirst = lstm(1, true, false, 0);
        RecurrentOutput b = batchFirst.forward(Tensor.randn(DType.FLOAT64, 2, 5, 3), null, null);
        assertArrayEquals(new int[] {2, 5, 4}, b.output().shape().dims());
        assertArrayEquals(new int[] {1, 2, 4}, b.hN().shape().dims());

        RecurrentOutput u = batchFirst.forward(Tensor.randn(DType.FLOAT64, 5, 3), null, null);
        assertArrayEquals(new int[] {5, 4}, u.output().shape().dims(), "unbatched input ignores batchFirst");
        assertArrayEquals(new int[] {1, 4}, u.hN().shape().dims());
    }

    @Test
    void lastOutputIsTheFinalHiddenStateOfTheLastLayer() {
        GRU gru = new GRU(3, 4, 2, true, false, 0, false, DType.FLOAT64, new Generator(5));
        RecurrentOutput out = gru.forward(Tensor.randn(DType.FLOAT64, 6, 2, 3), null);
        assertArrayEquals(out.hN().slice(0, 1, 2, 1).squeeze(0).toDoubleArray(),
                out.output().slice(0, 5, 6, 1).squeeze(0).toDoubleArray(), 0);
    }

    @Test
    void dropoutActsBetweenLayersInTrainingOnly() {
        Tensor x = Tensor.randn(new Generator(2), DType.FLOAT64, 4, 2, 3);
        LSTM full = lstm(2, false, false, 1.0);
        LSTM none = lstm(2, false, false, 0);
        none.loadStateDict(full.stateDict());
        assertArrayEquals(none.forward(x).toDoubleArray(), full.eval().forward(x).toDoubleArray(), 0, "eval ignores dropout");

        // With p = 1 the second layer sees zeros: its output is that of a zero sequence.
        full.train();
        Tensor dropped = full.forward(x);
        Map<String, Tensor> state = full.stateDict();
        LSTM second = new LSTM(4, 4, 1, true, false, 0, false, DType.FLOAT64, new Generator(1));
        second.loadStateDict(Map.of("weight_ih_l0", state.get("weight_ih_l1"), "weight_hh_l0", state.get("weight_hh_l1"),
                "bias_ih_l0", state.get("bias_ih_l1"), "bias_hh_l0", state.get("bias_hh_l1")));
        assertArrayEquals(second.forward(Tensor.zeros(DType.FLOAT64, 4, 2, 4)).toDoubleArray(), dropped.toDoubleArray(), 1e-15);

        // With p = 0.5 the masks are random: training output differs from evaluation output.
        LSTM half = lstm(2, false, false, 0.5);
        assertFalse(java.util.Arrays.equals(half.train().forward(x).toDoubleArray(), half.eval().forward(x).toDoubleArray()));
    }

    @Test
    void secondDerivativesMatchCentralDifferences() {
        LSTM layer = new LSTM(2, 2, 1, true, false, 0, true, DType.FLOAT64, new Generator(9));
        Tensor x = Tensor.randn(new Generator(4), DType.FLOAT64, 3, 1, 2);
        Tensor h0 = Tensor.randn(new Generator(5), DType.FLOAT64, 2, 1, 2);
        GradCheck.check(in -> layer.forward(in[0], in[1], null).output(), x, h0);
        GradCheck.gradGradCheck(in -> layer.forward(in[0], in[1], null).hN(), x, h0);
        GRU gru = new GRU(2, 2, 1, true, false, 0, false, DType.FLOAT64, new Generator(9));
        GradCheck.gradGradCheck(in -> gru.forward(in[0], in[1]).output(), x, h0.slice(0, 0, 1, 1));
    }

    @Test
    void badInputNamesTheLayerTheArgumentAndTheShapes() {
        LSTM layer = lstm(2, false, true, 0);
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(DType.FLOAT64, 2, 3, 4, 3)));
        assertTrue(rank.getMessage().contains("LSTM: input of shape [2, 3, 4, 3]"), rank.getMessage());
        IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(DType.FLOAT64, 5, 2, 7)));
        assertTrue(features.getMessage().contains("[5, 2, 7]") && features.getMessage().contains("inputSize=3"),
                features.getMessage());
        IllegalArgumentException h0 = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(DType.FLOAT64, 5, 2, 3), Tensor.zeros(DType.FLOAT64, 2, 2, 4), null));
        assertTrue(h0.getMessage().contains("LSTM: h0 of shape [2, 2, 4] must be [4, 2, 4]"), h0.getMessage());
        IllegalArgumentException c0 = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Tensor.zeros(DType.FLOAT64, 5, 2, 3), null, Tensor.zeros(DType.FLOAT64, 4, 3, 4)));
        assertTrue(c0.getMessage().contains("LSTM: c0 of shape [4, 3, 4] must be [4, 2, 4]"), c0.getMessage());
        IllegalArgumentException unbatched = assertThrows(IllegalArgumentException.class,
                () -> new GRU(3, 4).forward(Tensor.zeros(5, 3), Tensor.zeros(1, 1, 4)));
        assertTrue(unbatched.getMessage().contains("GRU: h0 of shape [1, 1, 4] must be [1, 4]"), unbatched.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RNN(3, 4, 1, "sigmoid", true, false, 0, false, DType.FLOAT32,
                new Generator(1)));
        assertThrows(IllegalArgumentException.class, () -> new LSTM(3, 0));
        assertThrows(IllegalArgumentException.class, () -> new LSTM(3, 4, 2, true, false, 1.5, false, DType.FLOAT32,
                new Generator(1)));
    }

    @Test
    void aStateDictRoundTripsAndLoadsIntoAFreshLayer() {
        LSTM a = lstm(2, true, true, 0);
        LSTM b = new LSTM(3, 4, 2, true, true, 0, true, DType.FLOAT64, new Generator(99));
        b.loadStateDict(a.stateDict());
        Tensor x = Tensor.randn(DType.FLOAT64, 2, 3, 3);
        assertArrayEquals(a.forward(x).toDoubleArray(), b.forward(x).toDoubleArray(), 0);
    }
}

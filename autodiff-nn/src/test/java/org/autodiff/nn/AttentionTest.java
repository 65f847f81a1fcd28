package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.check.GradCheck;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** Attention layers beyond the reference vectors: derivatives by central differences, dropout, cloning, bad input. */
class AttentionTest {
    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Generator(seed), DType.FLOAT64, shape);
    }

    @Test
    void attentionGradientsMatchCentralDifferencesToSecondOrder() {
        Tensor q = randn(1, 2, 3, 4), k = randn(2, 2, 5, 4), v = randn(3, 2, 5, 3);
        Tensor mask = Tensor.of(new double[] {0, -1, 0.5, 0, 2, 0, 0, -0.5, 1, 0, 0, 0, 0, 0, 0}, 3, 5);
        GradCheck.check(in -> Attention.scaledDotProductAttention(in[0], in[1], in[2], mask, 0, false, null), q, k, v);
        GradCheck.gradGradCheck(in -> Attention.scaledDotProductAttention(in[0], in[1], in[2], null, 0, true, null),
                randn(4, 3, 4), randn(5, 3, 4), randn(6, 3, 2));
    }

    @Test
    void causalFlagEqualsTheLowerTriangleMask() {
        Tensor q = randn(1, 2, 4, 3), k = randn(2, 2, 4, 3), v = randn(3, 2, 4, 3);
        Tensor allowed = Tensor.ones(DType.BOOL, 4, 4).tril(0);
        assertArrayEquals(Attention.scaledDotProductAttention(q, k, v, allowed, 0, false, null).toDoubleArray(),
                Attention.scaledDotProductAttention(q, k, v, null, 0, true, null).toDoubleArray());
        // The first query sees only the first key, so its output is the first value row.
        Tensor out = Attention.scaledDotProductAttention(q, k, v, null, 0, true, null);
        assertArrayEquals(v.slice(1, 0, 1, 1).toDoubleArray(), out.slice(1, 0, 1, 1).toDoubleArray(), 1e-15);
    }

    @Test
    void dropoutZeroesWeightsWithProbabilityPAndKeepsTheMean() {
        // Uniform weights 1/S over S = 4 identical values: each output is the mean of the kept weights · value.
        Tensor q = Tensor.zeros(DType.FLOAT64, 1, 20000, 2), k = Tensor.zeros(DType.FLOAT64, 1, 4, 2);
        Tensor v = Tensor.ones(DType.FLOAT64, 1, 4, 1);
        Tensor out = Attention.scaledDotProductAttention(q, k, v, null, 0.25, false, new Generator(9));
        double[] y = out.toDoubleArray();
        double mean = java.util.Arrays.stream(y).average().orElseThrow();
        // Each output is (kept count)/(4 · 0.75): mean 1; over 20000 rows the standard error is about 0.0035.
        assertClose(1, mean, 0, 0.015, "mean after dropout");
        long allKept = java.util.Arrays.stream(y).filter(x -> Math.abs(x - 4 / 3.0) < 1e-12).count();
        // All four kept with probability 0.75⁴ ≈ 0.316.
        assertClose(0.316, allKept / 20000.0, 0, 0.02, "share of rows with every weight kept");
        Tensor again = Attention.scaledDotProductAttention(q, k, v, null, 0.25, false, new Generator(9));
        assertArrayEquals(y, again.toDoubleArray(), "the generator fixes the masks");
    }

    @Test
    void multiheadAttentionHasPyTorchsNamesAndInit() {
        MultiheadAttention m = new MultiheadAttention(8, 2, 0, true, false, DType.FLOAT64, new Generator(3));
        assertEquals(java.util.List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                java.util.List.copyOf(m.namedParameters().keySet()));
        assertArrayEquals(new double[24], m.inProjBias().toDoubleArray());
        assertArrayEquals(new double[8], m.outProj().bias().toDoubleArray());
        double bound = Math.sqrt(6.0 / (8 + 24));
        for (double w : m.inProjWeight().toDoubleArray()) {
            assertTrue(Math.abs(w) <= bound, "xavier bound");
        }
        Tensor x = randn(4, 5, 3, 8);
        MultiheadAttention.Output o = m.forward(x, x, x, null, true, null, true);
        assertEquals(Shape.of(5, 3, 8), o.output().shape());
        assertEquals(Shape.of(3, 5, 5), o.weights().shape());
        // Averaged weights are still distributions over keys.
        assertArrayEquals(Tensor.ones(DType.FLOAT64, 3, 5).toDoubleArray(), o.weights().sum(-1, false).toDoubleArray(), 1e-12);
        assertEquals(Shape.of(3, 2, 5, 5), m.forward(x, x, x, null, true, null, false).weights().shape());
    }

    @Test
    void encoderCopiesItsLayerAndNamesTheCopiesAsPyTorch() {
        TransformerEncoderLayer.Settings s = TransformerEncoderLayer.Settings.of(8, 2).withDimFeedforward(16)
                .withDType(DType.FLOAT64).withBatchFirst(true);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(s, new Generator(5));
        TransformerEncoder encoder = new TransformerEncoder(layer, 2, new LayerNorm(new int[] {8}, 1e-5, true, true,
                DType.FLOAT64), new Generator(6));
        var names = encoder.namedParameters().keySet();
        assertEquals(26, names.size());
        assertTrue(names.contains("layers.0.self_attn.in_proj_weight") && names.contains("layers.1.linear2.bias")
                && names.contains("norm.weight"), names.toString());
        assertArrayEquals(layer.selfAttn().inProjWeight().toDoubleArray(),
                encoder.layers().get(1).selfAttn().inProjWeight().toDoubleArray());
        assertNotEquals(layer.selfAttn().inProjWeight(), encoder.layers().get(0).selfAttn().inProjWeight());
        encoder.eval();
        assertEquals(Shape.of(3, 4, 8), encoder.forward(randn(7, 3, 4, 8)).shape());
        Tensor mask = TransformerEncoder.generateSquareSubsequentMask(3, DType.FLOAT32);
        assertArrayEquals(new float[] {0, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, 0, 0, Float.NEGATIVE_INFINITY,
            0, 0, 0}, mask.toFloatArray());
        assertEquals(2048, TransformerEncoderLayer.Settings.of(4, 2).dimFeedforward());
        assertEquals(0.1, TransformerEncoderLayer.Settings.of(4, 2).dropout());
    }

    @Test
    void badInputNamesTheLayerTheArgumentAndTheShapes() {
        var heads = assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(10, 3));
        assertTrue(heads.getMessage().contains("embedDim=10") && heads.getMessage().contains("numHeads=3"));
        var layer = assertThrows(IllegalArgumentException.class, () -> new TransformerEncoderLayer(10, 4));
        assertTrue(layer.getMessage().contains("TransformerEncoderLayer") && layer.getMessage().contains("dModel=10"));
        assertThrows(IllegalArgumentException.class, () -> TransformerEncoderLayer.Settings.of(8, 2).withActivation("tanh"));

        MultiheadAttention m = new MultiheadAttention(4, 2, 0, true, true, DType.FLOAT64, new Generator(1));
        Tensor x = randn(1, 2, 3, 4);
        var maskShape = assertThrows(IllegalArgumentException.class,
                () -> m.forward(x, x, x, null, false, Tensor.zeros(DType.BOOL, 3, 2), true));
        assertTrue(maskShape.getMessage().contains("attnMask") && maskShape.getMessage().contains("[3, 2]")
                && maskShape.getMessage().contains("[3, 3]"), maskShape.getMessage());
        var maskType = assertThrows(IllegalArgumentException.class,
                () -> m.forward(x, x, x, null, false, Tensor.zeros(DType.INT64, 3, 3), true));
        assertTrue(maskType.getMessage().contains("attnMask") && maskType.getMessage().contains("int64"),
                maskType.getMessage());
        var padShape = assertThrows(IllegalArgumentException.class,
                () -> m.forward(x, x, x, Tensor.zeros(DType.BOOL, 3, 2), false, null, true));
        assertTrue(padShape.getMessage().contains("keyPaddingMask") && padShape.getMessage().contains("[3, 2]")
                && padShape.getMessage().contains("[2, 3]"), padShape.getMessage());
        var padType = assertThrows(IllegalArgumentException.class,
                () -> m.forward(x, x, x, Tensor.zeros(DType.INT64, 2, 3), false, null, true));
        assertTrue(padType.getMessage().contains("keyPaddingMask") && padType.getMessage().contains("int64"));
        var width = assertThrows(IllegalArgumentException.class, () -> m.forward(randn(2, 2, 3, 5)));
        assertTrue(width.getMessage().contains("embedDim=4") && width.getMessage().contains("[2, 3, 5]"));
        var sdpaMask = assertThrows(IllegalArgumentException.class, () -> Attention.scaledDotProductAttention(x, x, x,
                Tensor.zeros(DType.BOOL, 2, 2), 0, false, null));
        assertTrue(sdpaMask.getMessage().contains("scaledDotProductAttention") && sdpaMask.getMessage().contains("[2, 2]"));
        assertThrows(IllegalArgumentException.class, () -> Attention.scaledDotProductAttention(x, x, x,
                Tensor.ones(DType.BOOL, 3, 3), 0, true, null));
    }
}

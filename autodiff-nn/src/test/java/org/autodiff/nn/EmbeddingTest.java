package org.autodiff.nn;

import static org.autodiff.nn.Assertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class EmbeddingTest {
    @Test
    void looksUpRowsForIdsOfAnyShape() {
        Embedding e = new Embedding(5, 3, null, DType.FLOAT64, new Generator(1));
        Tensor ids = Tensor.of(new long[] {4, 0, 2, 2, 1, 3}, 2, 3);
        Tensor out = e.forward(ids);
        assertEquals(Shape.of(2, 3, 3), out.shape());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(e.weight().get((int) ids.toLongArray()[i * 3 + j], k), out.get(i, j, k));
                }
            }
        }
        assertEquals(Shape.of(3), e.forward(Tensor.scalar(1, DType.INT64)).shape());
    }

    @Test
    void gradientSumsOverRepeatedIdsAndSkipsThePaddingRow() {
        Embedding e = new Embedding(4, 2, 1, DType.FLOAT64, new Generator(2));
        assertArrayEquals(new double[] {0, 0}, e.weight().slice(0, 1, 2, 1).toDoubleArray());
        Tensor ids = Tensor.of(new long[] {2, 1, 2, 0, 1}, 5);
        Tensor out = e.forward(ids);
        Tensor u = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, 2);
        out.mul(u).sum().backward();
        // row 0 once (7, 8), row 1 padding (none), row 2 twice (1+5, 2+6), row 3 never.
        assertArrayEquals(new double[] {7, 8, 0, 0, 6, 8, 0, 0}, e.weight().grad().toDoubleArray());
    }

    @Test
    void paddingRowStillReadsItsLoadedValues() {
        Embedding e = new Embedding(3, 2, -1, DType.FLOAT64, new Generator(2));
        assertEquals(2, e.paddingIdx());
        e.loadStateDict(java.util.Map.of("weight", Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)));
        assertArrayEquals(new double[] {5, 6, 1, 2}, e.forward(Tensor.of(new long[] {2, 0}, 2)).toDoubleArray());
    }

    @Test
    void initialValuesAreStandardNormal() {
        Embedding e = new Embedding(200, 50, null, DType.FLOAT64, new Generator(5));
        double[] w = e.weight().toDoubleArray();
        double mean = java.util.Arrays.stream(w).average().orElseThrow();
        double var = java.util.Arrays.stream(w).map(v -> (v - mean) * (v - mean)).sum() / w.length;
        // 10000 draws: the mean is within ±0.04 and the variance within ±0.06 at 4 standard errors.
        assertClose(0, mean, 0, 0.04, "mean");
        assertClose(1, var, 0.06, 0, "variance");
        assertEquals(DType.FLOAT32, new Embedding(3, 2).weight().dtype());
    }

    @Test
    void badIdsNameTheLayerTheArgumentAndTheShapes() {
        Embedding e = new Embedding(3, 2);
        var tooBig = assertThrows(IndexOutOfBoundsException.class, () -> e.forward(Tensor.of(new long[] {0, 3}, 2)));
        assertTrue(tooBig.getMessage().contains("Embedding") && tooBig.getMessage().contains("[3, 2]")
                && tooBig.getMessage().contains("id 3"), tooBig.getMessage());
        var negative = assertThrows(IndexOutOfBoundsException.class, () -> e.forward(Tensor.of(new long[] {-1}, 1)));
        assertTrue(negative.getMessage().contains("id -1"), negative.getMessage());
        var floats = assertThrows(IllegalArgumentException.class, () -> e.forward(Tensor.of(new double[] {0, 1}, 2)));
        assertTrue(floats.getMessage().contains("Embedding") && floats.getMessage().contains("input")
                && floats.getMessage().contains("float64") && floats.getMessage().contains("[2]"), floats.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Embedding(3, 2, 3, DType.FLOAT32, new Generator(1)));
        assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 2));
    }
}

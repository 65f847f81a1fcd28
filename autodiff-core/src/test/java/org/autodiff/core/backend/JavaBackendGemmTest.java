package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The blocked, multi-threaded GEMM of {@link JavaBackend} against {@link NaiveGemm}: every
 * transpose combination, sizes of 1, odd sizes, sizes straddling the tile and panel sizes,
 * operands at offsets inside larger arrays, float32 and float64, one and two threads.
 */
class JavaBackendGemmTest {
    private static final int[][] SIZES = {
            {1, 1, 1}, {1, 7, 3}, {5, 1, 9}, {3, 4, 1}, {17, 13, 11},
            {DoubleGemm.ROWS + 3, DoubleGemm.PANEL + 5, DoubleGemm.DEPTH + 7},
            {130, 257, 515}, {2 * DoubleGemm.ROWS, 2 * DoubleGemm.PANEL, 6},
    };

    @Test
    void float64MatchesTripleLoopForEveryTransposeAndSize() {
        Random random = new Random(1);
        for (Backend backend : new Backend[] {new JavaBackend(1), new JavaBackend(2)}) {
            for (int[] size : SIZES) {
                for (int t = 0; t < 4; t++) {
                    checkFloat64(backend, t % 2 == 1, t >= 2, size[0], size[1], size[2], 3, random);
                }
            }
        }
    }

    @Test
    void float32MatchesTripleLoopForEveryTransposeAndSize() {
        Random random = new Random(2);
        for (Backend backend : new Backend[] {new JavaBackend(1), new JavaBackend(2)}) {
            for (int[] size : SIZES) {
                for (int t = 0; t < 4; t++) {
                    checkFloat32(backend, t % 2 == 1, t >= 2, size[0], size[1], size[2], 5, random);
                }
            }
        }
    }

    @Test
    void writesOnlyItsOwnBlockOfC() {
        double[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8};
        double[] c = new double[10];
        Arrays.fill(c, -1);
        new JavaBackend(1).gemm(false, false, 2, 2, 2, a, 0, b, 0, c, 3);
        assertEquals("[-1.0, -1.0, -1.0, 19.0, 22.0, 43.0, 50.0, -1.0, -1.0, -1.0]", Arrays.toString(c));
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        double[] c = {7, 7, 7, 7};
        new JavaBackend(2).gemm(false, true, 2, 2, 0, new double[0], 0, new double[0], 0, c, 0);
        assertEquals("[0.0, 0.0, 0.0, 0.0]", Arrays.toString(c));
        float[] cf = {7, 7};
        new JavaBackend(2).gemm(true, false, 1, 2, 0, new float[0], 0, new float[0], 0, cf, 0);
        assertEquals("[0.0, 0.0]", Arrays.toString(cf));
    }

    /**
     * A batch whose products go whole to the threads (twelve of 32×96×160), and one of three
     * products each split over the threads by itself (128×128×128), equal the products computed
     * one after the other on one thread, bit for bit: a product's tiles are summed in the same
     * order whichever thread computes them. One operand is shared by every product, as a
     * broadcast matmul reads it.
     */
    @Test
    void batchOfProductsOnTwoThreadsEqualsTheProductsInTurn() {
        Random random = new Random(3);
        JavaBackend one = new JavaBackend(1), two = new JavaBackend(2);
        for (int[] size : new int[][] {{12, 32, 96, 160}, {3, 128, 128, 128}}) {
            int count = size[0], m = size[1], n = size[2], k = size[3];
            for (int t = 0; t < 4; t++) {
                boolean transA = t % 2 == 1, transB = t >= 2;
                int[] aOffsets = new int[count], bOffsets = new int[count];
                for (int i = 0; i < count; i++) {
                    aOffsets[i] = 1 + i * m * k;
                }
                double[] a = NaiveGemm.randomDoubles(random, 1 + count * m * k), b = NaiveGemm.randomDoubles(random, k * n);
                double[] inTurn = new double[count * m * n], batched = new double[count * m * n];
                for (int i = 0; i < count; i++) {
                    one.gemm(transA, transB, m, n, k, a, aOffsets[i], b, bOffsets[i], inTurn, i * m * n);
                }
                two.gemmBatch(transA, transB, m, n, k, count, a, aOffsets, b, bOffsets, batched);
                assertArrayEquals(inTurn, batched, "float64 " + Arrays.toString(size) + " t=" + t);
                float[] af = NaiveGemm.randomFloats(random, 1 + count * m * k), bf = NaiveGemm.randomFloats(random, k * n);
                float[] inTurnF = new float[count * m * n], batchedF = new float[count * m * n];
                for (int i = 0; i < count; i++) {
                    one.gemm(transA, transB, m, n, k, af, aOffsets[i], bf, bOffsets[i], inTurnF, i * m * n);
                }
                two.gemmBatch(transA, transB, m, n, k, count, af, aOffsets, bf, bOffsets, batchedF);
                assertArrayEquals(inTurnF, batchedF, "float32 " + Arrays.toString(size) + " t=" + t);
            }
        }
    }

    @Property(tries = 60)
    void blockedProductEqualsTripleLoop(@ForAll @IntRange(min = 1, max = 300) int m,
                                        @ForAll @IntRange(min = 1, max = 300) int n,
                                        @ForAll @IntRange(min = 1, max = 300) int k,
                                        @ForAll boolean transA, @ForAll boolean transB,
                                        @ForAll @IntRange(min = 0, max = 4) int offset,
                                        @ForAll @IntRange(min = 1, max = 2) int threads) {
        Random random = new Random((long) m * 31 + n * 7L + k);
        checkFloat64(new JavaBackend(threads), transA, transB, m, n, k, offset, random);
        checkFloat32(new JavaBackend(threads), transA, transB, m, n, k, offset, random);
    }

    /** Multiplies operands placed {@code offset} elements into their arrays and compares. */
    static void checkFloat64(Backend backend, boolean transA, boolean transB, int m, int n, int k, int offset,
                             Random random) {
        double[] a = NaiveGemm.randomDoubles(random, offset + m * k);
        double[] b = NaiveGemm.randomDoubles(random, offset + k * n);
        double[] c = new double[offset + m * n + offset];
        Arrays.fill(c, Double.NaN);
        backend.gemm(transA, transB, m, n, k, a, offset, b, offset, c, offset);
        double[] expected = NaiveGemm.product(transA, transB, m, n, k, a, offset, b, offset);
        String what = backend.name() + " float64 gemm transA=" + transA + " transB=" + transB
                + " m=" + m + " n=" + n + " k=" + k;
        for (int i = 0; i < m * n; i++) {
            assertEquals(expected[i], c[offset + i], 1e-12 * (k + 1), what + " at " + i);
        }
        for (int i = 0; i < offset; i++) {
            assertEquals(Double.NaN, c[i], what + ": wrote before C");
            assertEquals(Double.NaN, c[offset + m * n + i], what + ": wrote after C");
        }
    }

    /** The float32 twin of {@link #checkFloat64}; float32 sums of k terms in [-1, 1] err by about k·2⁻²⁴. */
    static void checkFloat32(Backend backend, boolean transA, boolean transB, int m, int n, int k, int offset,
                             Random random) {
        float[] a = NaiveGemm.randomFloats(random, offset + m * k);
        float[] b = NaiveGemm.randomFloats(random, offset + k * n);
        float[] c = new float[offset + m * n + offset];
        Arrays.fill(c, Float.NaN);
        backend.gemm(transA, transB, m, n, k, a, offset, b, offset, c, offset);
        double[] expected = NaiveGemm.product(transA, transB, m, n, k, a, offset, b, offset);
        String what = backend.name() + " float32 gemm transA=" + transA + " transB=" + transB
                + " m=" + m + " n=" + n + " k=" + k;
        for (int i = 0; i < m * n; i++) {
            assertEquals(expected[i], c[offset + i], 1e-6 * (k + 1), what + " at " + i);
        }
        for (int i = 0; i < offset; i++) {
            assertEquals(Float.NaN, c[i], what + ": wrote before C");
            assertEquals(Float.NaN, c[offset + m * n + i], what + ": wrote after C");
        }
    }
}

package org.autodiff.nativeblas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.core.backend.NaiveGemm;
import org.junit.jupiter.api.Test;

/**
 * OpenBLAS products against the pure-Java ones on random operands (every transpose combination,
 * odd sizes, offsets, float32 and float64), and the proof that the service loader picks this
 * backend, so the rerun of autodiff-core's tests in this module really runs on OpenBLAS.
 */
class OpenBlasBackendTest {
    private final OpenBlasBackend openBlas = new OpenBlasBackend(2);
    private final JavaBackend java = new JavaBackend(1);

    @Test
    void serviceLoaderMakesOpenBlasTheBackendInUse() {
        assertEquals("openblas", Backends.current().name());
    }

    @Test
    void handlesTheSmallestAndEmptyProducts() {
        double[] c = {9, 9};
        openBlas.gemm(false, false, 1, 1, 1, new double[] {3}, 0, new double[] {4}, 0, c, 1);
        assertEquals(12, c[1]);
        assertEquals(9, c[0]);
        double[] z = {5, 5};
        openBlas.gemm(true, true, 1, 2, 0, new double[0], 0, new double[0], 0, z, 0);
        assertEquals(0, z[0] + z[1]);
    }

    @Property(tries = 80)
    void float64AgreesWithJava(@ForAll @IntRange(min = 1, max = 200) int m,
                               @ForAll @IntRange(min = 1, max = 200) int n,
                               @ForAll @IntRange(min = 1, max = 200) int k,
                               @ForAll boolean transA, @ForAll boolean transB,
                               @ForAll @IntRange(min = 0, max = 3) int offset) {
        Random random = new Random(m * 1_000_003L + n * 1009L + k);
        double[] a = NaiveGemm.randomDoubles(random, offset + m * k);
        double[] b = NaiveGemm.randomDoubles(random, offset + k * n);
        double[] expected = new double[offset + m * n], actual = new double[offset + m * n];
        java.gemm(transA, transB, m, n, k, a, offset, b, offset, expected, offset);
        openBlas.gemm(transA, transB, m, n, k, a, offset, b, offset, actual, offset);
        for (int i = 0; i < offset + m * n; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * k, "float64 m=" + m + " n=" + n + " k=" + k
                    + " transA=" + transA + " transB=" + transB + " at " + i);
        }
    }

    @Property(tries = 80)
    void float32AgreesWithJava(@ForAll @IntRange(min = 1, max = 200) int m,
                               @ForAll @IntRange(min = 1, max = 200) int n,
                               @ForAll @IntRange(min = 1, max = 200) int k,
                               @ForAll boolean transA, @ForAll boolean transB,
                               @ForAll @IntRange(min = 0, max = 3) int offset) {
        Random random = new Random(m * 1_000_003L + n * 1009L + k);
        float[] a = NaiveGemm.randomFloats(random, offset + m * k);
        float[] b = NaiveGemm.randomFloats(random, offset + k * n);
        float[] expected = new float[offset + m * n], actual = new float[offset + m * n];
        java.gemm(transA, transB, m, n, k, a, offset, b, offset, expected, offset);
        openBlas.gemm(transA, transB, m, n, k, a, offset, b, offset, actual, offset);
        for (int i = 0; i < offset + m * n; i++) {
            assertEquals(expected[i], actual[i], 2e-6 * k, "float32 m=" + m + " n=" + n + " k=" + k
                    + " transA=" + transA + " transB=" + transB + " at " + i);
        }
    }

    @Test
    void largeProductsStraddlingEveryBlockSizeAgree() {
        Random random = new Random(7);
        int m = 301, n = 517, k = 263;
        for (int t = 0; t < 4; t++) {
            boolean transA = t % 2 == 1, transB = t >= 2;
            double[] a = NaiveGemm.randomDoubles(random, m * k), b = NaiveGemm.randomDoubles(random, k * n);
            double[] c = new double[m * n];
            openBlas.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0);
            double[] expected = NaiveGemm.product(transA, transB, m, n, k, a, 0, b, 0);
            for (int i = 0; i < m * n; i++) {
                assertEquals(expected[i], c[i], 1e-11, "float64 301×263·263×517 t=" + t + " at " + i);
            }
        }
    }

    /**
     * A product cut into row blocks over 3 worker threads (one OpenBLAS call each) agrees with
     * the product in one call, float32 and float64, every transpose, operands at an offset.
     */
    @Test
    void rowBlocksOnSeveralThreadsAgreeWithOneCall() {
        Random random = new Random(3);
        OpenBlasBackend one = new OpenBlasBackend(1), three = new OpenBlasBackend(3);
        int m = 203, n = 129, k = 300, offset = 5;
        for (int t = 0; t < 4; t++) {
            boolean transA = t % 2 == 1, transB = t >= 2;
            float[] a = NaiveGemm.randomFloats(random, offset + m * k), b = NaiveGemm.randomFloats(random, offset + k * n);
            float[] c1 = new float[offset + m * n], c3 = new float[offset + m * n];
            one.gemm(transA, transB, m, n, k, a, offset, b, offset, c1, offset);
            three.gemm(transA, transB, m, n, k, a, offset, b, offset, c3, offset);
            double[] ad = NaiveGemm.randomDoubles(random, offset + m * k), bd = NaiveGemm.randomDoubles(random, offset + k * n);
            double[] d3 = new double[offset + m * n];
            three.gemm(transA, transB, m, n, k, ad, offset, bd, offset, d3, offset);
            double[] expected = NaiveGemm.product(transA, transB, m, n, k, ad, offset, bd, offset);
            for (int i = 0; i < m * n; i++) {
                assertEquals(c1[offset + i], c3[offset + i], 2e-6 * k, "float32 t=" + t + " at " + i);
                assertEquals(expected[i], d3[offset + i], 1e-11, "float64 t=" + t + " at " + i);
            }
        }
    }

    /**
     * A batch of products handed whole to 2 threads (twelve of 32×96×160, one OpenBLAS call
     * each) agrees with the products one call at a time; every transpose, a shared B.
     */
    @Test
    void batchOnTwoThreadsAgreesWithTheProductsInTurn() {
        Random random = new Random(4);
        OpenBlasBackend one = new OpenBlasBackend(1);
        int count = 12, m = 32, n = 96, k = 160;
        int[] aOffsets = new int[count], bOffsets = new int[count];
        for (int i = 0; i < count; i++) {
            aOffsets[i] = i * m * k;
        }
        for (int t = 0; t < 4; t++) {
            boolean transA = t % 2 == 1, transB = t >= 2;
            float[] a = NaiveGemm.randomFloats(random, count * m * k), b = NaiveGemm.randomFloats(random, k * n);
            float[] inTurn = new float[count * m * n], batched = new float[count * m * n];
            double[] ad = NaiveGemm.randomDoubles(random, count * m * k), bd = NaiveGemm.randomDoubles(random, k * n);
            double[] inTurnD = new double[count * m * n], batchedD = new double[count * m * n];
            for (int i = 0; i < count; i++) {
                one.gemm(transA, transB, m, n, k, a, aOffsets[i], b, 0, inTurn, i * m * n);
                one.gemm(transA, transB, m, n, k, ad, aOffsets[i], bd, 0, inTurnD, i * m * n);
            }
            openBlas.gemmBatch(transA, transB, m, n, k, count, a, aOffsets, b, bOffsets, batched);
            openBlas.gemmBatch(transA, transB, m, n, k, count, ad, aOffsets, bd, bOffsets, batchedD);
            for (int i = 0; i < count * m * n; i++) {
                assertEquals(inTurn[i], batched[i], 2e-6 * k, "float32 t=" + t + " at " + i);
                assertEquals(inTurnD[i], batchedD[i], 1e-11, "float64 t=" + t + " at " + i);
            }
        }
    }
}

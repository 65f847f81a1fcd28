package org.autodiff.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import org.autodiff.core.backend.Backend;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.BinaryKernel;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.core.backend.ReduceKernel;
import org.autodiff.core.backend.UnaryKernel;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels against JavaBackend's on random inputs (lengths with and without a tail,
 * one and several threads, every layout the backend takes over and some it hands back), their
 * accuracy against the double-precision functions, sums that do not change with the thread
 * count, and the service loader's choice with and without the JVM flag.
 */
class VectorBackendTest {
    private final VectorBackend vector = new VectorBackend(1);
    private final VectorBackend vector3 = new VectorBackend(3);
    private final JavaBackend plain = new JavaBackend(1);

    /** Lengths below a vector, with a tail, and long enough to split across threads. */
    private static final int[] LENGTHS = {1, 5, 16, 37, 1000, 200_003};

    private static final UnaryKernel[] EXACT = {UnaryKernel.NEG, UnaryKernel.ABS, UnaryKernel.SQRT, UnaryKernel.RELU};
    private static final UnaryKernel[] TRANSCENDENTAL = {UnaryKernel.EXP, UnaryKernel.EXPM1, UnaryKernel.LOG,
        UnaryKernel.LOG1P, UnaryKernel.SIN, UnaryKernel.COS, UnaryKernel.TANH, UnaryKernel.SIGMOID, UnaryKernel.SILU};

    @Test
    void serviceLoaderMakesVectorTheBackendInUse() {
        assertEquals("vector", Backends.current().name());
    }

    @Test
    void withOpenBlasOnTheClassPathItsProductsAreTakenAndTheirResultsAreOpenBlass() {
        // autodiff-native is an optional dependency, on the test class path: one backend with both.
        assertEquals("openblas", vector.matrixProducts());
        assertEquals(15, vector.priority());
        Random random = new Random(7);
        int m = 37, n = 29, k = 41;
        float[] a = floats(random, m * k, -1, 1), b = floats(random, k * n, -1, 1);
        float[] expected = new float[m * n], actual = new float[m * n];
        new org.autodiff.nativeblas.OpenBlasBackend(1).gemm(true, false, m, n, k, a, 0, b, 0, expected, 0);
        vector3.gemm(true, false, m, n, k, a, 0, b, 0, actual, 0);
        assertArrayEquals(expected, actual);
        float[] java = new float[m * n];
        plain.gemm(true, false, m, n, k, a, 0, b, 0, java, 0);
        assertArrayEquals(java, actual, 1e-4f);
    }

    @Test
    void withoutTheFlagTheNextBackendRunsAndOneLineSaysWhy() throws IOException, InterruptedException {
        // A child JVM with the same class path but no --add-modules: discovery must skip this
        // backend and take the next, OpenBLAS's (autodiff-native is on the test class path).
        Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(javaExe.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dautodiff.threads=1", PrintBackend.class.getName()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertEquals("openblas", out, err);
        assertTrue(err.contains("--add-modules jdk.incubator.vector"), err);
    }

    @Test
    void withoutAutodiffNativeTheProductsRunOnJavasGemm() throws IOException, InterruptedException {
        // A child JVM with the flag but without autodiff-native (nor JavaCPP, which only it brings).
        Path javaExe = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("autodiff-native") && !entry.contains("javacpp")
                        && !entry.contains("openblas"))
                .collect(Collectors.joining(File.pathSeparator));
        Process p = new ProcessBuilder(javaExe.toString(), "--add-modules=jdk.incubator.vector", "-cp", classPath,
                "-Dautodiff.threads=1", PrintBackend.class.getName()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertEquals("vector java 5", out, err);
    }

    /** The child JVM's program: prints the name of the backend in use (and, for this one, its products and priority). */
    static final class PrintBackend {
        public static void main(String[] args) {
            Backend current = Backends.current();
            System.out.println(current instanceof VectorBackend v
                    ? v.name() + " " + v.matrixProducts() + " " + v.priority() : current.name());
        }
    }

    @Test
    void exactMapsAreBitForBitJavas() {
        Random random = new Random(1);
        for (UnaryKernel f : EXACT) {
            for (int n : LENGTHS) {
                float[] x = floats(random, n, -10, 10);
                x[0] = Float.NaN;
                if (n > 2) x[1] = -0f;
                float[] expected = new float[n], actual = new float[n];
                plain.unary(f, x, expected);
                vector3.unary(f, x, actual);
                assertArrayEquals(expected, actual, f + " float32 n=" + n);
                double[] xd = doubles(random, n, -10, 10);
                double[] expectedD = new double[n], actualD = new double[n];
                plain.unary(f, xd, expectedD);
                vector3.unary(f, xd, actualD);
                assertArrayEquals(expectedD, actualD, f + " float64 n=" + n);
            }
        }
    }

    @Test
    void transcendentalMapsAgreeWithJavaWithinFourUlps() {
        Random random = new Random(2);
        for (UnaryKernel f : TRANSCENDENTAL) {
            // Arguments inside each function's domain (log's x > 0, log1p's x > −1).
            float low = f == UnaryKernel.LOG ? 0 : f == UnaryKernel.LOG1P ? -1 : -20;
            for (int n : LENGTHS) {
                float[] x = floats(random, n, low, 20);
                float[] expected = new float[n], actual = new float[n];
                plain.unary(f, x, expected);
                vector3.unary(f, x, actual);
                for (int i = 0; i < n; i++) {
                    assertTrue(ulps(expected[i], actual[i]) <= 4 || Math.abs(expected[i] - actual[i]) < 1e-37f,
                            f + "(" + x[i] + "): " + expected[i] + " vs " + actual[i]);
                }
                double[] xd = doubles(random, n, low, 20);
                double[] expectedD = new double[n], actualD = new double[n];
                plain.unary(f, xd, expectedD);
                vector3.unary(f, xd, actualD);
                for (int i = 0; i < n; i++) {
                    assertTrue(close(expectedD[i], actualD[i], 4 * Math.ulp(expectedD[i]) + 1e-300),
                            f + "(" + xd[i] + "): " + expectedD[i] + " vs " + actualD[i]);
                }
            }
        }
    }

    /**
     * The accuracy that VectorBackend's javadoc states: the largest error in float32 ulps of
     * the correctly rounded double result, over 2^20 arguments across each function's range.
     */
    @Test
    void accuracySweep() {
        int n = 1 << 20;
        assertAccuracy(UnaryKernel.EXP, Math::exp, -87, 88, n, 1);
        assertAccuracy(UnaryKernel.LOG, Math::log, 1e-30f, 1e30f, n, 1);
        assertAccuracy(UnaryKernel.TANH, Math::tanh, -10, 10, n, 1);
        assertAccuracy(UnaryKernel.SIGMOID, v -> 1 / (1 + Math.exp(-v)), -80, 80, n, 2);
    }

    private void assertAccuracy(UnaryKernel f, DoubleUnaryOperator exact, float from, float to, int n, int bound) {
        float[] x = new float[n], out = new float[n];
        boolean logarithmic = from > 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / (n - 1);
            x[i] = (float) (logarithmic ? from * Math.pow(to / from, t) : from + (to - from) * t);
        }
        vector.unary(f, x, out);
        int worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, ulps((float) exact.applyAsDouble(x[i]), out[i]));
        }
        System.out.println("VectorBackend float32 " + f + ": at most " + worst + " ulp on [" + from + ", " + to + "], "
                + vector.floatLanes() + " lanes");
        assertTrue(worst <= bound, f + ": " + worst + " ulps");
    }

    @Test
    void binaryLayoutsAreBitForBitJavas() {
        Random random = new Random(3);
        int rows = 7, cols = 37;
        int[] dims = {rows, cols};
        // {a's strides, b's strides}: contiguous, scalar either side, a row vector (bias), a
        // column (per-row scale), and a transposed operand that JavaBackend must take back.
        int[][][] layouts = {
            {{cols, 1}, {cols, 1}}, {{cols, 1}, {0, 0}}, {{0, 0}, {cols, 1}}, {{cols, 1}, {0, 1}},
            {{0, 1}, {cols, 1}}, {{cols, 1}, {1, 0}}, {{1, 0}, {cols, 1}}, {{1, rows}, {cols, 1}}, {{0, 1}, {1, 0}}};
        for (BinaryKernel f : BinaryKernel.values()) {
            for (int[][] layout : layouts) {
                float[] a = floats(random, rows * cols, 0.5f, 3), b = floats(random, rows * cols, 0.5f, 3);
                float[] expected = new float[rows * cols], actual = new float[rows * cols];
                plain.binary(f, a, layout[0], b, layout[1], expected, dims);
                vector3.binary(f, a, layout[0], b, layout[1], actual, dims);
                assertArrayEquals(expected, actual, f + " float32 strides " + java.util.Arrays.deepToString(layout));
                double[] ad = doubles(random, rows * cols, 0.5, 3), bd = doubles(random, rows * cols, 0.5, 3);
                double[] expectedD = new double[rows * cols], actualD = new double[rows * cols];
                plain.binary(f, ad, layout[0], bd, layout[1], expectedD, dims);
                vector3.binary(f, ad, layout[0], bd, layout[1], actualD, dims);
                assertArrayEquals(expectedD, actualD, f + " float64 strides " + java.util.Arrays.deepToString(layout));
            }
        }
        // A long contiguous add, split across threads.
        for (int n : LENGTHS) {
            float[] a = floats(random, n, -1, 1), b = floats(random, n, -1, 1);
            float[] expected = new float[n], actual = new float[n];
            int[] s = {1};
            plain.binary(BinaryKernel.ADD, a, s, b, s, expected, new int[] {n});
            vector3.binary(BinaryKernel.ADD, a, s, b, s, actual, new int[] {n});
            assertArrayEquals(expected, actual, "add n=" + n);
        }
    }

    @Test
    void addScaledIsBitForBitJavas() {
        Random random = new Random(4);
        for (int n : LENGTHS) {
            float[] t1 = floats(random, n, -1, 1), t2 = t1.clone(), x = floats(random, n, -1, 1);
            plain.addScaled(t1, x, -0.01f);
            vector3.addScaled(t2, x, -0.01f);
            assertArrayEquals(t1, t2, "float32 n=" + n);
            double[] d1 = doubles(random, n, -1, 1), d2 = d1.clone(), xd = doubles(random, n, -1, 1);
            plain.addScaled(d1, xd, -0.01);
            vector3.addScaled(d2, xd, -0.01);
            assertArrayEquals(d1, d2, "float64 n=" + n);
        }
    }

    @Test
    void sumsAreCloseToTheExactSumAndTheSameOnEveryThreadCount() {
        Random random = new Random(5);
        for (int n : new int[] {16, 37, 1000, 200_003}) {
            float[] x = floats(random, n, -1, 1);
            double exact = 0;
            for (float v : x) exact += v;
            float[] one = new float[1], three = new float[1];
            vector.reduce(ReduceKernel.SUM, x, new int[] {n}, new boolean[] {true}, one);
            vector3.reduce(ReduceKernel.SUM, x, new int[] {n}, new boolean[] {true}, three);
            assertEquals(Float.floatToRawIntBits(one[0]), Float.floatToRawIntBits(three[0]), "threads change the sum, n=" + n);
            double absSum = 0;
            for (float v : x) absSum += Math.abs(v);
            assertEquals(exact, one[0], 1e-6 * absSum, "sum n=" + n);
        }
        // Row sums and row maxima of a [rows, cols] matrix, with a NaN in one row.
        int rows = 300, cols = 1000;
        float[] m = floats(random, rows * cols, -1, 1);
        m[5 * cols + 17] = Float.NaN;
        for (ReduceKernel f : ReduceKernel.values()) {
            float[] expected = new float[rows], one = new float[rows], three = new float[rows];
            int[] dims = {rows, cols};
            boolean[] last = {false, true};
            plain.reduce(f, m, dims, last, expected);
            vector.reduce(f, m, dims, last, one);
            vector3.reduce(f, m, dims, last, three);
            assertArrayEquals(one, three, f + " threads");
            for (int r = 0; r < rows; r++) {
                assertEquals(expected[r], one[r], f == ReduceKernel.SUM ? 1e-4 : 0, f + " row " + r);
            }
            assertTrue(Float.isNaN(one[5]), f + " keeps NaN");
        }
        double[] md = doubles(random, rows * cols, -1, 1);
        double[] expected = new double[rows], actual = new double[rows];
        plain.reduce(ReduceKernel.SUM, md, new int[] {rows, cols}, new boolean[] {false, true}, expected);
        vector3.reduce(ReduceKernel.SUM, md, new int[] {rows, cols}, new boolean[] {false, true}, actual);
        assertArrayEquals(expected, actual, 1e-12);
        // Column sums are JavaBackend's kernel: the same bits.
        float[] cols1 = new float[cols], cols2 = new float[cols];
        plain.reduce(ReduceKernel.SUM, m, new int[] {rows, cols}, new boolean[] {true, false}, cols1);
        vector3.reduce(ReduceKernel.SUM, m, new int[] {rows, cols}, new boolean[] {true, false}, cols2);
        assertArrayEquals(cols1, cols2);
    }

    @Test
    void softmaxRowsAgreeWithJava() {
        Random random = new Random(6);
        int rows = 64, size = 1000;
        float[] x = floats(random, rows * size, -30, 30);
        x[3 * size + 9] = Float.NaN;
        x[4 * size + 2] = Float.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) x[5 * size + i] = Float.NEGATIVE_INFINITY;
        float[] p1 = new float[x.length], lp1 = new float[x.length], p2 = new float[x.length], lp2 = new float[x.length];
        plain.softmax(x, rows, size, 1, p1, lp1);
        vector3.softmax(x, rows, size, 1, p2, lp2);
        for (int i = 0; i < x.length; i++) {
            assertTrue(close(p1[i], p2[i], 4 * Math.ulp(p1[i]) + 1e-30), "p at " + i + ": " + p1[i] + " vs " + p2[i]);
            assertTrue(close(lp1[i], lp2[i], 1e-5 * Math.max(1, Math.abs(lp1[i]))), "log p at " + i + ": " + lp1[i] + " vs " + lp2[i]);
        }
        assertTrue(Float.isNaN(p2[3 * size]) && Float.isNaN(p2[4 * size]) && Float.isNaN(p2[5 * size]));
        double[] xd = doubles(random, rows * size, -30, 30);
        double[] q1 = new double[xd.length], q2 = new double[xd.length];
        plain.softmax(xd, rows, size, 1, q1, null);
        vector3.softmax(xd, rows, size, 1, q2, null);
        for (int i = 0; i < xd.length; i++) {
            assertTrue(close(q1[i], q2[i], 1e-14 * q1[i] + 1e-300), "float64 p at " + i + ": " + q1[i] + " vs " + q2[i]);
        }
    }

    @Test
    void softmaxBackwardRowsAgreeWithJava() {
        Random random = new Random(7);
        int rows = 64, size = 1003; // a tail after the last full vector
        float[] g = floats(random, rows * size, -1, 1), p = floats(random, rows * size, 0, 1);
        double[] gd = doubles(random, rows * size, -1, 1), pd = doubles(random, rows * size, 0, 1);
        for (boolean log : new boolean[] {true, false}) {
            float[] out1 = new float[g.length], out2 = new float[g.length];
            plain.softmaxBackward(g, p, rows, size, 1, log, out1);
            vector3.softmaxBackward(g, p, rows, size, 1, log, out2);
            double[] outd1 = new double[gd.length], outd2 = new double[gd.length];
            plain.softmaxBackward(gd, pd, rows, size, 1, log, outd1);
            vector3.softmaxBackward(gd, pd, rows, size, 1, log, outd2);
            for (int i = 0; i < g.length; i++) {
                // The row sums differ in order (lanes against four running sums in double).
                assertTrue(close(out1[i], out2[i], 5e-4), (log ? "log " : "") + "float32 at " + i + ": " + out1[i] + " vs " + out2[i]);
                assertTrue(close(outd1[i], outd2[i], 1e-12), (log ? "log " : "") + "float64 at " + i + ": " + outd1[i] + " vs " + outd2[i]);
            }
        }
    }

    /** Whether actual is within tolerance of expected; NaN matches only NaN. */
    private static boolean close(double expected, double actual, double tolerance) {
        return Double.isNaN(expected) ? Double.isNaN(actual) : Math.abs(expected - actual) <= tolerance;
    }

    /** The distance between two float32 values in units in the last place; NaN against NaN is 0. */
    private static int ulps(float expected, float actual) {
        if (Float.isNaN(expected) || Float.isNaN(actual)) {
            return Float.isNaN(expected) && Float.isNaN(actual) ? 0 : Integer.MAX_VALUE;
        }
        if (expected == actual) {
            return 0;
        }
        long a = ordered(expected), b = ordered(actual);
        return (int) Math.min(Integer.MAX_VALUE, Math.abs(a - b));
    }

    /** Float bits mapped to integers that order as the floats do. */
    private static long ordered(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static float[] floats(Random random, int n, float from, float to) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = from + (to - from) * random.nextFloat();
        return x;
    }

    private static double[] doubles(Random random, int n, double from, double to) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = from + (to - from) * random.nextDouble();
        return x;
    }
}

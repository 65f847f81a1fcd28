package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Broadcast binary kernels and reductions of {@link JavaBackend} against a plain multi-index
 * loop, on random shapes of rank 0 to 4 with random broadcast dimensions: covers the merged-row
 * fast paths (contiguous operands, a single-value operand) and the general strided loop alike.
 */
class JavaBackendElementwiseTest {
    private final Backend backend = new JavaBackend(1);

    @Property(tries = 300)
    void broadcastBinaryMatchesIndexLoop(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int[] dims = randomDims(random);
        int[] aDims = broadcastSource(random, dims), bDims = broadcastSource(random, dims);
        int[] aStrides = broadcastStrides(aDims, dims), bStrides = broadcastStrides(bDims, dims);
        double[] a = NaiveGemm.randomDoubles(random, numel(aDims)), b = NaiveGemm.randomDoubles(random, numel(bDims));
        for (BinaryKernel f : BinaryKernel.values()) {
            double[] out = new double[numel(dims)];
            float[] out32 = new float[numel(dims)];
            backend.binary(f, a, aStrides, b, bStrides, out, dims);
            backend.binary(f, toFloats(a), aStrides, toFloats(b), bStrides, out32, dims);
            int[] index = new int[dims.length];
            for (int i = 0; i < out.length; i++) {
                double x = a[dot(index, aStrides)], y = b[dot(index, bStrides)];
                String what = f + " " + java.util.Arrays.toString(aDims) + " with " + java.util.Arrays.toString(bDims)
                        + " at " + i;
                assertEquals(apply(f, x, y), out[i], 0.0, what);
                float expected32 = apply(f, (float) x, (float) y);
                // float32 pow is computed in double and rounded; NaN (pow of a negative base) must match exactly.
                double tolerance = Float.isNaN(expected32) ? 0 : 1e-6 * (1 + Math.abs(expected32));
                assertEquals(expected32, out32[i], tolerance, what + " float32");
                increment(index, dims);
            }
        }
    }

    @Property(tries = 200)
    void broadcastComparisonsMatchIndexLoop(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int[] dims = randomDims(random);
        int[] aDims = broadcastSource(random, dims), bDims = broadcastSource(random, dims);
        int[] aStrides = broadcastStrides(aDims, dims), bStrides = broadcastStrides(bDims, dims);
        // Few distinct values, so that equal pairs occur; and a NaN, which compares false but for NE.
        double[] a = new double[numel(aDims)], b = new double[numel(bDims)];
        for (int i = 0; i < a.length; i++) a[i] = random.nextInt(7) == 0 ? Double.NaN : random.nextInt(3);
        for (int i = 0; i < b.length; i++) b[i] = random.nextInt(3);
        for (CompareKernel f : CompareKernel.values()) {
            boolean[] out = new boolean[numel(dims)], out32 = new boolean[numel(dims)];
            backend.compare(f, a, aStrides, b, bStrides, out, dims);
            backend.compare(f, toFloats(a), aStrides, toFloats(b), bStrides, out32, dims);
            int[] index = new int[dims.length];
            for (int i = 0; i < out.length; i++) {
                boolean expected = apply(f, a[dot(index, aStrides)], b[dot(index, bStrides)]);
                assertEquals(expected, out[i], f + " at " + i);
                assertEquals(expected, out32[i], f + " float32 at " + i);
                increment(index, dims);
            }
        }
    }

    @Property(tries = 200)
    void softmaxMatchesTheFormulaAlongAnyAxis(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int outer = 1 + random.nextInt(4), size = 1 + random.nextInt(6), inner = 1 + random.nextInt(4);
        double[] x = NaiveGemm.randomDoubles(random, outer * size * inner);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (300 * x[i]); // large enough that exp without the shift would overflow; exact in float32
        }
        double[] p = new double[x.length], logP = new double[x.length];
        float[] p32 = new float[x.length], logP32 = new float[x.length];
        backend.softmax(x, outer, size, inner, p, logP);
        backend.softmax(toFloats(x), outer, size, inner, p32, logP32);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                double max = Double.NEGATIVE_INFINITY, total = 0;
                for (int j = 0; j < size; j++) max = Math.max(max, x[(o * size + j) * inner + in]);
                for (int j = 0; j < size; j++) total += Math.exp(x[(o * size + j) * inner + in] - max);
                for (int j = 0; j < size; j++) {
                    int i = (o * size + j) * inner + in;
                    double expectedLog = x[i] - max - Math.log(total);
                    assertEquals(expectedLog, logP[i], 1e-12 * (1 + Math.abs(expectedLog)), "log-softmax at " + i);
                    assertEquals(Math.exp(expectedLog), p[i], 1e-14, "softmax at " + i);
                    assertEquals(expectedLog, logP32[i], 1e-4 * (1 + Math.abs(expectedLog)), "float32 log-softmax at " + i);
                    assertEquals(Math.exp(expectedLog), p32[i], 1e-6, "float32 softmax at " + i);
                }
            }
        }
    }

    @Property(tries = 200)
    void softmaxBackwardMatchesTheFormulaAlongAnyAxis(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        // Lines of up to 11 cover the four running sums' loop and its tail.
        int outer = 1 + random.nextInt(4), size = 1 + random.nextInt(11), inner = 1 + random.nextInt(3);
        double[] g = NaiveGemm.randomDoubles(random, outer * size * inner);
        double[] p = NaiveGemm.randomDoubles(random, g.length);
        for (boolean log : new boolean[] {true, false}) {
            double[] out = new double[g.length];
            float[] out32 = new float[g.length];
            backend.softmaxBackward(g, p, outer, size, inner, log, out);
            backend.softmaxBackward(toFloats(g), toFloats(p), outer, size, inner, log, out32);
            for (int o = 0; o < outer; o++) {
                for (int in = 0; in < inner; in++) {
                    double total = 0;
                    for (int j = 0; j < size; j++) {
                        int i = (o * size + j) * inner + in;
                        total += log ? g[i] : p[i] * g[i];
                    }
                    for (int j = 0; j < size; j++) {
                        int i = (o * size + j) * inner + in;
                        double expected = log ? g[i] - p[i] * total : p[i] * (g[i] - total);
                        assertEquals(expected, out[i], 1e-14 * (1 + Math.abs(total)), (log ? "log-" : "") + "softmax backward at " + i);
                        assertEquals(expected, out32[i], 1e-5 * (1 + Math.abs(total)), "float32 at " + i);
                    }
                }
            }
        }
    }

    @Property(tries = 200)
    void layerNormAndItsBackwardMatchTheFormula(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int rows = 1 + random.nextInt(5), size = 1 + random.nextInt(11);
        double eps = random.nextBoolean() ? 1e-5 : 0.5;
        double[] x = NaiveGemm.randomDoubles(random, rows * size), g = NaiveGemm.randomDoubles(random, rows * size);
        double[] xHat = new double[x.length], rstd = new double[rows], xBar = new double[x.length];
        float[] xHat32 = new float[x.length], rstd32 = new float[rows], xBar32 = new float[x.length];
        backend.layerNorm(x, rows, size, eps, xHat, rstd);
        backend.layerNorm(toFloats(x), rows, size, eps, xHat32, rstd32);
        backend.layerNormBackward(g, xHat, rstd, rows, size, xBar);
        backend.layerNormBackward(toFloats(g), xHat32, rstd32, rows, size, xBar32);
        for (int r = 0; r < rows; r++) {
            double mean = 0, var = 0, gMean = 0, gxMean = 0;
            for (int j = 0; j < size; j++) mean += x[r * size + j] / size;
            for (int j = 0; j < size; j++) var += (x[r * size + j] - mean) * (x[r * size + j] - mean) / size;
            double s = 1 / Math.sqrt(var + eps);
            assertEquals(s, rstd[r], 1e-12 * s, "rstd of row " + r);
            for (int j = 0; j < size; j++) {
                int i = r * size + j;
                gMean += g[i] / size;
                gxMean += g[i] * (x[i] - mean) * s / size;
            }
            for (int j = 0; j < size; j++) {
                int i = r * size + j;
                double expected = (x[i] - mean) * s, expectedBar = s * (g[i] - gMean - expected * gxMean);
                assertEquals(expected, xHat[i], 1e-12 * (1 + s), "x̂ at " + i);
                assertEquals(expected, xHat32[i], 1e-5 * (1 + s), "float32 x̂ at " + i);
                assertEquals(expectedBar, xBar[i], 1e-11 * s * (1 + s), "x̄ at " + i);
                assertEquals(expectedBar, xBar32[i], 1e-4 * s * (1 + s), "float32 x̄ at " + i);
            }
        }
    }

    @Test
    void softmaxOfALineWithInfinityOrNaNIsNaNAsInPyTorchAndOtherLinesAreUntouched() {
        double inf = Double.POSITIVE_INFINITY;
        double[] x = {inf, 1, Double.NaN, 1, -inf, -inf, 0, 0};
        double[] p = new double[8], logP = new double[8];
        backend.softmax(x, 4, 2, 1, p, logP);
        for (int i = 0; i < 6; i++) {
            assertEquals(Double.NaN, p[i], "softmax at " + i);
            assertEquals(Double.NaN, logP[i], "log-softmax at " + i);
        }
        assertArrayEquals(new double[] {0.5, 0.5}, java.util.Arrays.copyOfRange(p, 6, 8));
    }

    /**
     * Large maps are split across threads: every element must come out bit for bit as on one
     * thread, for every kernel, both dtypes, contiguous, single-value and broadcast-row operands.
     */
    @Test
    void twoThreadsGiveTheSameBitsAsOne() {
        Backend two = new JavaBackend(2);
        Random random = new Random(7);
        int n = 3 * JavaBackend.CHEAP_ELEMENTS_PER_THREAD + 5;
        double[] x = NaiveGemm.randomDoubles(random, n), y = NaiveGemm.randomDoubles(random, n);
        float[] xf = toFloats(x), yf = toFloats(y);
        for (UnaryKernel f : UnaryKernel.values()) {
            double[] one = new double[n], many = new double[n];
            backend.unary(f, x, one);
            two.unary(f, x, many);
            assertArrayEquals(one, many, f.toString());
            float[] onef = new float[n], manyf = new float[n];
            backend.unary(f, xf, onef);
            two.unary(f, xf, manyf);
            assertArrayEquals(onef, manyf, f + " float32");
        }
        double[] p = new double[n], logP = new double[n], pTwo = new double[n], logPTwo = new double[n];
        backend.softmax(x, 1000, n / 1000, 1, p, logP);
        two.softmax(x, 1000, n / 1000, 1, pTwo, logPTwo);
        assertArrayEquals(p, pTwo, "softmax");
        assertArrayEquals(logP, logPTwo, "log-softmax");
        int rows = 3, cols = n / rows;
        int[][] shapes = {{n}, {n}, {rows, cols}};
        int[][][] strides = {{{1}, {1}}, {{1}, {0}}, {{cols, 1}, {0, 1}}}; // contiguous, single value, row broadcast
        for (BinaryKernel f : BinaryKernel.values()) {
            for (int c = 0; c < shapes.length; c++) {
                int size = numel(shapes[c]);
                double[] one = new double[size], many = new double[size];
                backend.binary(f, x, strides[c][0], y, strides[c][1], one, shapes[c]);
                two.binary(f, x, strides[c][0], y, strides[c][1], many, shapes[c]);
                assertArrayEquals(one, many, f + " case " + c);
                float[] onef = new float[size], manyf = new float[size];
                backend.binary(f, xf, strides[c][0], yf, strides[c][1], onef, shapes[c]);
                two.binary(f, xf, strides[c][0], yf, strides[c][1], manyf, shapes[c]);
                assertArrayEquals(onef, manyf, f + " case " + c + " float32");
            }
        }
    }

    /**
     * Reductions, where, take, argmax and the optimizers' update split across threads too; each
     * output must come out bit for bit as on one thread: a full sum of many blocks, row sums,
     * column sums (4 rows a pass), a sum over the middle dim, max and min, in both dtypes.
     */
    @Test
    void reductionsAndTheOtherSplitKernelsGiveTheSameBitsOnEveryThreadCount() {
        Random random = new Random(11);
        int rows = 37, cols = 5 * JavaBackend.CHEAP_ELEMENTS_PER_THREAD / rows + 3, n = rows * cols;
        double[] x = NaiveGemm.randomDoubles(random, n);
        float[] xf = toFloats(x);
        int[][] dims = {{n}, {rows, cols}, {rows, cols}, {rows, 3, cols / 3}};
        boolean[][] reduced = {{true}, {false, true}, {true, false}, {false, true, false}};
        for (int threads = 2; threads <= 5; threads++) {
            Backend many = new JavaBackend(threads);
            for (ReduceKernel f : ReduceKernel.values()) {
                for (int c = 0; c < dims.length; c++) {
                    int[] d = dims[c];
                    int size = 1;
                    for (int i = 0; i < d.length; i++) {
                        size *= reduced[c][i] ? 1 : d[i];
                    }
                    int m = numel(d);
                    double[] one = new double[size], split = new double[size];
                    backend.reduce(f, java.util.Arrays.copyOf(x, m), d, reduced[c], one);
                    many.reduce(f, java.util.Arrays.copyOf(x, m), d, reduced[c], split);
                    assertArrayEquals(one, split, f + " case " + c + ", " + threads + " threads");
                    float[] onef = new float[size], splitf = new float[size];
                    backend.reduce(f, java.util.Arrays.copyOf(xf, m), d, reduced[c], onef);
                    many.reduce(f, java.util.Arrays.copyOf(xf, m), d, reduced[c], splitf);
                    assertArrayEquals(onef, splitf, f + " case " + c + " float32, " + threads + " threads");
                }
            }
            int[] d2 = {rows, cols};
            assertArrayEquals(backend.argReduce(true, x, d2, 1), many.argReduce(true, x, d2, 1), "argmax");
            assertArrayEquals(backend.argReduce(false, xf, d2, 0), many.argReduce(false, xf, d2, 0), "argmin");
            boolean[] cond = new boolean[n];
            int[] map = new int[n];
            for (int i = 0; i < n; i++) {
                cond[i] = random.nextBoolean();
                map[i] = random.nextInt(n + 1) - 1;
            }
            float[] wOne = new float[n], wMany = new float[n];
            backend.where(cond, new int[] {1}, xf, new int[] {1}, xf, new int[] {0}, wOne, new int[] {n});
            many.where(cond, new int[] {1}, xf, new int[] {1}, xf, new int[] {0}, wMany, new int[] {n});
            assertArrayEquals(wOne, wMany, "where");
            double[] tOne = new double[n], tMany = new double[n];
            backend.take(x, map, -1.5, tOne);
            many.take(x, map, -1.5, tMany);
            assertArrayEquals(tOne, tMany, "take");
            float[] aOne = xf.clone(), aMany = xf.clone();
            backend.addScaled(aOne, wOne, -0.01f);
            many.addScaled(aMany, wOne, -0.01f);
            assertArrayEquals(aOne, aMany, "addScaled");
        }
    }

    /** A full reduction cut into blocks gives the plain sum up to rounding, and max and min exactly. */
    @Test
    void blockedFullReductionsAgreeWithAPlainLoop() {
        Random random = new Random(5);
        int n = 3 * JavaBackend.REDUCE_BLOCK + 17;
        double[] x = NaiveGemm.randomDoubles(random, n);
        double expected = 0, max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            expected += v;
            max = Math.max(max, v);
        }
        double[] out = new double[1];
        new JavaBackend(2).reduce(ReduceKernel.SUM, x, new int[] {n}, new boolean[] {true}, out);
        assertEquals(expected, out[0], 1e-9);
        new JavaBackend(2).reduce(ReduceKernel.MAX, x, new int[] {n}, new boolean[] {true}, out);
        assertEquals(max, out[0], 0.0);
        x[n - 3] = Double.NaN;
        new JavaBackend(2).reduce(ReduceKernel.MIN, x, new int[] {n}, new boolean[] {true}, out);
        assertEquals(Double.NaN, out[0], 0.0, "NaN propagates through the blocks");
    }

    @Property(tries = 200)
    void broadcastWhereMatchesIndexLoop(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int[] dims = randomDims(random);
        int[] cDims = broadcastSource(random, dims), aDims = broadcastSource(random, dims), bDims = broadcastSource(random, dims);
        int[] cStrides = broadcastStrides(cDims, dims), aStrides = broadcastStrides(aDims, dims);
        int[] bStrides = broadcastStrides(bDims, dims);
        boolean[] cond = new boolean[numel(cDims)];
        for (int i = 0; i < cond.length; i++) {
            cond[i] = random.nextBoolean();
        }
        double[] a = NaiveGemm.randomDoubles(random, numel(aDims)), b = NaiveGemm.randomDoubles(random, numel(bDims));
        double[] out = new double[numel(dims)];
        backend.where(cond, cStrides, a, aStrides, b, bStrides, out, dims);
        int[] index = new int[dims.length];
        for (int i = 0; i < out.length; i++) {
            double expected = cond[dot(index, cStrides)] ? a[dot(index, aStrides)] : b[dot(index, bStrides)];
            assertEquals(expected, out[i], 0.0, "where " + java.util.Arrays.toString(dims) + " at " + i);
            increment(index, dims);
        }
    }

    @Property(tries = 300)
    void reductionsMatchIndexLoop(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int[] dims = randomDims(random);
        boolean[] reduced = new boolean[dims.length];
        int[] outStrides = new int[dims.length];
        int outSize = 1;
        for (int d = dims.length - 1; d >= 0; d--) {
            reduced[d] = random.nextBoolean();
            if (!reduced[d]) {
                outStrides[d] = outSize;
                outSize *= dims[d];
            }
        }
        double[] x = NaiveGemm.randomDoubles(random, numel(dims));
        for (ReduceKernel f : ReduceKernel.values()) {
            double[] expected = new double[outSize];
            java.util.Arrays.fill(expected, f == ReduceKernel.SUM ? 0 : f == ReduceKernel.MAX ? -1e300 : 1e300);
            int[] index = new int[dims.length];
            for (double v : x) {
                int o = dot(index, outStrides);
                expected[o] = f == ReduceKernel.SUM ? expected[o] + v
                        : f == ReduceKernel.MAX ? Math.max(expected[o], v) : Math.min(expected[o], v);
                increment(index, dims);
            }
            double[] out = new double[outSize];
            backend.reduce(f, x, dims, reduced, out);
            for (int i = 0; i < outSize; i++) {
                assertEquals(expected[i], out[i], 1e-12, f + " of " + java.util.Arrays.toString(dims) + " over "
                        + java.util.Arrays.toString(reduced) + " at " + i);
            }
        }
    }

    private static double apply(BinaryKernel f, double x, double y) {
        return switch (f) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case POW -> Math.pow(x, y);
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case RELU_BACKWARD -> y <= 0 ? 0 : x;
        };
    }

    static boolean apply(CompareKernel f, double x, double y) {
        return switch (f) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    private static float apply(BinaryKernel f, float x, float y) {
        return switch (f) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            default -> (float) apply(f, (double) x, (double) y);
        };
    }

    static int[] randomDims(Random random) {
        int[] dims = new int[random.nextInt(5)];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = 1 + random.nextInt(random.nextInt(4) == 0 ? 1 : 6);
        }
        return dims;
    }

    /** A shape that broadcasts to dims: fewer leading dims, some sizes replaced by 1. */
    static int[] broadcastSource(Random random, int[] dims) {
        int rank = dims.length - random.nextInt(dims.length + 1);
        int[] source = new int[rank];
        for (int d = 0; d < rank; d++) {
            source[d] = random.nextInt(3) == 0 ? 1 : dims[dims.length - rank + d];
        }
        return source;
    }

    /** Strides of a row-major source shape read at the output's indices (0 where broadcast). */
    static int[] broadcastStrides(int[] source, int[] dims) {
        int[] strides = new int[dims.length];
        int stride = 1;
        for (int sd = source.length - 1; sd >= 0; sd--) {
            strides[dims.length - source.length + sd] = source[sd] == 1 ? 0 : stride;
            stride *= source[sd];
        }
        return strides;
    }

    static int numel(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    static int dot(int[] index, int[] strides) {
        int s = 0;
        for (int d = 0; d < index.length; d++) {
            s += index[d] * strides[d];
        }
        return s;
    }

    static void increment(int[] index, int[] dims) {
        for (int d = dims.length - 1; d >= 0; d--) {
            if (++index[d] < dims[d]) {
                return;
            }
            index[d] = 0;
        }
    }

    private static float[] toFloats(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }
}

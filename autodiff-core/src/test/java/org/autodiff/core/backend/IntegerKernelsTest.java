package org.autodiff.core.backend;

import static org.autodiff.core.backend.JavaBackendElementwiseTest.broadcastSource;
import static org.autodiff.core.backend.JavaBackendElementwiseTest.broadcastStrides;
import static org.autodiff.core.backend.JavaBackendElementwiseTest.dot;
import static org.autodiff.core.backend.JavaBackendElementwiseTest.increment;
import static org.autodiff.core.backend.JavaBackendElementwiseTest.numel;
import static org.autodiff.core.backend.JavaBackendElementwiseTest.randomDims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The int64 and bool kernels against a plain multi-index loop, on random broadcast shapes and
 * values near 2^62, where a detour through double would lose the low bits; and the conversions
 * between the four storage types at their edges.
 */
class IntegerKernelsTest {

    /** Values whose sums and products exceed 2^53, so that any rounding through double shows. */
    private static long[] bigLongs(Random random, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(3) == 0 ? random.nextInt(5) - 2 : (1L << 60) + random.nextInt(1000) - 500;
        }
        return v;
    }

    @Property(tries = 200)
    void broadcastArithmeticAndComparisonsAreExact(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int[] dims = randomDims(random);
        int[] aDims = broadcastSource(random, dims), bDims = broadcastSource(random, dims);
        int[] as = broadcastStrides(aDims, dims), bs = broadcastStrides(bDims, dims);
        long[] a = bigLongs(random, numel(aDims)), b = bigLongs(random, numel(bDims));
        BinaryKernel[] kernels = {BinaryKernel.ADD, BinaryKernel.SUB, BinaryKernel.MUL, BinaryKernel.MAXIMUM,
                BinaryKernel.MINIMUM};
        for (BinaryKernel f : kernels) {
            long[] out = new long[numel(dims)];
            IntegerKernels.binary(f, a, as, b, bs, out, dims);
            int[] index = new int[dims.length];
            for (int i = 0; i < out.length; i++) {
                long x = a[dot(index, as)], y = b[dot(index, bs)];
                long expected = switch (f) {
                    case ADD -> x + y;
                    case SUB -> x - y;
                    case MUL -> x * y;
                    case MAXIMUM -> Math.max(x, y);
                    default -> Math.min(x, y);
                };
                assertEquals(expected, out[i], f + " at " + i);
                increment(index, dims);
            }
        }
        for (CompareKernel f : CompareKernel.values()) {
            boolean[] out = new boolean[numel(dims)];
            IntegerKernels.compare(f, a, as, b, bs, out, dims);
            int[] index = new int[dims.length];
            for (int i = 0; i < out.length; i++) {
                long x = a[dot(index, as)], y = b[dot(index, bs)];
                boolean expected = switch (f) {
                    case EQ -> x == y;
                    case NE -> x != y;
                    case LT -> x < y;
                    case LE -> x <= y;
                    case GT -> x > y;
                    case GE -> x >= y;
                };
                assertEquals(expected, out[i], f + " at " + i);
                increment(index, dims);
            }
        }
    }

    @Property(tries = 200)
    void boolArithmeticIsOrAndAnd(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int[] dims = randomDims(random);
        int[] aDims = broadcastSource(random, dims), bDims = broadcastSource(random, dims);
        int[] as = broadcastStrides(aDims, dims), bs = broadcastStrides(bDims, dims);
        boolean[] a = new boolean[numel(aDims)], b = new boolean[numel(bDims)];
        for (int i = 0; i < a.length; i++) a[i] = random.nextBoolean();
        for (int i = 0; i < b.length; i++) b[i] = random.nextBoolean();
        for (BinaryKernel f : new BinaryKernel[] {BinaryKernel.ADD, BinaryKernel.MUL, BinaryKernel.MAXIMUM, BinaryKernel.MINIMUM}) {
            boolean[] out = new boolean[numel(dims)];
            IntegerKernels.binary(f, a, as, b, bs, out, dims);
            int[] index = new int[dims.length];
            for (int i = 0; i < out.length; i++) {
                boolean x = a[dot(index, as)], y = b[dot(index, bs)];
                boolean or = f == BinaryKernel.ADD || f == BinaryKernel.MAXIMUM;
                assertEquals(or ? x | y : x & y, out[i], f + " at " + i);
                increment(index, dims);
            }
        }
    }

    @Property(tries = 200)
    void whereSelectsByTheBroadcastCondition(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random random = new Random(seed);
        int[] dims = randomDims(random);
        int[] cDims = broadcastSource(random, dims), aDims = broadcastSource(random, dims), bDims = broadcastSource(random, dims);
        int[] cs = broadcastStrides(cDims, dims), as = broadcastStrides(aDims, dims), bs = broadcastStrides(bDims, dims);
        boolean[] cond = new boolean[numel(cDims)];
        for (int i = 0; i < cond.length; i++) cond[i] = random.nextBoolean();
        long[] a = bigLongs(random, numel(aDims)), b = bigLongs(random, numel(bDims)), out = new long[numel(dims)];
        IntegerKernels.where(cond, cs, a, as, b, bs, out, dims);
        int[] index = new int[dims.length];
        for (int i = 0; i < out.length; i++) {
            assertEquals(cond[dot(index, cs)] ? a[dot(index, as)] : b[dot(index, bs)], out[i], "where at " + i);
            increment(index, dims);
        }
    }

    @Property(tries = 200)
    void reductionsAreExactAndArgReduceFindsTheFirstExtreme(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
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
        long[] x = bigLongs(random, numel(dims));
        for (ReduceKernel f : ReduceKernel.values()) {
            long[] expected = new long[outSize];
            Arrays.fill(expected, f == ReduceKernel.SUM ? 0 : f == ReduceKernel.MAX ? Long.MIN_VALUE : Long.MAX_VALUE);
            int[] index = new int[dims.length];
            for (long v : x) {
                int o = dot(index, outStrides);
                expected[o] = f == ReduceKernel.SUM ? expected[o] + v
                        : f == ReduceKernel.MAX ? Math.max(expected[o], v) : Math.min(expected[o], v);
                increment(index, dims);
            }
            long[] out = new long[outSize];
            IntegerKernels.reduce(f, x, dims, reduced, out);
            assertArrayEquals(expected, out, f + " of " + Arrays.toString(dims) + " over " + Arrays.toString(reduced));
        }
        if (dims.length > 0) {
            int dim = random.nextInt(dims.length);
            int[] idx = IntegerKernels.argReduce(true, x, dims, dim);
            int inner = 1;
            for (int d = dim + 1; d < dims.length; d++) inner *= dims[d];
            for (int k = 0; k < idx.length; k++) {
                int base = (k / inner) * dims[dim] * inner + k % inner, best = base;
                for (int j = 1; j < dims[dim]; j++) {
                    if (x[base + j * inner] > x[best]) best = base + j * inner;
                }
                assertEquals(best, idx[k], "argmax along " + dim + " of " + Arrays.toString(dims) + " at " + k);
            }
        }
    }

    @Test
    void takeAndPutFollowTheMap() {
        long[] x = {10, 20, 30};
        long[] taken = new long[4];
        IntegerKernels.take(x, new int[] {2, -1, 0, 2}, 7, taken);
        assertArrayEquals(new long[] {30, 7, 10, 30}, taken);
        long[] sums = new long[3];
        IntegerKernels.put(new long[] {1, 2, 3, 4}, new int[] {2, -1, 0, 2}, sums);
        assertArrayEquals(new long[] {3, 0, 5}, sums);
        boolean[] mask = new boolean[3];
        IntegerKernels.take(new boolean[] {true, false}, new int[] {1, -1, 0}, true, mask);
        assertArrayEquals(new boolean[] {false, true, true}, mask);
        boolean[] any = new boolean[2];
        IntegerKernels.put(new boolean[] {false, true, false}, new int[] {0, 1, 1}, any);
        assertArrayEquals(new boolean[] {false, true}, any);
    }

    @Test
    void int64ArithmeticWrapsAroundAsPyTorchDoes() {
        long[] out = new long[1];
        IntegerKernels.binary(BinaryKernel.ADD, new long[] {1L << 62}, new int[0], new long[] {1L << 62}, new int[0], out,
                new int[0]);
        assertEquals(Long.MIN_VALUE, out[0]);
    }

    @Test
    void conversionsFollowPyTorchAtTheEdges() {
        double nan = Double.NaN;
        // Truncation toward zero; NaN, infinities and out-of-range values give int64's minimum (x86-64 C casts).
        assertArrayEquals(new long[] {2, -2, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE},
                Conversions.toLongs(new double[] {2.7, -2.7, nan, Double.POSITIVE_INFINITY, -1e300, 0x1p63, -0x1p63}));
        assertArrayEquals(new long[] {2, Long.MIN_VALUE}, Conversions.toLongs(new float[] {2.99f, Float.NaN}));
        assertArrayEquals(new boolean[] {true, false, true, true}, Conversions.toBooleans(new double[] {nan, 0.0, -0.5, 3}));
        assertArrayEquals(new boolean[] {false, true}, Conversions.toBooleans(new long[] {0, -7}));
        assertArrayEquals(new double[] {1, 0}, Conversions.toDoubles(new boolean[] {true, false}));
        assertArrayEquals(new long[] {1, 0}, Conversions.toLongs(new boolean[] {true, false}));
        // int64 to floating point rounds once, to the nearest value: 2^53 + 1 is not a double.
        long big = (1L << 53) + 1;
        assertArrayEquals(new double[] {0x1p53}, Conversions.toDoubles(new long[] {big}));
        // 2^24 + 1 rounds to 2^24 in float32, and 2^60 + 2^36 + 1 rounds up (directly, not through double).
        assertArrayEquals(new float[] {0x1p24f, 0x1p60f + 0x1p37f},
                Conversions.toFloats(new long[] {(1L << 24) + 1, (1L << 60) + (1L << 36) + 1}));
        long[] source = {5};
        long[] copy = Conversions.toLongs(source);
        copy[0] = 6;
        assertEquals(5, source[0], "a conversion to the same type still copies");
    }
}

package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Sizes computed from arguments never wrap around: each op that asks for a tensor no Java array
 * (or no heap) can hold says which op and which sizes, before allocating anything, and index
 * arithmetic with huge strides, paddings and dilations gives the right elements.
 */
class SizeOverflowTest {
    private static <T extends Throwable> T assertRejected(Class<T> type, Executable f, String... fragments) {
        T e = assertThrows(type, f);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "message lacks '" + fragment + "': " + e.getMessage());
        }
        return e;
    }

    @Test
    void factoriesRefuseMoreElementsThanAnArrayHolds() {
        assertRejected(TensorTooLargeException.class, () -> Tensor.arange(0, 1e10, 1), "arange", "1.00000e+10");
        assertRejected(TensorTooLargeException.class, () -> Tensor.arange(DType.INT64, 0, 1e300, 1e-300), "arange");
        assertRejected(TensorTooLargeException.class, () -> Tensor.linspace(0, 1, Integer.MAX_VALUE), "linspace",
                "2147483647");
        assertRejected(TensorTooLargeException.class, () -> Tensor.eye(1 << 16), "eye", "65536, 65536");
        assertRejected(TensorTooLargeException.class, () -> Tensor.zeros(1 << 16, 1 << 16), "[65536, 65536]");
        assertRejected(TensorTooLargeException.class, () -> Tensor.randn(1 << 16, 1 << 16), "[65536, 65536]");
    }

    @Test
    void factoriesRefuseWhatTheHeapCanNeverHold() {
        long max = Runtime.getRuntime().maxMemory();
        // float64 values plus their double staging copy: 16 bytes each.
        int n = Shape.MAX_NUMEL;
        assumeTrue(16L * n > max, "a heap above 32 GiB holds these");
        assertRejected(TensorTooLargeException.class, () -> Tensor.linspace(DType.FLOAT64, 0, 1, n), "linspace",
                "Java heap", "-Xmx");
        assertRejected(TensorTooLargeException.class, () -> Tensor.zeros(DType.FLOAT64, n), "empty", "Java heap");
    }

    @Test
    void expandPastTheLimitsNamesTheOpAndTheSizes() {
        Tensor one = Tensor.ones(1, 1);
        assertRejected(TensorTooLargeException.class, () -> one.expand(1 << 16, 1 << 16), "expand", "[65536, 65536]");
        // Below that limit an expand is a view and needs no heap: ViewsTest expands to 2^30 elements.
    }

    @Test
    void broadcastingPastTheLimitNamesTheOp() {
        assertRejected(TensorTooLargeException.class, () -> Tensor.zeros(1 << 16, 1).add(Tensor.zeros(1, 1 << 16)), "add",
                "[65536, 65536]");
        assertRejected(TensorTooLargeException.class, () -> Tensor.zeros(1 << 16, 0).matmul(Tensor.zeros(0, 1 << 16)),
                "matmul", "[65536, 65536]");
    }

    @Test
    void hugePaddingIsRefusedNotWrapped() {
        Tensor x = Tensor.ones(2, 2);
        assertRejected(TensorTooLargeException.class, () -> x.pad(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}, 0), "pad",
                "4294967296");
        assertRejected(TensorTooLargeException.class, () -> x.pad(new int[] {1 << 30, 1 << 30}, 0), "pad");
    }

    @Test
    void catPastIntegerMaxValueIsRefused() {
        Tensor empty = Tensor.zeros(0, 1 << 30);
        assertRejected(TensorTooLargeException.class, () -> Tensor.cat(1, empty, empty, empty), "cat", "3221225472");
    }

    @Test
    void convolutionAndPoolingSizesAreComputedWithoutOverflow() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor w = Tensor.of(new double[] {10}, 1, 1, 1, 1);
        assertRejected(TensorTooLargeException.class, () -> x.conv2d(w, null, 1, 1 << 30, 1, 1), "conv2d", "padding 1073741824");
        Tensor w3 = Tensor.ones(DType.FLOAT64, 1, 1, 3, 3);
        // dilation·(kernel − 1) + 1 = 2^31 + 1: the kernel does not fit.
        assertRejected(IllegalArgumentException.class, () -> x.conv2d(w3, null, 1, 0, 1 << 30, 1), "conv2d", "does not fit");
        assertRejected(TensorTooLargeException.class, () -> x.maxPool2d(1 << 16, 1, 0).sum(), "maxPool2d");

        // Padding and stride of 2^30: output rows read input rows p·2^30 − 2^30, so only the
        // centre (p = q = 1) reads a pixel, x[0, 0]; the products pass 2^31 on the way.
        Tensor y = x.conv2d(w, null, 1 << 30, 1 << 30, 1, 1);
        assertArrayEquals(new int[] {1, 1, 3, 3}, y.shape().dims());
        assertArrayEquals(new double[] {0, 0, 0, 0, 10, 0, 0, 0, 0}, y.toDoubleArray());
        Tensor big = Tensor.arange(DType.FLOAT64, 0, 16, 1).reshape(1, 1, 4, 4);
        Tensor pooled = big.maxPool2d(2, Integer.MAX_VALUE, 1);
        assertArrayEquals(new double[] {0}, pooled.toDoubleArray());
    }

    @Test
    void sliceWithAHugeStepTakesOneElement() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 5, 1);
        assertArrayEquals(new double[] {1}, x.slice(0, 1, 5, Integer.MAX_VALUE).toDoubleArray());
    }

    @Test
    void reshapeProductsDoNotWrapToAValidSize() {
        Tensor empty = Tensor.zeros(0);
        // 2^64 wraps to 0 in long arithmetic, which would match the 0 elements.
        assertRejected(IllegalArgumentException.class, () -> empty.reshape(65536, 65536, 65536, 65536), "reshape",
                "invalid for a tensor of 0 elements");
    }

    @Test
    void checkedArithmeticSaturates() {
        assertEquals(Long.MAX_VALUE, Shape.multiply(1L << 32, 1L << 32));
        assertEquals(Long.MAX_VALUE, Shape.multiply(Long.MAX_VALUE, 2));
        assertEquals(6, Shape.multiply(2, 3));
        assertEquals(0, Shape.multiply(0, Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, Shape.add(Long.MAX_VALUE, 1));
        assertEquals(5, Shape.add(2, 3));
        assertRejected(TensorTooLargeException.class, () -> Shape.of("op", 0, 1L << 40), "op", "1099511627776");
        assertEquals(0, Shape.of("op", 0, 5).numel());
    }
}

package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Empty and degenerate inputs are accepted or refused exactly where PyTorch 1.13 accepts or refuses them. */
class EmptyInputTest {
    private static void assertRejected(Executable f, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, f);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "message lacks '" + fragment + "': " + e.getMessage());
        }
    }

    @Test
    void poolingOverAZeroSizeSpatialDimRaises() {
        // torch.max_pool2d(torch.zeros(1, 1, 0, 4), 2, 2, 1) raises; without the check the padding
        // made a window of only padding, and max returned -inf, avg 0.
        Tensor noRows = Tensor.zeros(DType.FLOAT64, 1, 1, 0, 4);
        assertRejected(() -> noRows.maxPool2d(2, 2, 1), "maxPool2d", "[1, 1, 0, 4]");
        assertRejected(() -> noRows.avgPool2d(2, 2, 1), "avgPool2d", "[1, 1, 0, 4]");
        assertRejected(() -> Tensor.zeros(1, 1, 4, 0).maxPool2d(1, 1, 0), "maxPool2d");
        assertRejected(() -> Tensor.zeros(1, 0, 4, 4).avgPool2d(2, 2, 0), "avgPool2d", "[1, 0, 4, 4]");
        // An empty batch is fine, as in PyTorch: the result is empty too.
        assertArrayEquals(new int[] {0, 1, 2, 2}, Tensor.zeros(0, 1, 4, 4).maxPool2d(2, 2, 0).shape().dims());
    }

    @Test
    void conv2dWithAZeroSizeWeightRaises() {
        Tensor x = Tensor.ones(DType.FLOAT64, 1, 2, 3, 3);
        assertRejected(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 0, 2, 1, 1), null, 1, 0, 1, 1), "conv2d",
                "[0, 2, 1, 1]", "no elements");
        assertRejected(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 1, 2, 0, 1), null, 1, 1, 1, 1), "conv2d", "[1, 2, 0, 1]");
        // An empty batch with a proper weight gives an empty result, as in PyTorch.
        Tensor y = Tensor.zeros(DType.FLOAT64, 0, 2, 3, 3).conv2d(Tensor.ones(DType.FLOAT64, 4, 2, 2, 2), null, 1, 0, 1, 1);
        assertArrayEquals(new int[] {0, 4, 2, 2}, y.shape().dims());
    }

    @Test
    void reductionsOverAnEmptyListOfDimsReduceEverything() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 7}, 2, 3);
        int[] none = new int[0];
        assertEquals(22.0, x.sum(none, false).item());
        assertArrayEquals(new int[0], x.sum(none, false).shape().dims());
        assertArrayEquals(new int[] {1, 1}, x.sum(none, true).shape().dims());
        assertEquals(22.0 / 6, x.mean(none, false).item(), 1e-15);
        assertEquals(x.var().item(), x.var(none, 1, false).item(), 1e-15);
        assertEquals(x.std().item(), x.std(none, 1, false).item(), 1e-15);
        assertEquals(x.norm().item(), x.norm(2, none, false).item(), 1e-15);
        // Gradients flow to every element.
        Tensor leaf = x.detach().requiresGrad(true);
        leaf.mean(none, false).backward();
        assertArrayEquals(new double[] {1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0, 1 / 6.0}, leaf.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void arangeWithAStepOfTheWrongSignRaises() {
        assertRejected(() -> Tensor.arange(0, 5, -1), "arange", "inconsistent with step sign");
        assertRejected(() -> Tensor.arange(5, 0, 1), "arange", "inconsistent with step sign");
        // Equal bounds are an empty range for either sign, as in PyTorch.
        assertEquals(0, Tensor.arange(3, 3, 1).numel());
        assertEquals(0, Tensor.arange(3, 3, -1).numel());
        assertArrayEquals(new double[] {5, 3, 1}, Tensor.arange(DType.FLOAT64, 5, 0, -2).toDoubleArray());
    }
}

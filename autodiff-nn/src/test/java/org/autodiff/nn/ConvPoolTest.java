package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

/** Shapes, initialisation and bad input of Conv1d and the pooling modules (their values are in LayerGoldenTest). */
class ConvPoolTest {
    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should mention " + part);
        }
    }

    @Test
    void conv1dIsInitialisedAsPyTorchWithFanInOfChannelsTimesKernel() {
        Conv1d conv = new Conv1d(6, 8, 5, 1, 0, 1, 2, true, DType.FLOAT64, new Generator(2));
        assertEquals(Shape.of(8, 3, 5), conv.weight().shape());
        assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
        double bound = 1 / Math.sqrt(3 * 5);
        double max = 0;
        for (double v : conv.weight().toDoubleArray()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.8 * bound, "max " + max + " bound " + bound);
        for (double v : conv.bias().toDoubleArray()) {
            assertTrue(Math.abs(v) <= bound);
        }
        assertEquals(DType.FLOAT32, new Conv1d(1, 1, 1).weight().dtype());
    }

    @Test
    void conv1dRejectsBadInput() {
        Conv1d conv = new Conv1d(3, 4, 5, 1, 1, 1, 1, true, DType.FLOAT32, new Generator(1));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 2, 9))), "Conv1d",
                "[2, 2, 9]", "[N, 3, L]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(2, 3, 2))), "Conv1d",
                "[2, 3, 2]", "span 5");
        assertEquals(Shape.of(2, 4, 1), conv.forward(Tensor.zeros(2, 3, 3)).shape(), "length 3 + 2·1 padding fits span 5 once");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new Conv1d(3, 4, 2, 1, 0, 1, 2, true,
                DType.FLOAT32, new Generator(1))), "Conv1d", "groups=2");
    }

    @Test
    void poolingModulesRejectBadInput() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(2, 2, 2, true, null)), "AvgPool2d",
                "padding=2");
        AvgPool2d pool = new AvgPool2d(3);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> pool.forward(Tensor.zeros(1, 1, 2, 5))),
                "AvgPool2d", "[1, 1, 2, 5]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> pool.forward(Tensor.zeros(4, 4))), "AvgPool2d",
                "[4, 4]");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(0, 2)), "AdaptiveAvgPool2d");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveAvgPool2d(2).forward(Tensor.zeros(2, 3))), "AdaptiveAvgPool2d", "[2, 3]");
        assertEquals(Shape.of(2, 3, 1, 1), new AdaptiveAvgPool2d(1).forward(Tensor.zeros(2, 3, 5, 7)).shape());
        assertEquals(DType.FLOAT32, new AdaptiveAvgPool2d(2).forward(Tensor.zeros(1, 1, 5, 7)).dtype());
    }
}

package org.autodiff.bench;

import java.util.List;
import org.autodiff.core.Tensor;

/**
 * A small convolutional net for 8×8 single-channel digits, from core tensor ops:
 * conv 1→8 (3×3, pad 1), relu, max-pool 2, conv 8→16 (3×3, pad 1), relu, max-pool 2,
 * flatten to 64, linear to 10 logits. Float32; weights uniform in ±1/√fanIn.
 */
final class SmallCnn {
    static final int CLASSES = 10;

    private final Tensor conv1 = weight(30, 1 * 9, 8, 1, 3, 3);
    private final Tensor bias1 = weight(31, 1 * 9, 8);
    private final Tensor conv2 = weight(32, 8 * 9, 16, 8, 3, 3);
    private final Tensor bias2 = weight(33, 8 * 9, 16);
    private final Tensor linear = weight(34, 64, 64, CLASSES);
    private final Tensor bias3 = weight(35, 64, CLASSES);

    private static Tensor weight(long seed, int fanIn, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return Tensor.of(BenchData.uniform(seed, n, 1 / Math.sqrt(fanIn)), shape).requiresGrad(true);
    }

    /** The logits of a [batch, 1, 8, 8] input. */
    Tensor forward(Tensor x) {
        Tensor h = x.conv2d(conv1, bias1, 1, 1, 1, 1).relu().maxPool2d(2, 2, 0);
        h = h.conv2d(conv2, bias2, 1, 1, 1, 1).relu().maxPool2d(2, 2, 0);
        return h.reshape(x.size(0), 64).matmul(linear).add(bias3);
    }

    List<Tensor> parameters() {
        return List.of(conv1, bias1, conv2, bias2, linear, bias3);
    }
}

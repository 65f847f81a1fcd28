package org.autodiff.nn;

import java.util.Objects;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * 2-d adaptive average pooling, like PyTorch's {@code nn.AdaptiveAvgPool2d}: [N, C, H, W] (or
 * unbatched [C, H, W]) becomes [N, C, outH, outW], output row i averaging input rows
 * ⌊i·H/outH⌋ to ⌈(i+1)·H/outH⌉ − 1 (windows may overlap), and likewise for columns.
 *
 * <p>Windows are rectangles, so the pooling is separable: {@code y = Pₕ · x · Pᵥᵀ} with a constant
 * averaging matrix per axis, two matmuls whose gradients and forward-mode rules are matmul's.
 */
public final class AdaptiveAvgPool2d extends Module {
    private final int outHeight;
    private final int outWidth;

    /**
     * A square output of side {@code outputSize}.
     *
     * @param outputSize the output's height and width
     */
    public AdaptiveAvgPool2d(int outputSize) {
        this(outputSize, outputSize);
    }

    /**
     * An output of {@code outHeight} × {@code outWidth}.
     *
     * @param outHeight the output's height (positive)
     * @param outWidth the output's width (positive)
     */
    public AdaptiveAvgPool2d(int outHeight, int outWidth) {
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d: output size must be positive, got (" + outHeight + ", "
                    + outWidth + ")");
        }
        this.outHeight = outHeight;
        this.outWidth = outWidth;
    }

    @Override
    public Tensor forward(Tensor input) {
        Objects.requireNonNull(input, "AdaptiveAvgPool2d.forward: input is null");
        return AvgPool2d.poolImages("AdaptiveAvgPool2d", input, 1, 1, x -> {
            Tensor rows = averaging(outHeight, x.size(2), x);
            Tensor columns = averaging(outWidth, x.size(3), x).transpose(0, 1);
            return rows.matmul(x.matmul(columns));
        });
    }

    /** The [out, in] matrix whose row i averages PyTorch's window i of an axis of length {@code in}. */
    private static Tensor averaging(int out, int in, Tensor like) {
        Shape.requireHeapFor("AdaptiveAvgPool2d", Shape.of("AdaptiveAvgPool2d", out, in), Double.BYTES);
        double[] m = new double[out * in];
        for (int i = 0; i < out; i++) {
            int start = (int) ((long) i * in / out);
            int end = (int) (((long) (i + 1) * in + out - 1) / out);
            for (int j = start; j < end; j++) {
                m[i * in + j] = 1.0 / (end - start);
            }
        }
        return Tensor.of(m, out, in).to(like.dtype());
    }

    @Override
    protected String extraRepr() {
        return "outputSize=(" + outHeight + ", " + outWidth + ")";
    }
}

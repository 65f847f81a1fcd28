package org.autodiff.core.ops;

import java.util.Objects;
import org.autodiff.core.Primitive;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Window;

/**
 * Convolution and pooling over NCHW images, composed from unfold (im2col) and matmul or a
 * reduction. Unfold and its adjoint fold (col2im) are primitives with a kernel each; everything
 * else has its gradients, JVPs and higher derivatives from the ops it is made of.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * {@code F.conv2d(x, weight, bias, stride, padding, dilation, groups)} with x [N, C, H, W], weight [O, C/groups,
     * kh, kw].
     *
     * @param x the images, [N, C, H, W]
     * @param weight the filters, [O, C/groups, kh, kw]
     * @param bias one value per output channel, or null
     * @param stride the step between windows
     * @param padding the zeros added on each side of H and W
     * @param dilation the spacing between kernel taps
     * @param groups how many groups the channels are split into
     * @return the feature maps, [N, O, H', W']
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        Objects.requireNonNull(x, "conv2d: x is null");
        Objects.requireNonNull(weight, "conv2d: weight is null");
        if (x.dim() == 3) {
            // Unbatched [C, H, W], as PyTorch accepts it: a batch of one.
            return conv2d(x.unsqueeze(0), weight, bias, stride, padding, dilation, groups).squeeze(0);
        }
        requireImage(x, "conv2d");
        Kernels.requireFloatingPoint(weight, "conv2d");
        if (weight.dim() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be 4-d [outChannels, inChannels/groups, kh, kw], got "
                    + weight.shape());
        }
        if (weight.numel() == 0) {
            // PyTorch refuses an empty weight (no output channels or an empty kernel) rather than
            // returning an empty or all-bias result.
            throw new IllegalArgumentException("conv2d: weight of shape " + weight.shape() + " has no elements; "
                    + "every size of [outChannels, inChannels/groups, kh, kw] must be positive");
        }
        checkGeometry("conv2d", stride, padding, dilation);
        if (x.size(2) == 0 || x.size(3) == 0) {
            throw new IllegalArgumentException("conv2d: input of shape " + x.shape() + " has a zero-size spatial dim; as in "
                    + "PyTorch, only the batch or the channels may be empty");
        }
        int n = x.size(0), c = x.size(1), o = weight.size(0), kh = weight.size(2), kw = weight.size(3);
        if (groups < 1 || c % groups != 0 || o % groups != 0) {
            throw new IllegalArgumentException("conv2d: groups = " + groups + " must divide both the input channels (" + c
                    + ") and the output channels (" + o + ")");
        }
        if (weight.size(1) * groups != c) {
            throw new IllegalArgumentException("conv2d: input of shape " + x.shape() + " has " + c + " channels, but weight "
                    + "of shape " + weight.shape() + " expects " + weight.size(1) * groups + " (= " + weight.size(1)
                    + " × groups " + groups + ")");
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != o)) {
            throw new IllegalArgumentException("conv2d: bias must have shape [" + o + "], got " + bias.shape());
        }
        int outH = outSize("conv2d", x.size(2), kh, stride, padding, dilation);
        int outW = outSize("conv2d", x.size(3), kw, stride, padding, dilation);
        // The images' columns lie side by side in blocks of up to 2^17 elements (a divisor of n
        // images), so each block is one product per group, [O/g, C/g·kh·kw] · [C/g·kh·kw, images·outH·outW]:
        // for small images a few products instead of one per image (64 in the CNN benchmark's step,
        // each a native call with its copies in and out), for large ones a product per image, whose
        // columns stay in the caches between the unfold's write and the product's read (one product
        // for the whole batch made [32, 16, 32, 32]'s forward and backward 6 to 10 ms slower). The
        // result, [blocks, O, perBlock, ...], is put in [N, O, ...] order by the bias add where
        // there is a bias (it reads the permuted view and writes a new tensor).
        Window window = new Window(x.size(2), x.size(3), kh, kw, stride, padding, dilation, outH, outW);
        int positions = Shape.checkedSize("conv2d", "the output positions", (double) outH * outW);
        int perBlock = imagesPerBlock(n, (long) c * kh * kw * positions), blocks = n / perBlock;
        Shape columns = Shape.of("conv2d", blocks, Shape.multiply(Shape.multiply(c, kh), kw), (long) perBlock * positions);
        Shape.requireHeapFor("conv2d", columns, x.dtype().byteSize());
        Tensor cols = new Unfold(window, 0, perBlock, columns).apply(x)
                .reshape(blocks, groups, c / groups * kh * kw, perBlock * positions);
        Tensor w = weight.reshape(1, groups, o / groups, c / groups * kh * kw);
        Tensor y = w.matmul(cols).reshape(blocks, o, perBlock, outH, outW).transpose(1, 2);
        y = bias == null ? y.contiguous() : y.add(bias.reshape(1, 1, o, 1, 1));
        return y.reshape(n, o, outH, outW);
    }

    /**
     * The images side by side in one block of an unfold's columns: the largest divisor of n whose
     * columns take at most 2^17 elements (512 KB in float32, within a core's L2 cache), or 1.
     */
    private static int imagesPerBlock(int n, long columnsPerImage) {
        for (long b = Math.min(n, (1 << 17) / Math.max(1, columnsPerImage)); b > 1; b--) {
            if (n % b == 0) {
                return (int) b;
            }
        }
        return 1;
    }

    /**
     * {@code F.max_pool2d}: padding counts as −∞; the gradient goes to the first maximum of each window.
     *
     * @param x the images, [N, C, H, W]
     * @param kernel the window's height and width
     * @param stride the step between windows
     * @param padding the −∞ added on each side of H and W
     * @return the pooled maps, [N, C, H', W']
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return pool(x, kernel, stride, padding, true);
    }

    /**
     * {@code F.avg_pool2d} with PyTorch's default {@code count_include_pad = true}.
     *
     * @param x the images, [N, C, H, W]
     * @param kernel the window's height and width
     * @param stride the step between windows
     * @param padding the zeros added on each side of H and W
     * @return the pooled maps, [N, C, H', W']
     */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return pool(x, kernel, stride, padding, false);
    }

    private static Tensor pool(Tensor x, int kernel, int stride, int padding, boolean max) {
        String op = max ? "maxPool2d" : "avgPool2d";
        Objects.requireNonNull(x, op + ": x is null");
        if (x.dim() == 3) {
            // Unbatched [C, H, W], as PyTorch accepts it: a batch of one.
            return pool(x.unsqueeze(0), kernel, stride, padding, max).squeeze(0);
        }
        requireImage(x, op);
        if (x.size(1) == 0 || x.size(2) == 0 || x.size(3) == 0) {
            // As PyTorch: only the batch may be empty; an empty window has no max or mean.
            throw new IllegalArgumentException(op + ": input of shape " + x.shape() + " has a zero-size channel or spatial "
                    + "dim; expected [N, C, H, W] with C, H and W non-zero (N may be 0)");
        }
        checkGeometry(op, stride, padding, 1);
        if (kernel < 1 || padding > kernel / 2) {
            throw new IllegalArgumentException(op + ": kernel size " + kernel + " must be positive and padding " + padding
                    + " at most half of it");
        }
        int n = x.size(0), c = x.size(1);
        Shape.checkedSize(op, "the window of " + kernel + "×" + kernel + " elements", (double) kernel * kernel);
        int outH = outSize(op, x.size(2), kernel, stride, padding, 1);
        int outW = outSize(op, x.size(3), kernel, stride, padding, 1);
        Window window = new Window(x.size(2), x.size(3), kernel, kernel, stride, padding, 1, outH, outW);
        Shape columns = Shape.of(op, n, Shape.multiply(c, Shape.multiply(kernel, kernel)), Shape.multiply(outH, outW));
        Shape.requireHeapFor(op, columns, x.dtype().byteSize());
        Tensor windows = new Unfold(window, max ? Double.NEGATIVE_INFINITY : 0, 1, columns).apply(x)
                .reshape(n, c, kernel * kernel, outH * outW);
        Tensor y = max ? windows.max(2, false) : windows.mean(2, false);
        return y.reshape(n, c, outH, outW);
    }

    /**
     * im2col, one kernel each way (PyTorch's {@code im2col} and {@code col2im}): y = the columns
     * of x's windows, {@code fill} where a tap falls in the padding (0 for a convolution, −∞ for
     * a max pool), laid out in blocks of {@code perBlock} images side by side, each
     * [C·kh·kw, perBlock·positions] (see {@code Backend.unfold}; with 1 it is {@code F.unfold}'s
     * [N, C·kh·kw, positions]);
     * x̄ = {@link Fold}(ḡ), each column element added back where it was read;  ẏ = the columns of
     * ẋ's windows, 0 in the padding (the fill is a constant).
     */
    static final class Unfold extends Primitive {
        private final Window window;
        private final double fill;
        private final int perBlock;
        private final Shape outShape;

        Unfold(Window window, double fill, int perBlock, Shape outShape) {
            this.window = window;
            this.fill = fill;
            this.perBlock = perBlock;
            this.outShape = outShape;
        }

        @Override
        public String name() {
            return "unfold";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.unfold(x[0], window, fill, perBlock, outShape);
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {new Fold(window, perBlock, input(0).shape()).apply(g)};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return new Unfold(window, 0, perBlock, outShape).apply(t[0]);
        }
    }

    /**
     * col2im, the adjoint of {@link Unfold} with the same layout: y = the column elements summed
     * into the planes they were read from;  x̄ = the columns of ḡ's windows;  ẏ = the fold of ẋ.
     */
    static final class Fold extends Primitive {
        private final Window window;
        private final int perBlock;
        private final Shape outShape;

        Fold(Window window, int perBlock, Shape outShape) {
            this.window = window;
            this.perBlock = perBlock;
            this.outShape = outShape;
        }

        @Override
        public String name() {
            return "fold";
        }

        @Override
        protected Tensor forward(Tensor[] x) {
            return Kernels.fold(x[0], window, perBlock, outShape);
        }

        @Override
        protected Tensor[] vjp(Tensor g) {
            return new Tensor[] {new Unfold(window, 0, perBlock, input(0).shape()).apply(g)};
        }

        @Override
        protected Tensor jvp(Tensor[] t) {
            return new Fold(window, perBlock, outShape).apply(t[0]);
        }
    }

    private static void requireImage(Tensor x, String op) {
        Objects.requireNonNull(x, "input");
        if (x.dim() != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-d [N, C, H, W] or 3-d [C, H, W], got " + x.shape());
        }
        Kernels.requireFloatingPoint(x, op);
    }

    private static void checkGeometry(String op, int stride, int padding, int dilation) {
        if (stride < 1 || padding < 0 || dilation < 1) {
            throw new IllegalArgumentException(op + ": need stride ≥ 1, padding ≥ 0, dilation ≥ 1; got stride " + stride
                    + ", padding " + padding + ", dilation " + dilation);
        }
    }

    /** PyTorch's output size, (size + 2·padding − dilation·(kernel − 1) − 1) / stride + 1, in long arithmetic. */
    private static int outSize(String op, int size, int kernel, int stride, int padding, int dilation) {
        long span = (long) dilation * (kernel - 1) + 1;
        long padded = size + 2L * padding;
        if (padded < span) {
            throw new IllegalArgumentException(op + ": kernel of size " + kernel + " (dilation " + dilation
                    + ") does not fit an input of size " + size + " with padding " + padding);
        }
        return Shape.checkedSize(op, "the output size for an input of size " + size + ", padding " + padding
                + ", kernel " + kernel + ", dilation " + dilation + " and stride " + stride, (padded - span) / stride + 1);
    }
}

package org.autodiff.testkit;

import static org.autodiff.testkit.TensorArbitraries.distinct;
import static org.autodiff.testkit.TensorArbitraries.tensors;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.core.ops.MatrixProducts;
import org.autodiff.core.ops.Normalization;

/** The registry's matmul, linear, layer norm, conv2d and pooling, over random sizes and geometries. */
final class LinearOps {
    private static final Tensor A = Samples.t(Shape.of(2, 3), 0.5, -1.25, 2, 0.75, 1.5, -0.3);

    private LinearOps() {
    }

    static List<OpInfo> entries() {
        return List.of(
                OpInfo.builder("matmul").covers("matmul(Tensor)").float32Tolerance(3e-4)
                        .cases(Arbitraries.oneOf(matmul("vector·vector"), matmul("vector·matrix"), matmul("matrix·vector"),
                                matmul("matrix·matrix"), matmul("batch·matrix"), matmul("vector·batch"),
                                matmul("broadcast batches")))
                        .sample(OpCase.of("matmul with an empty inner dim", in -> in[0].matmul(in[1]),
                                Tensor.wrap(new double[0], Shape.of(2, 0)), Tensor.wrap(new double[0], Shape.of(0, 3))),
                                OpCase.of("matmul of large magnitudes", in -> in[0].matmul(in[1]), A.mul(1e3),
                                        A.transpose(0, 1).mul(-1e3)))
                        .errors(ErrorInput.of("inner dims 3 and 2", IllegalArgumentException.class, () -> A.matmul(A),
                                "matmul", "[2, 3]"))
                        .build(),
                OpInfo.builder("linear").cases(linear()).build(),
                OpInfo.builder("layerNorm").float32Tolerance(3e-4).cases(layerNorm())
                        .errors(ErrorInput.of("x that does not end in normalizedShape", IllegalArgumentException.class,
                                () -> Normalization.layerNorm(A, new int[] {2}, null, null, 1e-5), "layerNorm", "[2, 3]"),
                                ErrorInput.of("a weight of another shape", IllegalArgumentException.class,
                                        () -> Normalization.layerNorm(A, new int[] {3}, Tensor.ones(2), null, 1e-5),
                                        "layerNorm", "weight", "[2]"))
                        .build(),
                OpInfo.builder("conv2d").covers("conv2d(Tensor,Tensor,int,int,int,int)").float32Tolerance(3e-4)
                        .cases(conv2d())
                        .errors(ErrorInput.of("a 2-d input", IllegalArgumentException.class,
                                () -> A.conv2d(Tensor.ones(1, 1, 1, 1), null, 1, 0, 1, 1), "conv2d"))
                        .build(),
                OpInfo.builder("maxPool2d").covers("maxPool2d(int,int,int)").domain(Domain.DISTINCT).firstOrderOnly()
                        .cases(pool(true))
                        .sample(OpCase.of("maxPool2d with a tie in a window", in -> in[0].maxPool2d(2, 2, 0),
                                Samples.t(Shape.of(1, 1, 2, 2), 1, 1, 0.5, -1)).atKink())
                        .errors(ErrorInput.of("kernel size 0", IllegalArgumentException.class,
                                () -> Tensor.ones(1, 1, 4, 4).maxPool2d(0, 1, 0), "maxPool2d", "kernel"),
                                ErrorInput.of("padding above half the kernel", IllegalArgumentException.class,
                                        () -> Tensor.ones(1, 1, 4, 4).maxPool2d(2, 2, 2), "maxPool2d", "padding"))
                        .build(),
                OpInfo.builder("avgPool2d").covers("avgPool2d(int,int,int)").firstOrderOnly().cases(pool(false))
                        .errors(ErrorInput.of("a 2-d input", IllegalArgumentException.class, () -> A.avgPool2d(2, 2, 0),
                                "avgPool2d", "[2, 3]"))
                        .build());
    }

    private static Arbitrary<Integer> size() {
        return Arbitraries.integers().between(1, 3);
    }

    /** matmul of operands of the given shapes, where m, k, n and a batch size b stand for random sizes. */
    private static Arbitrary<OpCase> matmul(String form) {
        return Combinators.combine(size(), size(), size(), Arbitraries.integers().between(2, 3)).flatAs((m, k, n, b) -> {
            Shape[] shapes = switch (form) {
                case "vector·vector" -> new Shape[] {Shape.of(k), Shape.of(k)};
                case "vector·matrix" -> new Shape[] {Shape.of(k), Shape.of(k, n)};
                case "matrix·vector" -> new Shape[] {Shape.of(m, k), Shape.of(k)};
                case "matrix·matrix" -> new Shape[] {Shape.of(m, k), Shape.of(k, n)};
                case "batch·matrix" -> new Shape[] {Shape.of(b, m, k), Shape.of(k, n)};
                case "vector·batch" -> new Shape[] {Shape.of(k), Shape.of(b, k, n)};
                case "broadcast batches" -> new Shape[] {Shape.of(b, 1, m, k), Shape.of(2, k, n)};
                default -> throw new IllegalArgumentException(form);
            };
            return Combinators.combine(tensors(shapes[0]), tensors(shapes[1])).as((x, y) ->
                    OpCase.of("matmul " + form, in -> in[0].matmul(in[1]), x, y));
        });
    }

    /** F.linear: x·wᵀ + b, which reads the weight transposed without copying it. */
    private static Arbitrary<OpCase> linear() {
        return Combinators.combine(size(), size(), size(), Arbitraries.of(true, false)).flatAs((m, k, n, batched) -> {
            Shape xShape = batched ? Shape.of(2, m, k) : Shape.of(m, k);
            return Combinators.combine(tensors(xShape), tensors(Shape.of(n, k)), tensors(Shape.of(n))).as((x, w, b) ->
                    OpCase.of("linear(x " + xShape + ", weight [" + n + ", " + k + "], bias [" + n + "])",
                            in -> MatrixProducts.linear(in[0], in[1], in[2]), x, w, b));
        });
    }

    /**
     * F.layer_norm over one or two trailing dims, with and without weight and bias, eps small and
     * large. x's values are {@link TensorArbitraries#distinct(Shape) distinct}, as for std: where a
     * group's values nearly coincide, the output bends on the scale of √eps (3·10⁻³ for eps
     * 10⁻⁵), and central differences with the default step miss its second derivative by more
     * than the tolerance, while the analytic one still agrees with PyTorch's.
     */
    private static Arbitrary<OpCase> layerNorm() {
        return Combinators.combine(size(), Arbitraries.integers().between(2, 4), Arbitraries.integers().between(1, 2),
                Arbitraries.of(true, false), Arbitraries.of(1e-5, 0.5)).flatAs((m, n, k, affine, eps) -> {
                    int[] normalized = k == 1 ? new int[] {n} : new int[] {2, n};
                    Shape xShape = Shape.of(m, 2, n), affineShape = Shape.of(normalized);
                    String name = "layerNorm(x " + xShape + ", normalizedShape " + affineShape + ", eps " + eps
                            + (affine ? ", weight, bias)" : ")");
                    return Combinators.combine(distinct(xShape), tensors(affineShape), tensors(affineShape)).as((x, w, b) ->
                            affine ? OpCase.of(name, in -> Normalization.layerNorm(in[0], normalized, in[1], in[2], eps), x, w, b)
                                    : OpCase.of(name, in -> Normalization.layerNorm(in[0], normalized, null, null, eps), x));
                });
    }

    /** conv2d with random batch, groups, channels, kernel, stride, padding and dilation, with and without bias. */
    private static Arbitrary<OpCase> conv2d() {
        Arbitrary<int[]> geometry = Arbitraries.integers().between(1, 2).array(int[].class).ofSize(9);
        return Combinators.combine(geometry, Arbitraries.integers().between(0, 1), Arbitraries.of(true, false))
                .flatAs((g, padding, withBias) -> {
                    int n = g[0], groups = g[1], c = groups * g[2], o = groups * g[3], kh = g[4], kw = g[5];
                    int stride = g[6], dilation = g[7], extra = g[8] - 1;
                    int span = dilation * (Math.max(kh, kw) - 1) + 1;
                    int h = Math.max(1, span - 2 * padding) + extra, w = Math.max(1, span - 2 * padding) + 1;
                    String name = String.format("conv2d(x [%d,%d,%d,%d], weight [%d,%d,%d,%d], stride %d, padding %d, "
                            + "dilation %d, groups %d, bias %s)", n, c, h, w, o, c / groups, kh, kw, stride, padding,
                            dilation, groups, withBias);
                    Arbitrary<Tensor> x = tensors(Shape.of(n, c, h, w));
                    Arbitrary<Tensor> weight = tensors(Shape.of(o, c / groups, kh, kw));
                    Arbitrary<Tensor> bias = tensors(Shape.of(o));
                    return Combinators.combine(x, weight, bias).as((xv, wv, bv) -> withBias
                            ? OpCase.of(name, in -> in[0].conv2d(in[1], in[2], stride, padding, dilation, groups), xv, wv, bv)
                            : OpCase.of(name, in -> in[0].conv2d(in[1], null, stride, padding, dilation, groups), xv, wv));
                });
    }

    /** Pooling with a random kernel, stride and padding (at most half the kernel, as PyTorch requires). */
    private static Arbitrary<OpCase> pool(boolean max) {
        return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 2),
                Arbitraries.integers().between(0, 1), size(), size()).flatAs((k, stride, rawPad, extraH, extraW) -> {
                    int padding = Math.min(rawPad, k / 2);
                    Shape shape = Shape.of(1, 2, k + extraH - 1, k + extraW);
                    String name = (max ? "maxPool2d" : "avgPool2d") + "(" + shape + ", kernel " + k + ", stride " + stride
                            + ", padding " + padding + ")";
                    // Distinct values: a tie inside a window is a kink of max.
                    return (max ? distinct(shape) : tensors(shape)).map(x -> OpCase.of(name, in -> max
                            ? in[0].maxPool2d(k, stride, padding) : in[0].avgPool2d(k, stride, padding), x));
                });
    }
}

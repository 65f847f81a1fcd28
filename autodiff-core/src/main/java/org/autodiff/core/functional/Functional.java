package org.autodiff.core.functional;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.autodiff.core.Autograd;
import org.autodiff.core.GradMode;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Derivatives of user functions, as {@code torch.autograd.functional} and {@code torch.func}:
 * gradients, vector-Jacobian and Jacobian-vector products, whole Jacobians and Hessians.
 *
 * <p>Everything here is built from the engine's two modes: reverse ({@link Autograd#grad}) and
 * forward (tangents carried by {@link Tensor#withTangent}). The caller's tensors are never
 * modified and their {@code grad} fields are left alone: each call differentiates with respect to
 * a fresh, detached copy of the point.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3});
 * Tensor g = Functional.grad(t -> t.pow(3).sum(), x);        // 3x²
 * Tensor h = Functional.hessian(t -> t.pow(3).sum(), x);     // diag(6x)
 * }</pre>
 */
public final class Functional {
    private Functional() {
    }

    /** An output and the vector-Jacobian product uᵀ·J at the point. */
    public record Vjp(Tensor output, Tensor grad) {
    }

    /** An output and the Jacobian-vector product J·v at the point. */
    public record Jvp(Tensor output, Tensor tangent) {
    }

    /**
     * ∇f(x) for an f whose output has one element.
     *
     * @param f the function
     * @param x the point
     * @return the gradient, of x's shape
     */
    public static Tensor grad(UnaryOperator<Tensor> f, Tensor x) {
        Objects.requireNonNull(f, "Functional.grad: f is null");
        Objects.requireNonNull(x, "Functional.grad: x is null");
        return gradAll(xs -> f.apply(xs[0]), x)[0];
    }

    /**
     * ∇f with respect to each input, for an f whose output has one element.
     *
     * @param f the function, called with the inputs in order
     * @param inputs the point
     * @return one gradient per input, of its shape
     */
    public static Tensor[] gradAll(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(f, "Functional.gradAll: f is null");
        Tensor[] xs = fresh(inputs);
        Tensor y = recordAll(f, xs);
        if (y.numel() != 1) {
            throw new IllegalArgumentException("grad: the function must return one element, got shape " + y.shape()
                    + "; use vjp or jacobian for other outputs");
        }
        return reverse(y, null, xs, false);
    }

    /**
     * uᵀ·J of f at x, by one reverse pass; u is shaped like f(x).
     *
     * @param f the function
     * @param x the point
     * @param u the cotangent, of f(x)'s shape
     * @return f(x) and uᵀ·J, shaped like x
     */
    public static Vjp vjp(UnaryOperator<Tensor> f, Tensor x, Tensor u) {
        Objects.requireNonNull(f, "Functional.vjp: f is null");
        Objects.requireNonNull(u, "u");
        Tensor xr = fresh(x);
        Tensor y = record(f, xr);
        if (!u.shape().equals(y.shape())) {
            throw new IllegalArgumentException("vjp: u has shape " + u.shape() + " but f(x) has shape " + y.shape());
        }
        return new Vjp(y.detach(), reverse(y, u, new Tensor[] {xr}, false)[0]);
    }

    /**
     * J·v of f at x, by one forward pass carrying the tangent v; v is shaped like x.
     *
     * @param f the function
     * @param x the point
     * @param v the tangent, of x's shape
     * @return f(x) and J·v, shaped like f(x)
     */
    public static Jvp jvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        Objects.requireNonNull(f, "Functional.jvp: f is null");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(v, "v");
        Tensor y = Objects.requireNonNull(f.apply(x.detach().withTangent(v)), "the function returned null");
        Tensor t = y.tangent() != null ? y.tangent().detach() : Tensor.zerosLike(y);
        return new Jvp(y.detach(), t);
    }

    /**
     * The Jacobian of f at x, one row per output element by reverse mode; shape [f(x).shape..., x.shape...].
     *
     * @param f the function
     * @param x the point
     * @return the Jacobian
     */
    public static Tensor jacobian(UnaryOperator<Tensor> f, Tensor x) {
        Objects.requireNonNull(f, "Functional.jacobian: f is null");
        Tensor xr = fresh(x);
        Tensor y = record(f, xr);
        int m = y.numel(), n = x.numel();
        double[] jac = new double[m * n];
        for (int i = 0; i < m; i++) {
            Tensor g = reverse(y, oneHot(y, i), new Tensor[] {xr}, true)[0];
            System.arraycopy(g.toDoubleArray(), 0, jac, i * n, n);
        }
        // In x's dtype, as its gradient rows are and as jacobianForward and PyTorch's jacobian give it.
        return Tensor.wrap(jac, concat(y.shape(), x.shape())).to(x.dtype());
    }

    /**
     * The Jacobian of f at x, one column per input element by forward mode; same shape as {@link #jacobian}.
     *
     * @param f the function
     * @param x the point
     * @return the Jacobian
     */
    public static Tensor jacobianForward(UnaryOperator<Tensor> f, Tensor x) {
        Objects.requireNonNull(f, "Functional.jacobianForward: f is null");
        Objects.requireNonNull(x, "x");
        int n = x.numel();
        double[] jac = null;
        Shape outShape = null;
        for (int j = 0; j < n; j++) {
            Jvp column = jvp(f, x, oneHot(x, j));
            if (jac == null) {
                outShape = column.output().shape();
                jac = new double[outShape.numel() * n];
            }
            double[] c = column.tangent().toDoubleArray();
            for (int i = 0; i < c.length; i++) {
                jac[i * n + j] = c[i];
            }
        }
        if (jac == null) {
            outShape = f.apply(x.detach()).shape();
            jac = new double[0];
        }
        return Tensor.wrap(jac, concat(outShape, x.shape())).to(x.dtype());
    }

    /**
     * H·v for a one-element f at x: forward mode over reverse mode, one pass each.
     *
     * @param f the function
     * @param x the point
     * @param v the direction, of x's shape
     * @return the Hessian-vector product, of x's shape
     */
    public static Tensor hvp(UnaryOperator<Tensor> f, Tensor x, Tensor v) {
        Objects.requireNonNull(f, "Functional.hvp: f is null");
        Objects.requireNonNull(v, "v");
        Tensor xr = fresh(x);
        // The tangent is attached inside the recording too: withTangent is an op and must be on the graph.
        Tensor y = record(t -> f.apply(t.withTangent(v)), xr);
        if (y.numel() != 1) {
            throw new IllegalArgumentException("hessian: the function must return one element, got shape " + y.shape());
        }
        Tensor g = reverse(y, null, new Tensor[] {xr}, false)[0];
        return g.tangent() == null ? Tensor.zerosLike(x) : g.tangent().detach();
    }

    /**
     * The Hessian of a one-element f at x, column by column as H·eⱼ (forward over reverse); shape [x.shape...,
     * x.shape...].
     *
     * @param f the function
     * @param x the point
     * @return the Hessian
     */
    public static Tensor hessian(UnaryOperator<Tensor> f, Tensor x) {
        Objects.requireNonNull(f, "Functional.hessian: f is null");
        Objects.requireNonNull(x, "x");
        int n = x.numel();
        double[] hess = new double[n * n];
        for (int j = 0; j < n; j++) {
            double[] c = hvp(f, x, oneHot(x, j)).toDoubleArray();
            for (int i = 0; i < n; i++) {
                hess[i * n + j] = c[i];
            }
        }
        return Tensor.wrap(hess, concat(x.shape(), x.shape())).to(x.dtype());
    }

    // ---------------------------------------------------------------- helpers

    private static Tensor fresh(Tensor x) {
        return Objects.requireNonNull(x, "x").detach().requiresGrad(true);
    }

    private static Tensor[] fresh(Tensor[] inputs) {
        Objects.requireNonNull(inputs, "inputs");
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = Objects.requireNonNull(inputs[i], "inputs[" + i + "]").detach().requiresGrad(true);
        }
        return xs;
    }

    /**
     * f applied to xs with grad mode on, as {@code torch.autograd.functional} does, so that a
     * caller inside {@code GradMode.noGrad()} still gets derivatives rather than zeros.
     */
    private static Tensor recordAll(Function<Tensor[], Tensor> f, Tensor[] xs) {
        try (var mode = GradMode.enableGrad()) {
            return Objects.requireNonNull(f.apply(xs), "the function returned null");
        }
    }

    private static Tensor record(UnaryOperator<Tensor> f, Tensor x) {
        return recordAll(xs -> f.apply(xs[0]), new Tensor[] {x});
    }

    /**
     * The gradients of y, weighted by u (null for a one-element y), with respect to each of xs; zeros
     * where y does not depend on an input, as {@code torch.autograd.functional} with strict=False,
     * including when y depends on none of them and so has no graph to walk at all.
     */
    private static Tensor[] reverse(Tensor y, Tensor u, Tensor[] xs, boolean retainGraph) {
        Tensor[] grads = y.requiresGrad()
                ? Autograd.grad(new Tensor[] {y}, xs, new Tensor[] {u}, retainGraph, false, true)
                : new Tensor[xs.length];
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null) {
                grads[i] = Tensor.zerosLike(xs[i]);
            }
        }
        return grads;
    }

    private static Tensor oneHot(Tensor like, int flatIndex) {
        double[] e = new double[like.numel()];
        e[flatIndex] = 1;
        return Tensor.wrap(e, like.shape()).to(like.dtype());
    }

    private static Shape concat(Shape a, Shape b) {
        int[] d = new int[a.rank() + b.rank()];
        System.arraycopy(a.dims(), 0, d, 0, a.rank());
        System.arraycopy(b.dims(), 0, d, a.rank(), b.rank());
        return Shape.of(d);
    }
}

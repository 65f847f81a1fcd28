package org.autodiff.core.scalar;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.autodiff.core.autograd.GraphNode;
import org.autodiff.core.autograd.GraphWalker;

/**
 * A node of the scalar reverse-mode engine: a value, the gradient (adjoint) that
 * {@link #backward()} computes for it, and up to two inputs with the local partial
 * derivative of this node with respect to each.
 *
 * <p>Every operation below computes its value and, on the same line, its local partials
 * {@code ∂out/∂input}; backward then only has to add {@code out.grad · ∂out/∂input} into each
 * input's grad. Because contributions are added, a node used along several paths receives
 * the sum over all of them: the total derivative.
 *
 * <pre>{@code
 * Scalar x = Scalar.of(2), y = Scalar.of(3);
 * Scalar z = x.mul(y).add(x.sin());
 * z.backward();
 * x.grad();   // y + cos x
 * }</pre>
 *
 * <p><b>Gradients.</b> A leaf ({@link #of}) accumulates its gradient over backward passes, as in
 * PyTorch: reset it with {@link #zeroGrad()} (per node; a model resets each of its
 * parameters). An interior node's grad holds its adjoint from the latest pass through it.
 *
 * <p><b>Freeing.</b> {@link #backward()} frees the graph it walks: interior nodes drop their
 * inputs and partials, so the memory goes as soon as the caller drops the root. Walking a freed
 * node again throws {@link IllegalStateException}; pass {@code retainGraph = true} to the first
 * backward to differentiate through the same graph twice.
 *
 * <p>Not thread-safe: build and differentiate one graph on one thread.
 */
public final class Scalar extends GraphNode implements Num<Scalar> {

    /** Numbers backward passes, so that an interior adjoint can tell a new pass from the last one. */
    private static final AtomicInteger BACKWARD_PASSES = new AtomicInteger();

    private final String op;
    private final int arity;
    private double value;
    private double grad;
    /** The backward pass that {@link #grad} of an interior node belongs to. */
    private int adjointPass;
    private boolean released;

    private Scalar first;
    private double firstPartial;
    private Scalar second;
    private double secondPartial;

    private Scalar(double value) {
        this.op = "leaf";
        this.arity = 0;
        this.value = value;
    }

    private Scalar(String op, double value, Scalar input, double partial) {
        this.op = op;
        this.arity = 1;
        this.value = value;
        this.first = input;
        this.firstPartial = partial;
    }

    private Scalar(String op, double value,
                   Scalar first, double firstPartial, Scalar second, double secondPartial) {
        this.op = op;
        this.arity = 2;
        this.value = value;
        this.first = first;
        this.firstPartial = firstPartial;
        this.second = second;
        this.secondPartial = secondPartial;
    }

    /**
     * A leaf: an input of the graph, whose gradient backward accumulates.
     *
     * @param value the leaf's value
     * @return a new leaf
     */
    public static Scalar of(double value) {
        return new Scalar(value);
    }

    /**
     * One leaf per value, in order.
     *
     * @param values the leaves' values
     * @return a new list of leaves
     */
    public static List<Scalar> leaves(double... values) {
        requireNonNull(values, "leaves: values is null");
        List<Scalar> leaves = new ArrayList<>(values.length);
        for (double v : values) {
            leaves.add(of(v));
        }
        return leaves;
    }

    @Override
    public double value() {
        return value;
    }

    /**
     * The gradient of the last differentiated root with respect to this node.
     *
     * @return the gradient, 0 before any backward pass reached this node
     */
    public double grad() {
        return grad;
    }

    /**
     * True for a node made by {@link #of}, false for the result of an operation.
     *
     * @return true for a leaf
     */
    public boolean isLeaf() {
        return arity == 0;
    }

    /**
     * Sets a leaf's value, as a gradient-descent step does with a parameter. Only leaves: an
     * interior value is what its inputs computed, and its consumers' partials depend on it.
     *
     * @param value the new value
     */
    public void setValue(double value) {
        if (!isLeaf()) {
            throw new IllegalStateException("setValue: only a leaf's value can be set, this is the result of " + op);
        }
        this.value = value;
    }

    /** Sets this node's gradient to 0; nothing else in the graph is touched. */
    public void zeroGrad() {
        grad = 0;
    }

    /** Computes d this / d node for every node this one depends on, then frees the graph. */
    public void backward() {
        backward(false);
    }

    /**
     * Computes d this / d node for every node this one depends on.
     *
     * @param retainGraph keep the graph's partials, so that backward can walk it again
     * @throws IllegalStateException if an earlier backward freed a node on the way
     */
    public void backward(boolean retainGraph) {
        if (released) {
            throw freedGraph();
        }
        accumulate(1.0, BACKWARD_PASSES.incrementAndGet());
        GraphWalker.backward(this, retainGraph);
    }

    // ---- operations: the value, then the local partials ∂out/∂input ----

    @Override
    public Scalar constant(double value) {
        return of(value);
    }

    @Override
    public Scalar add(Scalar other) {
        requireNonNull(other, "add: other is null");
        return new Scalar("add", value + other.value, this, 1, other, 1);
    }

    @Override
    public Scalar add(double c) {
        return new Scalar("add", value + c, this, 1);
    }

    @Override
    public Scalar sub(Scalar other) {
        requireNonNull(other, "sub: other is null");
        return new Scalar("sub", value - other.value, this, 1, other, -1);
    }

    @Override
    public Scalar sub(double c) {
        return new Scalar("sub", value - c, this, 1);
    }

    @Override
    public Scalar mul(Scalar other) {
        requireNonNull(other, "mul: other is null");
        return new Scalar("mul", value * other.value, this, other.value, other, value);
    }

    @Override
    public Scalar mul(double c) {
        return new Scalar("mul", value * c, this, c);
    }

    @Override
    public Scalar div(Scalar other) {
        requireNonNull(other, "div: other is null");
        double y = other.value;
        return new Scalar("div", value / y, this, 1 / y, other, -value / (y * y));
    }

    @Override
    public Scalar div(double c) {
        return new Scalar("div", value / c, this, 1 / c);
    }

    @Override
    public Scalar neg() {
        return new Scalar("neg", -value, this, -1);
    }

    @Override
    public Scalar pow(double exponent) {
        return new Scalar("pow", Math.pow(value, exponent),
                this, ElementaryFunctions.powerRuleDerivative(value, exponent));
    }

    @Override
    public Scalar pow(Scalar exponent) {
        requireNonNull(exponent, "pow: exponent is null");
        double y = exponent.value;
        double out = Math.pow(value, y);
        return new Scalar("pow", out,
                this, ElementaryFunctions.powerRuleDerivative(value, y),
                exponent, ElementaryFunctions.exponentDerivative(value, y, out));
    }

    @Override
    public Scalar exp() {
        double out = Math.exp(value);
        return new Scalar("exp", out, this, out);
    }

    @Override
    public Scalar log() {
        return new Scalar("log", Math.log(value), this, 1 / value);
    }

    @Override
    public Scalar sqrt() {
        double out = Math.sqrt(value);
        return new Scalar("sqrt", out, this, 0.5 / out);
    }

    @Override
    public Scalar sin() {
        return new Scalar("sin", Math.sin(value), this, Math.cos(value));
    }

    @Override
    public Scalar cos() {
        return new Scalar("cos", Math.cos(value), this, -Math.sin(value));
    }

    @Override
    public Scalar tanh() {
        double out = Math.tanh(value);
        return new Scalar("tanh", out, this, 1 - out * out);
    }

    @Override
    public Scalar sigmoid() {
        double out = ElementaryFunctions.sigmoid(value);
        return new Scalar("sigmoid", out, this, out * (1 - out));
    }

    @Override
    public Scalar relu() {
        // Math.max keeps NaN; "out > 0" gives the derivative 0 at the kink, as PyTorch.
        double out = Math.max(0.0, value);
        return new Scalar("relu", out, this, out > 0 ? 1 : 0);
    }

    @Override
    public Scalar softplus() {
        return new Scalar("softplus", ElementaryFunctions.softplus(value),
                this, ElementaryFunctions.softplusDerivative(value));
    }

    @Override
    public Scalar abs() {
        return new Scalar("abs", Math.abs(value), this, ElementaryFunctions.sign(value));
    }

    // ---- the graph as the walker sees it ----

    @Override
    protected int inputCount() {
        return arity;
    }

    @Override
    protected GraphNode input(int i) {
        return i == 0 ? first : second;
    }

    @Override
    protected void propagate() {
        if (released) {
            throw freedGraph();
        }
        if (first != null) {
            first.accumulate(grad * firstPartial, adjointPass);
        }
        if (second != null) {
            second.accumulate(grad * secondPartial, adjointPass);
        }
    }

    @Override
    protected void release() {
        if (arity > 0) {
            released = true;
            first = null;
            second = null;
        }
    }

    /** Adds one consumer's contribution to this node's adjoint in backward pass {@code pass}. */
    private void accumulate(double contribution, int pass) {
        if (pass != adjointPass) {
            adjointPass = pass;
            // A leaf's gradient accumulates across passes (PyTorch's semantics); an interior
            // adjoint is only meaningful within one pass, and a stale one would be pushed
            // into the leaves a second time.
            if (!isLeaf()) {
                grad = 0;
            }
        }
        grad += contribution;
    }

    private IllegalStateException freedGraph() {
        return new IllegalStateException("backward through " + op + ": the graph was freed by an earlier "
                + "backward(); pass retainGraph=true (backward(true)) to the first backward to walk it again");
    }

    @Override
    public String toString() {
        return "Scalar(" + op + ", value=" + value + ", grad=" + grad + ")";
    }
}

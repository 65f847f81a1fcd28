package org.autodiff.teaching.landscape;

import java.util.List;
import org.autodiff.core.Tensor;

/**
 * A loss of two parameters (w, b), written once with tensor ops so that the same formula serves
 * both pictures and optimizers: called with 0-d tensors that require grad it builds the graph an
 * optimizer differentiates; called with a row of w values {@code [1, G]} and a column of b values
 * {@code [G, 1]} inside {@link org.autodiff.core.GradMode#noGrad()} it evaluates the whole
 * {@code [G, G]} grid at once.
 *
 * <p>{@link BuiltInProblem} holds the classic examples; implement this interface for your own.
 */
public interface Problem {

    /** @return a short identifier, e.g. {@code "rosenbrock"} */
    String id();

    /** @return a one-line description with the formula, for titles */
    String description();

    /**
     * The loss at every point of {@code w} and {@code b}: two float64 tensors of equal rank whose
     * shapes broadcast against each other; the result has the broadcast shape.
     *
     * @param w the first coordinates
     * @param b the second coordinates
     * @return the loss, of the broadcast shape
     */
    Tensor loss(Tensor w, Tensor b);

    /** @return the part of the plane worth showing */
    Window window();

    /** @return where the optimizers start, {@code {w, b}} */
    double[] start();

    /** @return points to mark: minima, saddle points */
    List<Landmark> landmarks();

    /**
     * @param method an optimizer
     * @return a learning rate for {@code method} that shows its character on this problem
     */
    double learningRate(Method method);

    /** @return how many optimizer steps make a readable path */
    default int steps() {
        return 100;
    }

    /** @return whether the loss spans orders of magnitude, so heights are better drawn as log(1 + loss) */
    default boolean logScale() {
        return false;
    }
}

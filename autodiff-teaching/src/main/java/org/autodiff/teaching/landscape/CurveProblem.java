package org.autodiff.teaching.landscape;

import java.util.List;
import org.autodiff.core.Tensor;

/**
 * A loss of one parameter θ: the picture students draw first, a curve with each step's point and
 * tangent on it. As with {@link Problem} the formula is written once with tensor ops: called with
 * a 0-d tensor that requires grad it builds the graph an optimizer differentiates; called with a
 * 1-d tensor of θ values it evaluates the whole curve at once.
 *
 * <p>{@link BuiltInCurve} holds the classic examples; implement this interface for your own.
 */
public interface CurveProblem {

    /** @return a short identifier, e.g. {@code "plateau"} */
    String id();

    /** @return a one-line description with the formula, for titles */
    String description();

    /**
     * @param theta float64 values of θ, of any shape
     * @return the loss at each value, of the same shape
     */
    Tensor loss(Tensor theta);

    /** @return the smallest θ worth showing */
    double thetaMin();

    /** @return the largest θ worth showing */
    double thetaMax();

    /** @return where the optimizers start */
    double start();

    /** @return the points to mark on the curve: minima, flat points */
    List<CurveLandmark> landmarks();

    /**
     * @param method an optimization method
     * @return a learning rate for it that shows its character on this curve
     */
    double learningRate(Method method);

    /** @return how many optimizer steps make a readable picture */
    default int steps() {
        return 30;
    }
}

package org.autodiff.teaching.landscape;

import java.util.List;
import java.util.function.IntConsumer;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.autodiff.nn.optim.Optimizer;

/**
 * The points an optimizer visited on a loss curve, with the slope it saw at each: the start,
 * then θ after each step. {@link #follow} runs the real optimizer on a one-element float64
 * parameter, so the path is exactly what that optimizer does.
 *
 * @param method the method that walked it
 * @param lr     its learning rate
 * @param theta  θ at each point, {@code theta[0]} being the start
 * @param loss   the loss at each point
 * @param slope  dloss/dθ at each point: the gradient the optimizer was given there (at the
 *               last point, the one it would be given next)
 */
public record CurvePath(Method method, double lr, double[] theta, double[] loss, double[] slope) {

    /**
     * Runs {@code method} on {@code problem}.
     *
     * @param problem  the curve
     * @param method   the optimization method
     * @param lr       its learning rate
     * @param start    the first θ
     * @param steps    how many steps to take, at least 0
     * @param stepDone told the number of each step as it completes, for a progress display
     * @return the {@code steps + 1} points
     */
    public static CurvePath follow(CurveProblem problem, Method method, double lr, double start, int steps,
            IntConsumer stepDone) {
        if (steps < 0) {
            throw new IllegalArgumentException("CurvePath.follow: steps must be non-negative, got " + steps);
        }
        Tensor param = Tensor.of(new double[] {start}, 1).requiresGrad(true);
        Optimizer optimizer = method.create(List.of(param), lr);
        double[] theta = new double[steps + 1], loss = new double[steps + 1], slope = new double[steps + 1];
        for (int k = 0; ; k++) {
            optimizer.zeroGrad();
            Tensor value = problem.loss(param.reshape());
            theta[k] = param.get(0);
            loss[k] = value.to(DType.FLOAT64).item();
            value.backward();
            slope[k] = param.grad().get(0);
            if (k == steps) {
                return new CurvePath(method, lr, theta, loss, slope);
            }
            optimizer.step();
            stepDone.accept(k + 1);
        }
    }

    /** @return the number of points, steps + 1 */
    public int size() {
        return theta.length;
    }

    /** @return the number of steps taken */
    public int steps() {
        return theta.length - 1;
    }
}

package org.autodiff.teaching.landscape;

import java.util.List;
import java.util.function.IntConsumer;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.autodiff.nn.optim.Optimizer;

/**
 * The points an optimizer visited on a problem: the start, then the parameters after each step.
 * {@link #follow} runs the real optimizer on a two-element float64 parameter θ = (w, b), so the
 * path is exactly what that optimizer does, not a re-implementation of it.
 *
 * @param method the method that walked it
 * @param lr its learning rate
 * @param w the w of each point, {@code w[0]} being the start
 * @param b the b of each point
 * @param loss the loss at each point
 */
public record OptimizerPath(Method method, double lr, double[] w, double[] b, double[] loss) {

    /**
     * Runs {@code method} with learning rate {@code lr} for {@code steps} steps from {@code start = {w, b}}.
     *
     * @param problem the loss to descend
     * @param method  the optimizer
     * @param lr      its learning rate
     * @param start   the start point {@code {w, b}}
     * @param steps   the number of steps
     * @return the path, {@code steps + 1} points
     */
    public static OptimizerPath follow(Problem problem, Method method, double lr, double[] start, int steps) {
        return follow(problem, method, lr, start, steps, k -> { });
    }

    /**
     * As {@link #follow(Problem, Method, double, double[], int)}, telling {@code stepDone} the
     * number of each step as it completes (1 to {@code steps}), for a progress display.
     *
     * @param problem  the loss to descend
     * @param method   the optimizer
     * @param lr       its learning rate
     * @param start    the start point {@code {w, b}}
     * @param steps    the number of steps
     * @param stepDone told the number of each step as it completes
     * @return the path, {@code steps + 1} points
     */
    public static OptimizerPath follow(Problem problem, Method method, double lr, double[] start, int steps,
            IntConsumer stepDone) {
        if (start.length != 2) {
            throw new IllegalArgumentException("OptimizerPath.follow: start must be {w, b}, got " + start.length + " values");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("OptimizerPath.follow: steps must be non-negative, got " + steps);
        }
        Tensor theta = Tensor.of(start.clone(), 2).requiresGrad(true);
        Optimizer optimizer = method.create(List.of(theta), lr);
        double[] w = new double[steps + 1], b = new double[steps + 1], loss = new double[steps + 1];
        for (int k = 0; ; k++) {
            optimizer.zeroGrad();
            Tensor value = problem.loss(theta.slice(0, 0, 1, 1).reshape(), theta.slice(0, 1, 2, 1).reshape());
            double[] point = theta.toDoubleArray();
            w[k] = point[0];
            b[k] = point[1];
            loss[k] = value.to(DType.FLOAT64).item();
            if (k == steps) {
                return new OptimizerPath(method, lr, w, b, loss);
            }
            value.backward();
            optimizer.step();
            stepDone.accept(k + 1);
        }
    }

    /** @return the number of points, steps + 1 */
    public int size() {
        return w.length;
    }

    /** @return the number of steps taken, {@code size() - 1} */
    public int steps() {
        return w.length - 1;
    }
}

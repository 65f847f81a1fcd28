package org.autodiff.teaching.landscape;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything a landscape picture shows: the problem, its loss on a grid over its window, and the
 * path of each method from the problem's start point.
 */
public record Landscape(Problem problem, LossGrid grid, List<OptimizerPath> paths) {

    /**
     * Keeps an unmodifiable copy of the paths.
     *
     * @param problem the problem
     * @param grid    its loss on a grid
     * @param paths   the methods' paths across it
     */
    public Landscape {
        paths = List.copyOf(paths);
    }

    /**
     * @param problem    the problem
     * @param resolution grid points along each axis
     * @return the grid at {@code resolution} and the paths of all five {@link Method}s with the problem's own settings
     */
    public static Landscape of(Problem problem, int resolution) {
        List<OptimizerPath> paths = new ArrayList<>();
        for (Method m : Method.values()) {
            paths.add(OptimizerPath.follow(problem, m, problem.learningRate(m), problem.start(), problem.steps()));
        }
        return new Landscape(problem, LossGrid.evaluate(problem, problem.window(), resolution), paths);
    }
}

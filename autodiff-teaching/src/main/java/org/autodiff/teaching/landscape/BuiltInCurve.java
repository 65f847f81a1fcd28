package org.autodiff.teaching.landscape;

import java.util.List;
import org.autodiff.core.Tensor;

/**
 * The classic one-parameter losses: a parabola, a curve with two stationary points (a flat
 * inflection point and a minimum) and a well surrounded by a plateau. Each carries the θ range
 * to show, a start and one learning rate per {@link Method} chosen so that the methods'
 * characters show.
 */
public enum BuiltInCurve implements CurveProblem {

    /**
     * θ²: the slope 2θ shrinks towards the minimum, and plain gradient descent's steps shrink with
     * it (each is 1 − 2·lr times the one before), while Adam's stay near the learning rate until
     * they overshoot.
     */
    PARABOLA("parabola", "parabola θ²", -3, 3, 2.6, 25, new double[] {0.1, 0.05, 0.5, 0.05, 0.3}) {
        @Override
        public Tensor loss(Tensor theta) {
            return theta.square();
        }

        @Override
        public List<CurveLandmark> landmarks() {
            return List.of(new CurveLandmark("minimum", 0));
        }
    },

    /**
     * 3θ⁴ − 4θ³, whose slope 12θ²(θ − 1) vanishes twice: at θ = 0, a flat point that is no
     * minimum, and at θ = 1, the minimum. From the left, gradient descent (and AdaGrad and
     * RMSProp, whose steps shrink with the slope too) slows to a stop short of the flat point;
     * momentum and Adam carry on to the minimum.
     */
    INFLECTION("inflection", "two stationary points 3θ⁴ − 4θ³", -0.7, 1.5, -0.6, 60, new double[] {0.02, 0.01, 0.2, 0.02, 0.1}) {
        @Override
        public Tensor loss(Tensor theta) {
            return theta.pow(4).mul(3).sub(theta.pow(3).mul(4));
        }

        @Override
        public List<CurveLandmark> landmarks() {
            return List.of(new CurveLandmark("flat point", 0), new CurveLandmark("minimum", 1));
        }
    },

    /**
     * 1 − e^(−θ²): a well in the middle of a plateau where the slope is nearly 0. From the
     * plateau, gradient descent barely moves; momentum at the same rate gathers the tiny slopes
     * and gets off late; Adam divides the gradient by its own running size and walks down at the
     * pace of its learning rate.
     */
    PLATEAU("plateau", "plateau 1 − e^(−θ²)", -3.5, 3.5, 3, 60, new double[] {1, 1, 0.3, 0.05, 0.1}) {
        @Override
        public Tensor loss(Tensor theta) {
            return theta.square().neg().exp().rsub(1);
        }

        @Override
        public List<CurveLandmark> landmarks() {
            return List.of(new CurveLandmark("minimum", 0));
        }
    };

    private final String id;
    private final String description;
    private final double thetaMin, thetaMax, start;
    private final int steps;
    private final double[] learningRates;

    BuiltInCurve(String id, String description, double thetaMin, double thetaMax, double start, int steps,
            double[] learningRates) {
        this.id = id;
        this.description = description;
        this.thetaMin = thetaMin;
        this.thetaMax = thetaMax;
        this.start = start;
        this.steps = steps;
        this.learningRates = learningRates;
    }

    /**
     * @param name a curve's {@link #id()}, in any case
     * @return that curve
     * @throws IllegalArgumentException naming the curves there are, if none is called {@code name}
     */
    public static BuiltInCurve byName(String name) {
        return BuiltInNames.byName(values(), BuiltInCurve::id, name, "curve");
    }

    /** @return the names of all built-in curves, comma separated */
    public static String names() {
        return BuiltInNames.list(values(), BuiltInCurve::id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public double thetaMin() {
        return thetaMin;
    }

    @Override
    public double thetaMax() {
        return thetaMax;
    }

    @Override
    public double start() {
        return start;
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public double learningRate(Method method) {
        return learningRates[method.ordinal()];
    }
}

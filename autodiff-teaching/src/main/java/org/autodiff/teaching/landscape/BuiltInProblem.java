package org.autodiff.teaching.landscape;

import java.util.List;
import org.autodiff.core.Tensor;

/**
 * The classic two-parameter problems: a single sigmoid neuron fitted by mean squared error (the
 * default), an elongated quadratic bowl, a saddle, Rosenbrock's banana valley and a tilted double
 * well with a local minimum. Each carries its window, start point, marked points and one learning
 * rate per {@link Method} chosen so that the methods' characters show.
 */
public enum BuiltInProblem implements Problem {

    /**
     * y = σ(w·x + b) with MSE on six points whose targets are σ(2x − 1), so the minimum is exactly
     * (2, −1) with loss 0. Far from it the sigmoid saturates and the surface is a flat plateau.
     */
    NEURON("neuron", "single neuron y = σ(w·x + b), mean squared error on 6 points",
            new Window(-6, 6, -6, 6), new double[] {-5, 2}, 120, new double[] {2, 0.3, 1, 0.05, 0.1}) {
        @Override
        public Tensor loss(Tensor w, Tensor b) {
            int last = w.dim();
            Tensor x = Tensor.of(NeuronData.X.clone(), NeuronData.X.length);
            Tensor y = Tensor.of(NeuronData.Y.clone(), NeuronData.Y.length);
            // [..., 1] against the data [n] broadcasts to [..., n]; the mean over n leaves one loss per (w, b).
            return w.unsqueeze(last).mul(x).add(b.unsqueeze(last)).sigmoid().sub(y).square().mean(last, false);
        }

        @Override
        public List<Landmark> landmarks() {
            return List.of(new Landmark("minimum", NeuronData.W, NeuronData.B));
        }
    },

    /** ½(w² + 10·b²): ten times steeper across than along, so plain SGD zigzags. */
    BOWL("bowl", "quadratic bowl ½(w² + 10·b²)", new Window(-5, 5, -3, 3), new double[] {-4.5, 2}, 60,
            new double[] {0.18, 0.03, 0.5, 0.05, 0.3}) {
        @Override
        public Tensor loss(Tensor w, Tensor b) {
            return w.square().add(b.square().mul(10)).mul(0.5);
        }

        @Override
        public List<Landmark> landmarks() {
            return List.of(new Landmark("minimum", 0, 0));
        }
    },

    /** w² − b²: a start almost on the ridge b = 0 shows which methods escape the saddle quickly. */
    SADDLE("saddle", "saddle w² − b²", new Window(-2, 2, -2, 2), new double[] {-1.8, 0.001}, 60,
            new double[] {0.05, 0.01, 0.2, 0.02, 0.05}) {
        @Override
        public Tensor loss(Tensor w, Tensor b) {
            return w.square().sub(b.square());
        }

        @Override
        public List<Landmark> landmarks() {
            return List.of(new Landmark("saddle point", 0, 0));
        }
    },

    /** (1 − w)² + 100·(b − w²)²: a curved narrow valley with the minimum at (1, 1). */
    ROSENBROCK("rosenbrock", "Rosenbrock (1 − w)² + 100·(b − w²)²", new Window(-2, 2, -1, 3), new double[] {-1.5, 2.5}, 1000,
            new double[] {0.0005, 0.0005, 0.1, 0.005, 0.05}) {
        @Override
        public Tensor loss(Tensor w, Tensor b) {
            return w.rsub(1).square().add(b.sub(w.square()).square().mul(100));
        }

        @Override
        public List<Landmark> landmarks() {
            return List.of(new Landmark("minimum", 1, 1));
        }

        @Override
        public boolean logScale() {
            return true;
        }
    },

    /**
     * (w² − 1)² + 0.3·w + (b − w/2)²: two valleys along b = w/2, the left one lower. Its stationary
     * points are the roots of 4w³ − 4w + 0.3 = 0 on that line.
     */
    LOCAL_MINIMUM("local-minimum", "tilted double well (w² − 1)² + 0.3·w + (b − w/2)²", new Window(-2, 2.5, -2, 2),
            new double[] {2.2, -1.5}, 150, new double[] {0.02, 0.03, 0.3, 0.02, 0.2}) {
        @Override
        public Tensor loss(Tensor w, Tensor b) {
            return w.square().sub(1).square().add(w.mul(0.3)).add(b.sub(w.mul(0.5)).square());
        }

        @Override
        public List<Landmark> landmarks() {
            double global = DoubleWell.root(-1), local = DoubleWell.root(1), saddle = DoubleWell.root(0);
            return List.of(new Landmark("minimum", global, global / 2), new Landmark("local minimum", local, local / 2),
                    new Landmark("saddle point", saddle, saddle / 2));
        }

        /** The walls rise to 40 while the wells differ by 0.6: evenly spaced bands would put both wells in one. */
        @Override
        public boolean logScale() {
            return true;
        }
    };

    private final String id;
    private final String description;
    private final Window window;
    private final double[] start;
    private final int steps;
    private final double[] learningRates;

    BuiltInProblem(String id, String description, Window window, double[] start, int steps, double[] learningRates) {
        this.id = id;
        this.description = description;
        this.window = window;
        this.start = start;
        this.steps = steps;
        this.learningRates = learningRates;
    }

    /**
     * @param name a problem's name as {@link #id()} spells it, e.g. {@code "local-minimum"}
     * @return the problem called {@code name}
     */
    public static BuiltInProblem byName(String name) {
        return BuiltInNames.byName(values(), BuiltInProblem::id, name, "problem");
    }

    /** @return the names of all built-in problems, comma separated */
    public static String names() {
        return BuiltInNames.list(values(), BuiltInProblem::id);
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
    public Window window() {
        return window;
    }

    @Override
    public double[] start() {
        return start.clone();
    }

    @Override
    public int steps() {
        return steps;
    }

    @Override
    public double learningRate(Method method) {
        return learningRates[method.ordinal()];
    }

    /** The neuron's data: six inputs and targets made by the neuron (W, B) itself. */
    private static final class NeuronData {
        static final double W = 2, B = -1;
        static final double[] X = {-2, -1, 0, 0.5, 1.5, 3};
        static final double[] Y = new double[X.length];

        static {
            for (int i = 0; i < X.length; i++) {
                Y[i] = 1 / (1 + Math.exp(-(W * X[i] + B)));
            }
        }
    }

    /** The stationary points of the tilted double well along its valley: roots of 4w³ − 4w + 0.3. */
    private static final class DoubleWell {
        static double root(double guess) {
            double w = guess;
            for (int i = 0; i < 50; i++) {
                w -= (4 * w * w * w - 4 * w + 0.3) / (12 * w * w - 4);
            }
            return w;
        }
    }
}

package org.autodiff.nn.optim.lr;

import java.util.Arrays;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.ParamGroup;

/**
 * The 1cycle policy, as PyTorch's {@code OneCycleLR}, stepped once per batch: the rate rises
 * from max_lr/divFactor to max_lr over the first pctStart of totalSteps and falls to
 * max_lr/(divFactor·finalDivFactor) by the last step (with threePhase, it first falls back to
 * the initial rate and only then to the minimum), annealed by cosine or linearly. With
 * cycleMomentum the momentum moves the opposite way between maxMomentum and baseMomentum: the
 * group's {@code "momentum"} (SGD, RMSprop) or else its {@code "beta1"} (Adam, AdamW), set to
 * maxMomentum at construction, as PyTorch does.
 *
 * <p>Stepping past totalSteps throws, as in PyTorch.
 */
public final class OneCycleLR extends LRScheduler {
    /** How a phase moves from its start value to its end value. */
    public enum Anneal {
        /** Along half a cosine: slow at both ends, fastest midway (PyTorch's {@code "cos"}). */
        COS,
        /** In a straight line (PyTorch's {@code "linear"}). */
        LINEAR
    }

    /**
     * One phase: its last step, where the rate starts and ends (0 initial, 1 max, 2 min) and
     * where the momentum starts and ends (0 max, 1 base).
     */
    private record Phase(double endStep, int startLr, int endLr, int startMomentum, int endMomentum) {
    }

    private final int totalSteps;
    private final Anneal anneal;
    private final Phase[] phases;
    /** Per group: the initial, maximum and minimum rates. */
    private final double[][] rates;
    private final double[] maxMomenta;
    private final double[] baseMomenta;
    /** The group hyperparameter cycled with the rate, or null without cycleMomentum. */
    private final String momentumName;

    /**
     * PyTorch's defaults: pctStart 0.3, cosine, cycleMomentum with base 0.85 and max 0.95,
     * divFactor 25, finalDivFactor 1e4, two phases.
     *
     * @param optimizer the optimizer
     * @param maxLr the peak rate of every group
     * @param totalSteps the number of steps in the cycle
     */
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps) {
        this(optimizer, filled(optimizer, maxLr), totalSteps, 0.3, Anneal.COS, true, filled(optimizer, 0.85),
                filled(optimizer, 0.95), 25, 1e4, false);
    }

    /**
     * A scheduler with every option of PyTorch's (totalSteps given directly; PyTorch's
     * {@code epochs·steps_per_epoch} is the same number).
     *
     * @param optimizer the optimizer
     * @param maxLrs the peak rate of each group
     * @param totalSteps the number of steps in the cycle (positive)
     * @param pctStart the fraction of the cycle spent raising the rate, in [0, 1]
     * @param anneal cosine or linear annealing
     * @param cycleMomentum whether the momentum (or β₁) is cycled inversely to the rate
     * @param baseMomenta the lower momentum of each group
     * @param maxMomenta the upper momentum of each group
     * @param divFactor the initial rate is maxLr / divFactor
     * @param finalDivFactor the minimum rate is the initial rate / finalDivFactor
     * @param threePhase whether the rate falls back to the initial rate before annealing to the minimum
     */
    public OneCycleLR(Optimizer optimizer, double[] maxLrs, int totalSteps, double pctStart, Anneal anneal,
            boolean cycleMomentum, double[] baseMomenta, double[] maxMomenta, double divFactor, double finalDivFactor,
            boolean threePhase) {
        super(optimizer);
        int groups = groupCount();
        if (totalSteps <= 0) {
            throw new IllegalArgumentException("OneCycleLR: totalSteps must be positive, got " + totalSteps);
        }
        if (!(pctStart >= 0 && pctStart <= 1)) {
            throw new IllegalArgumentException("OneCycleLR: pctStart must be in [0, 1], got " + pctStart);
        }
        checkLength("maxLrs", maxLrs, groups);
        checkLength("baseMomenta", baseMomenta, groups);
        checkLength("maxMomenta", maxMomenta, groups);
        this.totalSteps = totalSteps;
        this.anneal = java.util.Objects.requireNonNull(anneal, "anneal");
        this.phases = threePhase
                ? new Phase[] {new Phase(pctStart * totalSteps - 1, 0, 1, 0, 1),
                               new Phase(2 * pctStart * totalSteps - 2, 1, 0, 1, 0),
                               new Phase(totalSteps - 1, 0, 2, 0, 0)}
                : new Phase[] {new Phase(pctStart * totalSteps - 1, 0, 1, 0, 1),
                               new Phase(totalSteps - 1, 1, 2, 1, 0)};
        rates = new double[groups][];
        for (int g = 0; g < groups; g++) {
            double initial = maxLrs[g] / divFactor;
            rates[g] = new double[] {initial, maxLrs[g], initial / finalDivFactor};
            setBaseLr(g, initial);
        }
        this.baseMomenta = baseMomenta.clone();
        this.maxMomenta = maxMomenta.clone();
        if (cycleMomentum) {
            if (optimizer.hasHyperparameter("momentum")) {
                momentumName = "momentum";
            } else if (optimizer.hasHyperparameter("beta1")) {
                momentumName = "beta1";
            } else {
                throw new IllegalArgumentException("OneCycleLR: cycleMomentum needs an optimizer with momentum or beta1; "
                        + optimizer.name() + " has neither");
            }
            for (int g = 0; g < groups; g++) {
                optimizer.paramGroups().get(g).set(momentumName, maxMomenta[g]);
            }
        } else {
            momentumName = null;
        }
        initialStep();
    }

    private static double[] filled(Optimizer optimizer, double value) {
        double[] out = new double[java.util.Objects.requireNonNull(optimizer, "optimizer").paramGroups().size()];
        Arrays.fill(out, value);
        return out;
    }

    private static void checkLength(String what, double[] values, int groups) {
        java.util.Objects.requireNonNull(values, what);
        if (values.length != groups) {
            throw new IllegalArgumentException("OneCycleLR: expected " + groups + " values for " + what
                    + " (one per parameter group), got " + values.length);
        }
    }

    @Override
    protected double nextLr(int epoch, int group, double currentLr) {
        if (epoch > totalSteps) {
            throw new IllegalStateException("OneCycleLR: tried to step " + (epoch + 1) + " times; totalSteps is " + totalSteps);
        }
        double start = 0;
        for (int i = 0; i < phases.length; i++) {
            Phase phase = phases[i];
            if (epoch <= phase.endStep() || i == phases.length - 1) {
                double pct = (epoch - start) / (phase.endStep() - start);
                if (momentumName != null) {
                    double[] momenta = {maxMomenta[group], baseMomenta[group]};
                    ParamGroup g = optimizer().paramGroups().get(group);
                    g.set(momentumName, anneal(momenta[phase.startMomentum()], momenta[phase.endMomentum()], pct));
                }
                return anneal(rates[group][phase.startLr()], rates[group][phase.endLr()], pct);
            }
            start = phase.endStep();
        }
        throw new AssertionError("the last phase always applies");
    }

    private double anneal(double start, double end, double pct) {
        return anneal == Anneal.COS ? end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1) : (end - start) * pct + start;
    }
}

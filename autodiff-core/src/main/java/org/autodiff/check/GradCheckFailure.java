package org.autodiff.check;

/**
 * Thrown by {@link GradCheck#check} and {@link GradCheck#gradGradCheck} when an analytic
 * derivative disagrees with central differences; {@link #report()} holds the worst element.
 */
public final class GradCheckFailure extends AssertionError {
    private final GradCheckReport report;

    GradCheckFailure(GradCheckReport report) {
        super(report.toString());
        this.report = report;
    }

    /** The full result of the failed check. */
    public GradCheckReport report() {
        return report;
    }
}

package org.autodiff.check;

/**
 * Thrown by {@link GradCheck#check} and {@link GradCheck#gradGradCheck} when an analytic
 * derivative disagrees with central differences; {@link #report()} holds the worst element.
 */
public final class GradCheckFailure extends AssertionError {
    /** The result of the failed check, naming the worst element. */
    private final GradCheckReport report;

    GradCheckFailure(GradCheckReport report) {
        super(report.toString());
        this.report = report;
    }

    /**
     * The full result of the failed check.
     *
     * @return the report
     */
    public GradCheckReport report() {
        return report;
    }
}

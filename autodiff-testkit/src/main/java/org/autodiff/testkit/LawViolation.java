package org.autodiff.testkit;

/**
 * A law of differentiation that an op or function breaks: names the law, the op, the inputs
 * (as jqwik shrank them, when the law runs inside a property) and the worst element.
 */
public final class LawViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    /** The law's name. */
    private final String law;
    /** The op's or function's name. */
    private final String op;
    /** Where the worst element is and the values that disagree. */
    private final String worst;

    /**
     * Creates the failure.
     *
     * @param law the law's name, e.g. "reverse = forward"
     * @param op the op's or function's name
     * @param inputs a description of the inputs
     * @param worst the worst element: where, and the two values that disagree
     */
    public LawViolation(String law, String op, String inputs, String worst) {
        super("law '" + law + "' fails for " + op + ": " + worst + "\n  inputs: " + inputs);
        this.law = law;
        this.op = op;
        this.worst = worst;
    }

    /**
     * The law that failed.
     *
     * @return its name
     */
    public String law() {
        return law;
    }

    /**
     * The op or function that breaks it.
     *
     * @return its name
     */
    public String op() {
        return op;
    }

    /**
     * The worst element: where, and the values that disagree.
     *
     * @return its description
     */
    public String worst() {
        return worst;
    }
}

package org.autodiff.core.backend;

/** Reductions over a set of dimensions that a {@link Backend} computes. */
public enum ReduceKernel {
    /** The sum. */
    SUM,
    /** The largest element, NaN if any is NaN. */
    MAX,
    /** The smallest element, NaN if any is NaN. */
    MIN
}

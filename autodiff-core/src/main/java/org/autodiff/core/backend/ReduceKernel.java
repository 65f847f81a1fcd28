package org.autodiff.core.backend;

/** Reductions over a set of dimensions that a {@link Backend} computes. */
public enum ReduceKernel {
    SUM, MAX, MIN
}

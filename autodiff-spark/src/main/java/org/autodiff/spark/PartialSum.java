package org.autodiff.spark;

import java.io.Serializable;

/**
 * What one partition (or one node of the reduction tree) sends back: the sum of its examples'
 * gradients (or, for local SGD, of their parameters weighted by example count), the sum of their
 * losses and how many examples there were. Primitives only, so it crosses the wire as it is.
 */
final class PartialSum implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The partition (or tree node) index that fixes this part's place in the merge order. */
    final int index;
    /** The summed vector; null when the part had no examples. */
    final double[] vector;
    final double loss;
    final long count;

    PartialSum(int index, double[] vector, double loss, long count) {
        this.index = index;
        this.vector = vector;
        this.loss = loss;
        this.count = count;
    }

    /** A part with no examples: it adds nothing, not even a zero, to the sum. */
    static PartialSum empty(int index) {
        return new PartialSum(index, null, 0, 0);
    }

    boolean isEmpty() {
        return vector == null;
    }
}

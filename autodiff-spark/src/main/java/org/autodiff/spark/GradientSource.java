package org.autodiff.spark;

/**
 * Where the partitions' work happens: on Spark ({@link SparkShards}) or in this JVM, one
 * partition after another ({@link LocalShards}, the reference). Both add the partitions' results
 * in the order {@link TreeSum} defines, so they give the same bits.
 */
interface GradientSource {
    /** The number of examples in all partitions. */
    int examples();

    /** The gradient and loss of {@code batch} (global indices) at {@code params}, summed over the partitions. */
    PartialSum gradient(double[] params, int[] batch);

    /** One round of local SGD over {@code batches} from {@code params}: the partitions' parameters, weighted and summed. */
    PartialSum localRound(double[] params, int[][] batches);
}

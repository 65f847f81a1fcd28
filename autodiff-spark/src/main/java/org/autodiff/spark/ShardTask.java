package org.autodiff.spark;

import java.io.Serializable;
import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.nn.Module;
import org.autodiff.nn.optim.Optimizer;

/**
 * The work of one task on one partition, the same whether Spark runs it on an executor or the
 * single-JVM reference runs it in a loop: borrow this JVM's model replica, load the step's
 * parameters, and compute the summed loss and gradient of the partition's part of the batch.
 * Kernels run on {@code threads} threads of the Java backend on this task's thread only, since an
 * executor already runs one task per core.
 */
final class ShardTask implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String run;
    private final ModelFactory model;
    private final ShardLoss loss;
    private final OptimizerFactory optimizer;
    private final int threads;

    ShardTask(String run, ModelFactory model, ShardLoss loss, OptimizerFactory optimizer, int threads) {
        this.run = run;
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.threads = threads;
    }

    /**
     * The summed gradient and loss of the examples of {@code batch} (global indices) that live in
     * partition {@code partition}, whose first example has global index {@code start}; empty if
     * none do.
     */
    PartialSum gradient(int partition, Shard shard, int start, double[] params, int[] batch) {
        int[] rows = localRows(batch, start, shard.rows());
        if (rows.length == 0) {
            return PartialSum.empty(partition);
        }
        try (Backends.Scope ignored = kernelThreads()) {
            Module replica = Replicas.borrow(run, model);
            try {
                List<Tensor> p = prepare(replica, params);
                Tensor sum = lossOf(replica, shard, rows, p);
                sum.backward();
                return new PartialSum(partition, FlatParameters.gradients(p), sum.item(), rows.length);
            } finally {
                replica.zeroGrad();
                Replicas.giveBack(run, replica);
            }
        }
    }

    /**
     * Local SGD: from {@code params}, one local step of a fresh optimizer per batch of
     * {@code batches} on this partition's part of it (the mean loss over that part), then the
     * parameters reached, weighted by the number of examples seen, for the driver to average.
     */
    PartialSum localRound(int partition, Shard shard, int start, double[] params, int[][] batches) {
        try (Backends.Scope ignored = kernelThreads()) {
            Module replica = Replicas.borrow(run, model);
            try {
                List<Tensor> p = prepare(replica, params);
                Optimizer local = optimizer.create(p);
                double lossSum = 0;
                long seen = 0;
                for (int[] batch : batches) {
                    int[] rows = localRows(batch, start, shard.rows());
                    if (rows.length == 0) {
                        continue;
                    }
                    local.zeroGrad();
                    Tensor sum = lossOf(replica, shard, rows, p);
                    sum.div(rows.length).backward();
                    local.step();
                    lossSum += sum.item();
                    seen += rows.length;
                }
                if (seen == 0) {
                    return PartialSum.empty(partition);
                }
                double[] weighted = FlatParameters.values(p);
                for (int i = 0; i < weighted.length; i++) {
                    weighted[i] *= seen;
                }
                return new PartialSum(partition, weighted, lossSum, seen);
            } finally {
                replica.zeroGrad();
                Replicas.giveBack(run, replica);
            }
        }
    }

    private static List<Tensor> prepare(Module replica, double[] params) {
        List<Tensor> p = replica.parameters();
        FlatParameters.load(p, params);
        replica.train();
        replica.zeroGrad();
        return p;
    }

    private Tensor lossOf(Module replica, Shard shard, int[] rows, List<Tensor> p) {
        Tensor sum = loss.sum(replica, shard.features(rows, p.get(0).dtype()), shard.targets(rows));
        if (sum == null || sum.numel() != 1) {
            throw new IllegalStateException("DataParallelTrainer: the loss must return one number (the sum over the "
                    + "examples), got " + (sum == null ? "null" : "a tensor of shape " + sum.shape()));
        }
        return sum;
    }

    private Backends.Scope kernelThreads() {
        return Backends.current() instanceof JavaBackend ? Backends.onThisThread(new JavaBackend(threads)) : () -> { };
    }

    /** The local row numbers, in batch order, of the batch's examples that lie in [start, start + rows). */
    static int[] localRows(int[] batch, int start, int rows) {
        int n = 0;
        for (int g : batch) {
            n += g >= start && g - start < rows ? 1 : 0;
        }
        int[] local = new int[n];
        int i = 0;
        for (int g : batch) {
            if (g >= start && g - start < rows) {
                local[i++] = g - start;
            }
        }
        return local;
    }
}

package org.autodiff.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.autodiff.core.backend.Backends;
import org.autodiff.core.backend.JavaBackend;
import org.autodiff.nn.Module;
import org.autodiff.nn.data.Batch;
import org.autodiff.nn.data.DataLoader;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.Adam;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Synchronous training on Spark against the same sharded computation in one JVM (bit for bit)
 * and against ordinary mean-loss training (to rounding): an MLP 64-32-10 on digits in float64,
 * 20 steps of a global batch of 256.
 */
class DataParallelTrainerTest {
    private static final int STEPS = 20, BATCH = 256;
    private static final OptimizerFactory ADAM = params -> new Adam(params, 1e-2);
    private static final OptimizerFactory SGD = params -> new SGD(params, 0.5);

    /** Calls of the failing loss on partition 1's first attempts, and the failures it injected. */
    private static final AtomicInteger CALLS = new AtomicInteger(), FAILURES = new AtomicInteger();
    /** The kernel threads the loss saw. */
    private static final AtomicInteger THREADS_SEEN = new AtomicInteger();

    private static DataParallelTrainer trainer(OptimizerFactory optimizer) {
        return trainer(optimizer, ShardLoss.crossEntropy());
    }

    private static DataParallelTrainer trainer(OptimizerFactory optimizer, ShardLoss loss) {
        return new DataParallelTrainer(DigitsData.mlp(DType.FLOAT64), optimizer, loss).batchSize(BATCH).steps(STEPS).seed(3);
    }

    /**
     * Fan-in 8 adds the partitions in order on the driver; fan-in 2 over 4 and 5 partitions adds
     * them in one and two levels of shuffles on the executors first (a stage each, so fewer steps).
     */
    @ParameterizedTest(name = "{0} partitions, fan-in {1}, {2} steps")
    @CsvSource({"1, 8, 20", "2, 8, 20", "4, 8, 20", "4, 2, 5", "5, 2, 5"})
    void sparkIsBitIdenticalToTheShardedReference(int partitions, int fanIn, int steps) {
        JavaRDD<Sample> rdd = DigitsData.rdd(partitions);
        TrainingResult spark = trainer(ADAM).fanIn(fanIn).steps(steps).fit(rdd);
        TrainingResult local = trainer(ADAM).fanIn(fanIn).steps(steps).fitLocal(DigitsData.partitionsOf(rdd));
        assertArrayEquals(values(local.model()), values(spark.model()));
        assertArrayEquals(local.stepLosses(), spark.stepLosses());
        assertEquals(steps, spark.stepLosses().length);
    }

    /** Five partitions on two task threads finish in varying order; the tree's sums do not follow it. */
    @Test
    void twoRunsAreBitIdentical() {
        TrainingResult first = trainer(ADAM).fanIn(2).steps(5).fit(DigitsData.rdd(5));
        TrainingResult second = trainer(ADAM).fanIn(2).steps(5).fit(DigitsData.rdd(5));
        assertArrayEquals(values(first.model()), values(second.model()));
        assertArrayEquals(first.stepLosses(), second.stepLosses());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sgd", "adam"})
    void matchesOrdinaryMeanLossTraining(String name) {
        OptimizerFactory optimizer = name.equals("sgd") ? SGD : ADAM;
        TrainingResult spark = trainer(optimizer).fit(DigitsData.rdd(2));
        Module model = DigitsData.mlp(DType.FLOAT64).create();
        double[] losses = ordinaryTraining(model, optimizer.create(model.parameters()));
        double[] expected = values(model), actual = values(spark.model());
        assertTrue(maxAbsDifference(expected, actual) <= 1e-13 * maxAbs(expected),
                "parameters differ by " + maxAbsDifference(expected, actual) + " at scale " + maxAbs(expected));
        for (int s = 0; s < STEPS; s++) {
            assertEquals(losses[s], spark.stepLosses()[s], 1e-12 * losses[s], "loss of step " + s);
        }
        assertTrue(losses[STEPS - 1] < 0.8 * losses[0], "it learns: " + losses[0] + " -> " + losses[STEPS - 1]);
    }

    /** PyTorch's loop: zeroGrad, mean cross-entropy over the whole batch, backward, step. */
    private static double[] ordinaryTraining(Module model, Optimizer optimizer) {
        DataLoader loader = DataLoader.of(DigitsData.DATA, BATCH).shuffle(3);
        double[] losses = new double[STEPS];
        int s = 0;
        while (s < STEPS) {
            for (Batch b : loader) {
                if (s == STEPS) {
                    break;
                }
                optimizer.zeroGrad();
                Tensor loss = Losses.crossEntropy(model.forward(b.x()), b.y());
                loss.backward();
                optimizer.step();
                losses[s++] = loss.item();
            }
        }
        return losses;
    }

    @Test
    void aTaskThatFailsIsRetriedAndTheResultDoesNotChange() {
        CALLS.set(0);
        FAILURES.set(0);
        ShardLoss failsOnce = (model, x, targets) -> {
            TaskContext task = TaskContext.get();
            if (task != null && task.partitionId() == 1 && task.attemptNumber() == 0 && CALLS.incrementAndGet() == 5) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure of partition 1 at its 5th step");
            }
            return ShardLoss.crossEntropy().sum(model, x, targets);
        };
        JavaRDD<Sample> rdd = DigitsData.rdd(2);
        TrainingResult failed = trainer(ADAM, failsOnce).fit(rdd);
        TrainingResult clean = trainer(ADAM).fitLocal(DigitsData.partitionsOf(rdd));
        assertEquals(1, FAILURES.get(), "the failure was injected once");
        assertArrayEquals(values(clean.model()), values(failed.model()));
        assertArrayEquals(clean.stepLosses(), failed.stepLosses());
    }

    @Test
    void aRunResumedFromACheckpointEndsBitIdenticalToAnUninterruptedOne(@TempDir Path dir) {
        JavaRDD<Sample> rdd = DigitsData.rdd(2);
        TrainingResult whole = trainer(ADAM).fit(rdd);
        Path file = dir.resolve("run.safetensors");
        RuntimeException crash = assertThrows(RuntimeException.class, () -> trainer(ADAM).checkpointEvery(5, file)
                .listener((step, total, loss, rate) -> {
                    if (step == 12) {
                        throw new RuntimeException("driver lost at step 12");
                    }
                }).fit(rdd));
        assertEquals("driver lost at step 12", crash.getMessage());
        assertTrue(Files.exists(file));
        TrainingResult resumed = trainer(ADAM).resumeFrom(file).fit(rdd);
        assertEquals(10, resumed.firstStep(), "the last checkpoint before the crash");
        assertArrayEquals(values(whole.model()), values(resumed.model()));
        double[] tail = new double[STEPS - 10];
        System.arraycopy(whole.stepLosses(), 10, tail, 0, tail.length);
        assertArrayEquals(tail, resumed.stepLosses());
    }

    @Test
    void resumingWithOtherSettingsIsRefused(@TempDir Path dir) {
        Path file = dir.resolve("run.safetensors");
        trainer(SGD).steps(5).checkpointEvery(5, file).fitLocal(List.of(DigitsData.SAMPLES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(SGD).batchSize(128).resumeFrom(file).fitLocal(List.of(DigitsData.SAMPLES)));
        assertTrue(e.getMessage().contains("spark.batchSize = 256 but this run has 128"), e.getMessage());
    }

    @Test
    void capturingAnAutodiffObjectInAFunctionFailsAtOnceNamingIt() {
        Module captured = DigitsData.mlp(DType.FLOAT64).create();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DataParallelTrainer(
                () -> captured, ADAM, ShardLoss.crossEntropy()));
        assertTrue(e.getMessage().contains("the model factory captures a org.autodiff.nn.Sequential, which cannot be sent "
                + "to Spark executors"), e.getMessage());
    }

    @Test
    void eachTaskRunsItsKernelsOnTheThreadsAskedFor() {
        ShardLoss recording = (model, x, targets) -> {
            THREADS_SEEN.set(((JavaBackend) Backends.current()).threads());
            return ShardLoss.crossEntropy().sum(model, x, targets);
        };
        trainer(SGD, recording).steps(1).threadsPerTask(3).fit(DigitsData.rdd(2));
        assertEquals(3, THREADS_SEEN.get());
    }

    @Test
    void aDataFrameTrainsLikeItsRdd() {
        JavaRDD<Sample> rdd = DigitsData.rdd(2);
        var rows = SharedSpark.session().createDataFrame(rdd.map(s -> org.apache.spark.sql.RowFactory.create(
                org.apache.spark.ml.linalg.Vectors.dense(s.features()), s.target())), new org.apache.spark.sql.types.StructType()
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType()).add("label", "double"));
        TrainingResult fromRows = trainer(SGD).steps(5).fit(rows, "features", "label");
        TrainingResult fromRdd = trainer(SGD).steps(5).fit(rdd);
        assertArrayEquals(values(fromRdd.model()), values(fromRows.model()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(SGD).fit(rows, "pixels", "label"));
        assertTrue(e.getMessage().contains("no column 'pixels'"), e.getMessage());
    }

    @Test
    void localSgdWithOnePartitionAndOneStepPerRoundIsOrdinarySgd() {
        TrainingResult local = trainer(SGD).localSteps(1).fit(DigitsData.rdd(1));
        Module model = DigitsData.mlp(DType.FLOAT64).create();
        double[] losses = ordinaryTraining(model, SGD.create(model.parameters()));
        double[] expected = values(model), actual = values(local.model());
        assertTrue(maxAbsDifference(expected, actual) <= 1e-13 * maxAbs(expected));
        assertArrayEquals(losses, local.stepLosses(), 1e-12);
    }

    @Test
    void localSgdAveragesThePartitionsAndLearns() {
        TrainingResult r = trainer(ADAM).localSteps(5).fit(DigitsData.rdd(4));
        double[] losses = r.stepLosses();
        assertEquals(losses[0], losses[4], "a round's steps share its loss");
        assertTrue(losses[STEPS - 1] < 0.8 * losses[0], "it learns: " + losses[0] + " -> " + losses[STEPS - 1]);
    }

    static double[] values(Module model) {
        return FlatParameters.values(model.parameters());
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}

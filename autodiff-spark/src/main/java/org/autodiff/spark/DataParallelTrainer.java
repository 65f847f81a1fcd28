package org.autodiff.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Module;
import org.autodiff.nn.io.Checkpoint;
import org.autodiff.nn.optim.Optimizer;

/**
 * Synchronous data-parallel training on Spark that gives the single-machine result. The gradient
 * of the mean loss over a batch is the sum of the per-example gradients divided by the batch
 * size, so each step is: broadcast the parameters (one {@code double[]}), let every partition sum
 * the loss gradients of its examples in the batch, add the partitions' sums in an order fixed by
 * partition index ({@link TreeSum}), divide by the batch size and step the optimizer, which lives
 * on the driver. The batches are those of a shuffled {@code DataLoader} over the examples
 * numbered in partition order, so for a given partitioning the result is bit-identical to the
 * same sharded computation in one JVM ({@link #fitLocal}), run after run, and equal to ordinary
 * mean-loss training up to the rounding of the sums (about 1e-16 relative in float64).
 *
 * <pre>{@code
 * TrainingResult r = new DataParallelTrainer(
 *         () -> MLP.builder(64).hidden(32).output(10).generator(new Generator(1)).build(),
 *         params -> new Adam(params, 1e-3),
 *         ShardLoss.crossEntropy())
 *     .batchSize(256).epochs(10).seed(1)
 *     .fit(samples);                      // a JavaRDD<Sample>
 * }</pre>
 *
 * <p>A task that fails is retried by Spark and computes the same numbers, so the result does not
 * change, provided the input RDD is deterministic (recomputing a lost partition must give the same
 * examples in the same order). {@link #checkpointEvery} writes the driver's model and optimizer
 * atomically every K steps, and {@link #resumeFrom} continues a run from such a file, ending
 * bit-identical to the uninterrupted run. {@link #localSteps} switches to local SGD. Models with
 * randomness in training mode (dropout) draw different numbers in every replica, so they are not
 * reproducible this way.
 */
public final class DataParallelTrainer {
    /** Checkpoint metadata keys: the step reached and the settings a resumed run must share. */
    static final String STEP_KEY = "spark.step", SEED_KEY = "spark.seed", BATCH_KEY = "spark.batchSize",
            EXAMPLES_KEY = "spark.examples", LOCAL_STEPS_KEY = "spark.localSteps";

    private final ModelFactory modelFactory;
    private final OptimizerFactory optimizerFactory;
    private final ShardLoss loss;
    private int batchSize = 32;
    private int epochs = 1;
    private long steps;
    private long seed = 1;
    private boolean shuffle = true;
    private int fanIn = 8;
    private int threadsPerTask = 1;
    private int localSteps;
    private Path checkpointFile;
    private int checkpointEvery;
    private Path resumeFile;
    private ProgressListener listener = (step, total, lossValue, rate) -> { };

    /**
     * A trainer of the models {@code model} builds, with the optimizer {@code optimizer} builds,
     * minimising {@code loss} (summed over each partition's examples).
     *
     * @param model builds the model, on the driver and on every executor
     * @param optimizer builds the optimizer over the model's parameters
     * @param loss the summed loss of a partition's examples
     * @throws IllegalArgumentException if a function captured something not serialisable (for
     *     example an autodiff model or tensor), naming it
     */
    public DataParallelTrainer(ModelFactory model, OptimizerFactory optimizer, ShardLoss loss) {
        this.modelFactory = Objects.requireNonNull(model, "model");
        this.optimizerFactory = Objects.requireNonNull(optimizer, "optimizer");
        this.loss = Objects.requireNonNull(loss, "loss");
        ClosureCheck.requireSerializable("the model factory", model);
        ClosureCheck.requireSerializable("the optimizer factory", optimizer);
        ClosureCheck.requireSerializable("the loss", loss);
    }

    /**
     * @param size examples per step in the whole cluster (the global batch; default 32)
     * @return this
     */
    public DataParallelTrainer batchSize(int size) {
        this.batchSize = requirePositive("batchSize", size);
        return this;
    }

    /**
     * @param count passes over the data (default 1); ignored when {@link #steps} is set
     * @return this
     */
    public DataParallelTrainer epochs(int count) {
        this.epochs = requirePositive("epochs", count);
        return this;
    }

    /**
     * @param count the number of steps to take in all (counting those before a resume), instead of whole epochs
     * @return this
     */
    public DataParallelTrainer steps(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("DataParallelTrainer: steps must be at least 1, got " + count);
        }
        this.steps = count;
        return this;
    }

    /**
     * @param value the seed of the batch order (default 1); the model's initialisation is the model factory's
     * @return this
     */
    public DataParallelTrainer seed(long value) {
        this.seed = value;
        return this;
    }

    /**
     * @param value whether to draw a new order of the examples every epoch (default true) or keep their order
     * @return this
     */
    public DataParallelTrainer shuffle(boolean value) {
        this.shuffle = value;
        return this;
    }

    /**
     * How many parts are added together at each level of the reduction (default 8): with at most
     * this many partitions the driver adds them in order, with more the executors add groups of
     * this many first. It is part of what fixes the result's bits.
     *
     * @param value the fan-in, at least 2
     * @return this
     */
    public DataParallelTrainer fanIn(int value) {
        if (value < 2) {
            throw new IllegalArgumentException("DataParallelTrainer: fanIn must be at least 2, got " + value);
        }
        this.fanIn = value;
        return this;
    }

    /**
     * @param threads the Java backend's kernel threads in each task (default 1: executors already run a task per core)
     * @return this
     */
    public DataParallelTrainer threadsPerTask(int threads) {
        this.threadsPerTask = requirePositive("threadsPerTask", threads);
        return this;
    }

    /**
     * Local SGD: every partition takes {@code k} steps on its own part of each batch, with its own
     * optimizer (made by the optimizer factory at the start of each round, so optimizer state such
     * as Adam's moments restarts every round), and then the driver averages the partitions'
     * parameters, weighted by the examples each saw. One job per k steps instead of one per step,
     * for slow networks; not the single-machine result. 0 (the default) is synchronous training.
     *
     * @param k the steps per round, or 0
     * @return this
     */
    public DataParallelTrainer localSteps(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("DataParallelTrainer: localSteps must be 0 or more, got " + k);
        }
        this.localSteps = k;
        return this;
    }

    /**
     * Writes a checkpoint (the driver's model and optimizer and the step reached, see
     * {@link Checkpoint}) to {@code file} every {@code k} steps, atomically replacing the last.
     *
     * @param k steps between checkpoints
     * @param file the checkpoint file on the driver
     * @return this
     */
    public DataParallelTrainer checkpointEvery(int k, Path file) {
        this.checkpointEvery = requirePositive("checkpointEvery", k);
        this.checkpointFile = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Starts from the checkpoint in {@code file} (written by {@link #checkpointEvery} with the
     * same seed, batch size and data) at the step it reached.
     *
     * @param file the checkpoint file on the driver, or null to start afresh
     * @return this
     */
    public DataParallelTrainer resumeFrom(Path file) {
        this.resumeFile = file;
        return this;
    }

    /**
     * @param value hears about every step on the driver
     * @return this
     */
    public DataParallelTrainer listener(ProgressListener value) {
        this.listener = Objects.requireNonNull(value, "listener");
        return this;
    }

    /**
     * Trains on {@code data}, whose partitions are the shards; the examples are numbered in
     * partition order.
     *
     * @param data the examples
     * @return the trained model and its optimizer
     */
    public TrainingResult fit(JavaRDD<Sample> data) {
        try (SparkShards shards = new SparkShards(data, newTask(), fanIn)) {
            return run(shards);
        }
    }

    /**
     * Trains on the rows of {@code data}: features from {@code featuresCol} (a Spark ML vector or
     * an array of numbers), targets from {@code labelCol} (a number).
     *
     * @param data the examples
     * @param featuresCol the features' column
     * @param labelCol the target's column
     * @return the trained model and its optimizer
     */
    public TrainingResult fit(Dataset<Row> data, String featuresCol, String labelCol) {
        return fit(RowSamples.of(data, featuresCol, labelCol));
    }

    /**
     * The same training in this JVM, one partition after another: the reference that
     * {@link #fit(JavaRDD)} matches bit for bit when its RDD has these partitions.
     *
     * @param partitions the examples of each partition, in order
     * @return the trained model and its optimizer
     */
    public TrainingResult fitLocal(List<List<Sample>> partitions) {
        List<Shard> shards = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            shards.add(Shard.pack(p, partitions.get(p).iterator()));
        }
        return run(new LocalShards(shards, newTask(), fanIn));
    }

    private ShardTask newTask() {
        return new ShardTask(UUID.randomUUID().toString(), modelFactory, loss, optimizerFactory, threadsPerTask);
    }

    private TrainingResult run(GradientSource source) {
        int examples = source.examples();
        if (examples == 0) {
            throw new IllegalArgumentException("DataParallelTrainer: the data has no examples");
        }
        Module model = modelFactory.create();
        List<Tensor> params = model.parameters();
        Optimizer optimizer = optimizerFactory.create(params);
        BatchPlan plan = new BatchPlan(examples, batchSize, seed, shuffle);
        long total = steps > 0 ? steps : (long) epochs * plan.batchesPerEpoch();
        long first = resumeFile == null ? 0 : resume(model, optimizer, examples);
        if (first > total) {
            throw new IllegalArgumentException("DataParallelTrainer: the checkpoint is at step " + first
                    + ", beyond the " + total + " steps of this run");
        }
        double[] losses = new double[Math.toIntExact(total - first)];
        long started = System.nanoTime();
        long step = first;
        while (step < total) {
            long next;
            double meanLoss;
            if (localSteps == 0) {
                PartialSum sum = source.gradient(FlatParameters.values(params), plan.batch(step));
                FlatParameters.setGradients(params, sum.vector, sum.count);
                optimizer.step();
                optimizer.zeroGrad();
                meanLoss = sum.loss / sum.count;
                next = step + 1;
            } else {
                next = Math.min(total, step + localSteps);
                int[][] batches = new int[(int) (next - step)][];
                for (int i = 0; i < batches.length; i++) {
                    batches[i] = plan.batch(step + i);
                }
                PartialSum sum = source.localRound(FlatParameters.values(params), batches);
                double[] average = sum.vector;
                for (int i = 0; i < average.length; i++) {
                    average[i] /= sum.count;
                }
                FlatParameters.load(params, average);
                meanLoss = sum.loss / sum.count;
            }
            for (long s = step; s < next; s++) {
                losses[(int) (s - first)] = meanLoss;
            }
            if (checkpointFile != null && next / checkpointEvery > step / checkpointEvery) {
                saveCheckpoint(model, optimizer, next, examples);
            }
            step = next;
            listener.step(step, total, meanLoss, (step - first) / ((System.nanoTime() - started) / 1e9));
        }
        return new TrainingResult(model, optimizer, first, losses);
    }

    private void saveCheckpoint(Module model, Optimizer optimizer, long step, int examples) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(STEP_KEY, Long.toString(step));
        meta.put(SEED_KEY, Long.toString(seed));
        meta.put(BATCH_KEY, Integer.toString(batchSize));
        meta.put(EXAMPLES_KEY, Integer.toString(examples));
        meta.put(LOCAL_STEPS_KEY, Integer.toString(localSteps));
        try {
            Checkpoint.save(checkpointFile, model, optimizer, meta);
        } catch (IOException e) {
            throw new UncheckedIOException("DataParallelTrainer: could not write checkpoint " + checkpointFile, e);
        }
    }

    /** Loads the checkpoint into the model and optimizer; returns its step. */
    private long resume(Module model, Optimizer optimizer, int examples) {
        Checkpoint c;
        try {
            c = Checkpoint.load(resumeFile);
        } catch (IOException e) {
            throw new UncheckedIOException("DataParallelTrainer: could not read checkpoint " + resumeFile, e);
        }
        Map<String, String> meta = c.metadata();
        requireSame(meta, SEED_KEY, Long.toString(seed));
        requireSame(meta, BATCH_KEY, Integer.toString(batchSize));
        requireSame(meta, EXAMPLES_KEY, Integer.toString(examples));
        requireSame(meta, LOCAL_STEPS_KEY, Integer.toString(localSteps));
        c.loadInto(model, optimizer);
        return Long.parseLong(meta.get(STEP_KEY));
    }

    private void requireSame(Map<String, String> meta, String key, String value) {
        String saved = meta.get(key);
        if (saved == null || meta.get(STEP_KEY) == null) {
            throw new IllegalArgumentException("DataParallelTrainer: " + resumeFile + " was not written by a "
                    + "DataParallelTrainer (no '" + key + "' in its metadata)");
        }
        if (!saved.equals(value)) {
            throw new IllegalArgumentException("DataParallelTrainer: " + resumeFile + " was written with " + key + " = "
                    + saved + " but this run has " + value + "; a resumed run must use the same settings and data");
        }
    }

    private static int requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("DataParallelTrainer: " + what + " must be at least 1, got " + value);
        }
        return value;
    }
}

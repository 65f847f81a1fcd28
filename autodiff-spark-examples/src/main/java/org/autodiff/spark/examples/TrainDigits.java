package org.autodiff.spark.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.nn.MLP;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.data.Digits;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.TrainTestSplit;
import org.autodiff.nn.train.Evaluation;
import org.autodiff.spark.DataParallelTrainer;
import org.autodiff.spark.ModelFactory;
import org.autodiff.spark.Sample;
import org.autodiff.spark.ShardLoss;
import org.autodiff.spark.TrainingResult;
import org.autodiff.spark.ml.OptimizerChoice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains {@code autodiff train}'s default experiment on Spark: the MLP on the UCI digits with the
 * same split, initialisation, optimizer and batches (float32), the training examples spread over
 * {@code --partitions} partitions, and prints the test accuracy in the same words. Runs in local
 * mode by default, or on a cluster through {@code spark-submit}.
 */
@Command(name = "train-digits", mixinStandardHelpOptions = true,
        description = "Train autodiff train's digits MLP with data-parallel Spark training and print its test accuracy.")
public final class TrainDigits implements Callable<Integer> {
    @Option(names = "--master", description = "Spark master, e.g. local[2] (default: spark-submit's, else local[2]).")
    private String master;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions of the training data (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--hidden", split = ",", defaultValue = "128", description = "Hidden layer widths (default: ${DEFAULT-VALUE}).")
    private int[] hidden;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--lr", description = "Learning rate (default: the optimizer's, as in autodiff train).")
    private Double lr;

    @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    private int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Examples per step in the whole cluster (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split, initialisation and batch order (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--local-steps", defaultValue = "0", description = "Local SGD: average the partitions' models every K steps (default: 0, synchronous).")
    private int localSteps;

    @Option(names = "--checkpoint", description = "Write a checkpoint to this file every --checkpoint-every steps.")
    private Path checkpoint;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    @Option(names = "--resume", description = "Continue from this checkpoint.")
    private Path resume;

    /**
     * Runs the command line.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainDigits()).execute(args));
    }

    @Override
    public Integer call() {
        SparkConf conf = new SparkConf().setAppName("autodiff train-digits");
        if (master != null || !conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[2]");
        }
        // autodiff train's experiment: digits scaled to [0, 1], a stratified 80/20 split, float32.
        TensorDataset all = Digits.load(DType.FLOAT32, true);
        TrainTestSplit split = TrainTestSplit.stratified(all, 0.2, seed);
        int classes = split.train().numClasses();
        int features = split.train().exampleShape().numel();
        int[] widths = hidden.clone();
        long init = seed;
        ModelFactory model = () -> MLP.builder(features).hidden(widths).output(classes).activation(ReLU::new)
                .dtype(DType.FLOAT32).generator(new Generator(init)).build();
        OptimizerChoice choice = lr == null ? OptimizerChoice.withDefaultLr(optimizer) : new OptimizerChoice(optimizer, lr);

        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            JavaRDD<Sample> train = sc.parallelize(samples(split.train()), partitions);
            System.out.printf(Locale.ROOT, "training mlp on digits %s (seed %d) with %s (lr %s) on Spark %s: %d training examples "
                    + "in %d partitions, %d test examples%n", java.util.Arrays.toString(hidden), seed, optimizer, choice.lr(),
                    sc.master(), split.train().size(), partitions, split.test().size());
            int stepsPerEpoch = (split.train().size() + batchSize - 1) / batchSize;
            DataParallelTrainer trainer = new DataParallelTrainer(model, choice, ShardLoss.crossEntropy())
                    .batchSize(batchSize).epochs(epochs).seed(seed).localSteps(localSteps).resumeFrom(resume)
                    .listener(new EpochLines(stepsPerEpoch));
            if (checkpoint != null) {
                trainer.checkpointEvery(checkpointEvery, checkpoint);
            }
            long start = System.nanoTime();
            TrainingResult result = trainer.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            Evaluation test = Evaluation.of(result.model(), split.test(), classes);
            System.out.printf(Locale.ROOT, "test accuracy %.2f%% (loss %.4f) after %d epochs in %.1f s%n",
                    100 * test.accuracy(), test.loss(), epochs, seconds);
        }
        return 0;
    }

    /** The examples of {@code data} as samples, in order. */
    static List<Sample> samples(TensorDataset data) {
        double[] x = data.features().toDoubleArray();
        int[] y = data.labels();
        int width = x.length / y.length;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            samples.add(new Sample(java.util.Arrays.copyOfRange(x, i * width, (i + 1) * width), y[i]));
        }
        return samples;
    }

    /** A line per epoch: its mean step loss and the speed so far. */
    private static final class EpochLines implements org.autodiff.spark.ProgressListener {
        private final int stepsPerEpoch;
        private double lossSum;
        private int steps;
        private long epochsDone;

        EpochLines(int stepsPerEpoch) {
            this.stepsPerEpoch = stepsPerEpoch;
        }

        @Override
        public void step(long step, long total, double loss, double stepsPerSecond) {
            lossSum += loss;
            steps++;
            // With local SGD a round may cross an epoch's end, so compare epochs rather than test divisibility.
            if (step / stepsPerEpoch > epochsDone || step == total) {
                epochsDone = step / stepsPerEpoch;
                System.out.printf(Locale.ROOT, "epoch %3d  step %5d/%d  train loss %.4f  %.1f steps/s%n",
                        (step + stepsPerEpoch - 1) / stepsPerEpoch, step, total, lossSum / steps, stepsPerSecond);
                lossSum = 0;
                steps = 0;
            }
        }
    }
}

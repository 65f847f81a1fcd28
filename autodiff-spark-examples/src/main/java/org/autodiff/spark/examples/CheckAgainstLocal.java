package org.autodiff.spark.examples;

import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.nn.MLP;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.data.Digits;
import org.autodiff.nn.optim.Adam;
import org.autodiff.spark.DataParallelTrainer;
import org.autodiff.spark.ModelFactory;
import org.autodiff.spark.Sample;
import org.autodiff.spark.ShardLoss;
import org.autodiff.spark.TrainingResult;

/**
 * Trains an MLP 64-32-10 on digits (float64, Adam) on the given master, then the same sharded
 * computation in this JVM ({@code fitLocal} over the RDD's own partitions), and says whether the
 * two models are bit-identical; exits with 1 when they are not. For runs whose tasks live in
 * other JVMs than the driver: a standalone cluster, or Spark's {@code local-cluster[workers,
 * cores, MB]} mode (see run-local-cluster.sh).
 *
 * <p>Arguments: master (default {@code local[2]}), partitions (default 4), steps (default 200),
 * fan-in (default 8).
 */
public final class CheckAgainstLocal {
    private CheckAgainstLocal() {
    }

    /**
     * Runs the check.
     *
     * @param args master, partitions, steps, fan-in
     */
    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int fanIn = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        List<Sample> samples = TrainDigits.samples(Digits.load(DType.FLOAT64, true));
        ModelFactory model = () -> MLP.builder(64).hidden(32).output(10).activation(ReLU::new).dtype(DType.FLOAT64)
                .generator(new Generator(7)).build();
        DataParallelTrainer trainer = new DataParallelTrainer(model, params -> new Adam(params, 1e-2),
                ShardLoss.crossEntropy()).batchSize(256).steps(steps).seed(3).fanIn(fanIn);
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setMaster(master).setAppName("autodiff check"))) {
            sc.setLogLevel("WARN");
            JavaRDD<Sample> rdd = sc.parallelize(samples, partitions).cache();
            long start = System.nanoTime();
            TrainingResult spark = trainer.fit(rdd);
            double seconds = (System.nanoTime() - start) / 1e9;
            long executors = sc.sc().getExecutorMemoryStatus().size() - (master.startsWith("local[") ? 0 : 1);
            TrainingResult local = trainer.fitLocal(rdd.glom().collect());
            boolean same = java.util.Arrays.equals(values(spark.model()), values(local.model()))
                    && java.util.Arrays.equals(spark.stepLosses(), local.stepLosses());
            System.out.printf(Locale.ROOT, "%s: %d steps on %d partitions (fan-in %d, %d executor JVMs) in %.1f s, "
                    + "final loss %.6f; bit-identical to the single-JVM reference: %s%n", master, steps, partitions, fanIn,
                    executors, seconds, spark.stepLosses()[steps - 1], same ? "yes" : "NO");
            if (!same) {
                System.exit(1);
            }
        }
    }

    private static double[] values(Module model) {
        return model.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.toDoubleArray())).toArray();
    }
}

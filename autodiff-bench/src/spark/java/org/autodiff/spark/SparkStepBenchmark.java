package org.autodiff.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.nn.MLP;
import org.autodiff.nn.ReLU;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one synchronous data-parallel step in Spark's local mode, and its parts, for
 * docs/scaling.md's cost model. The model is an MLP 64-H-10 in float64 (75·H + 10 parameters:
 * H = 133, 1333, 13333 give about 10⁴, 10⁵, 10⁶); the global batch is 64 random examples.
 * <ul>
 *   <li>{@code step}: a whole step, as {@code DataParallelTrainer} takes it (broadcast, the
 *       partitions' gradients, their ordered sum; without the optimizer's update, which is the
 *       same as on one machine);
 *   <li>{@code localGradient}: the same gradient computed in this JVM on one thread, no Spark;
 *   <li>{@code exchange}: a step without compute, each partition sending back the broadcast
 *       vector: job launch, broadcast, result transfer and the driver's sum;
 *   <li>{@code emptyJob}: a job whose tasks do nothing and return nothing: the launch alone.
 * </ul>
 * In package {@code org.autodiff.spark} to reach the trainer's package-private parts. Kernels run
 * on the Java backend ({@code -Dautodiff.backend=java}), one thread per task, as the trainer sets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dautodiff.backend=java", "-XX:+IgnoreUnrecognizedVMOptions",
        "--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
        "-Xmx4g"})
public class SparkStepBenchmark {
    private static final int EXAMPLES = 1024, BATCH = 64;

    /** Partitions of the data, on a local[2] master (2 cores). */
    @Param({"1", "2", "4"})
    public int partitions;

    /** The hidden width H: 75·H + 10 parameters. */
    @Param({"133", "1333", "13333"})
    public int hidden;

    private JavaSparkContext sc;
    private SparkShards shards;
    private LocalShards local;
    private JavaRDD<Integer> empty;
    private double[] params;
    private int[] batch;

    @Setup(Level.Trial)
    public void start() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("SparkStepBenchmark")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
        sc.setLogLevel("WARN");
        int h = hidden;
        ModelFactory model = () -> MLP.builder(64).hidden(h).output(10).activation(ReLU::new).dtype(DType.FLOAT64)
                .generator(new Generator(1)).build();
        ShardTask task = new ShardTask("bench", model, ShardLoss.crossEntropy(), null, 1);
        List<Sample> samples = samples();
        JavaRDD<Sample> rdd = sc.parallelize(samples, partitions);
        shards = new SparkShards(rdd, task, 8);
        local = new LocalShards(List.of(Shard.pack(0, samples.iterator())), task, 8);
        empty = sc.parallelize(List.of(0, 1, 2, 3), partitions).cache();
        empty.count();
        params = FlatParameters.values(model.create().parameters());
        batch = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            batch[i] = (i * 997) % EXAMPLES;
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        shards.close();
        sc.close();
    }

    private static List<Sample> samples() {
        SplittableRandom random = new SplittableRandom(42);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < EXAMPLES; i++) {
            double[] x = new double[64];
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextDouble();
            }
            samples.add(new Sample(x, random.nextInt(10)));
        }
        return samples;
    }

    @Benchmark
    public PartialSum step() {
        return shards.gradient(params, batch);
    }

    @Benchmark
    public PartialSum localGradient() {
        return local.gradient(params, batch);
    }

    @Benchmark
    public PartialSum exchange() {
        Broadcast<double[]> values = sc.broadcast(params);
        try {
            List<PartialSum> parts = new ArrayList<>(empty.mapPartitionsWithIndex(
                    (p, it) -> List.of(new PartialSum(p, values.value().clone(), 0, 1)).iterator(), true).collect());
            return TreeSum.sumInOrder(0, parts);
        } finally {
            values.destroy();
        }
    }

    @Benchmark
    public long emptyJob() {
        return empty.mapPartitions(it -> List.<Integer>of().iterator(), true).count();
    }
}

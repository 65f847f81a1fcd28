package org.autodiff.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark context of the test JVM, started on first use and shared by every test class
 * (starting one takes seconds). {@code local[2,4]}: two task threads, and a failed task is tried
 * up to four times, as on a cluster, so a test can inject a failure.
 */
public final class SharedSpark {
    private static SparkSession session;

    private SharedSpark() {
    }

    /** @return the session, started on first use */
    public static synchronized SparkSession session() {
        if (session == null) {
            SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("autodiff-spark-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.sql.shuffle.partitions", "4")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            session = SparkSession.builder().config(conf).getOrCreate();
        }
        return session;
    }

    /** @return the session's context */
    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}

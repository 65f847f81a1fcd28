package org.autodiff.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.nn.MLP;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.Digits;

/** The digits the tests train on, as samples and as RDDs, and the 64-32-10 MLP they train. */
final class DigitsData {
    static final TensorDataset DATA = Digits.load(DType.FLOAT64, true);
    static final List<Sample> SAMPLES = samples(DATA);

    private DigitsData() {
    }

    static ModelFactory mlp(DType dtype) {
        return () -> MLP.builder(64).hidden(32).output(10).activation(ReLU::new).dtype(dtype).generator(new Generator(7))
                .build();
    }

    static List<Sample> samples(TensorDataset data) {
        double[] x = data.features().toDoubleArray();
        int[] y = data.labels();
        int width = x.length / y.length;
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            double[] row = new double[width];
            System.arraycopy(x, i * width, row, 0, width);
            samples.add(new Sample(row, y[i]));
        }
        return samples;
    }

    /** The samples in {@code partitions} contiguous partitions. */
    static JavaRDD<Sample> rdd(int partitions) {
        return SharedSpark.context().parallelize(SAMPLES, partitions);
    }

    /** The partitions of {@code rdd}, as the single-JVM reference takes them. */
    static List<List<Sample>> partitionsOf(JavaRDD<Sample> rdd) {
        return rdd.glom().collect();
    }
}

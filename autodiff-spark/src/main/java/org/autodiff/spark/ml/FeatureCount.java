package org.autodiff.spark.ml;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The number of features of a data set's vector column, read from its first row. */
final class FeatureCount {
    private FeatureCount() {
    }

    static int of(Dataset<?> dataset, String featuresCol) {
        java.util.List<Row> first = dataset.select(featuresCol).takeAsList(1);
        if (first.isEmpty()) {
            throw new IllegalArgumentException("fit: the data set is empty");
        }
        return ((Vector) first.get(0).get(0)).size();
    }
}

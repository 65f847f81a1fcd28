package org.autodiff.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Rows of a DataFrame as {@link Sample}s: features from a Spark ML vector column or an array
 * column of numbers, the target from a numeric column. The columns' types are checked on the
 * driver, before any job runs.
 */
final class RowSamples {
    private RowSamples() {
    }

    static JavaRDD<Sample> of(Dataset<Row> data, String featuresCol, String labelCol) {
        DataType features = field(data, featuresCol).dataType();
        boolean vector = features.equals(SQLDataTypes.VectorType());
        if (!vector && !(features instanceof ArrayType a && a.elementType() instanceof NumericType)) {
            throw new IllegalArgumentException("DataParallelTrainer: column '" + featuresCol + "' must hold vectors or arrays "
                    + "of numbers, it holds " + features.simpleString());
        }
        DataType label = field(data, labelCol).dataType();
        if (!(label instanceof NumericType)) {
            throw new IllegalArgumentException("DataParallelTrainer: column '" + labelCol + "' must hold numbers, it holds "
                    + label.simpleString());
        }
        return data.select(featuresCol, labelCol).javaRDD().map(row -> sample(row, vector, featuresCol, labelCol));
    }

    private static Sample sample(Row row, boolean vector, String featuresCol, String labelCol) {
        if (row.isNullAt(0) || row.isNullAt(1)) {
            throw new IllegalArgumentException("DataParallelTrainer: a row has no value in column '"
                    + (row.isNullAt(0) ? featuresCol : labelCol) + "': " + row);
        }
        return new Sample(vector ? ((Vector) row.get(0)).toArray() : numbers(row.getList(0)), ((Number) row.get(1)).doubleValue());
    }

    private static StructField field(Dataset<Row> data, String column) {
        return Arrays.stream(data.schema().fields()).filter(f -> f.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("DataParallelTrainer: no column '" + column + "' among "
                        + Arrays.toString(data.columns())));
    }

    private static double[] numbers(List<Object> values) {
        double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((Number) values.get(i)).doubleValue();
        }
        return x;
    }
}

package org.autodiff.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.autodiff.core.DType;
import org.autodiff.nn.data.Iris;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.io.SafeTensors;
import org.autodiff.spark.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimators in spark.ml's own machinery: a Pipeline with a VectorAssembler, transform, save and load. */
class EstimatorTest {
    private static final String[] IRIS_COLUMNS = {"sepalLength", "sepalWidth", "petalLength", "petalWidth"};

    /** Iris as a DataFrame with one column per measurement and a label column, in 2 partitions. */
    private static Dataset<Row> iris() {
        TensorDataset data = Iris.load(DType.FLOAT64);
        double[] x = data.features().toDoubleArray();
        int[] y = data.labels();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            rows.add(RowFactory.create(x[4 * i], x[4 * i + 1], x[4 * i + 2], x[4 * i + 3], (double) y[i]));
        }
        StructType schema = new StructType();
        for (String c : IRIS_COLUMNS) {
            schema = schema.add(c, DataTypes.DoubleType);
        }
        return session().createDataFrame(rows, schema.add("label", DataTypes.DoubleType)).repartition(2);
    }

    private static SparkSession session() {
        return SharedSpark.session();
    }

    @Test
    void aClassifierInAPipelineLearnsIrisAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        Dataset<Row> data = iris().cache();
        VectorAssembler assembler = new VectorAssembler().setInputCols(IRIS_COLUMNS).setOutputCol("features");
        AutodiffClassifier mlp = new AutodiffClassifier().setLayers(16).setOptimizer("adam").setLearningRate(0.05)
                .setBatchSize(150).setEpochs(40).setSeed(3);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {assembler, mlp}).fit(data);

        Dataset<Row> out = fitted.transform(data);
        List<Row> rows = out.select("label", "prediction", "probability").collectAsList();
        long correct = rows.stream().filter(r -> r.getDouble(0) == r.getDouble(1)).count();
        assertTrue(correct >= 0.9 * rows.size(), "training accuracy " + correct + "/" + rows.size());
        for (Row r : rows) {
            double[] p = ((Vector) r.get(2)).toArray();
            assertEquals(3, p.length);
            assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
        }

        AutodiffClassificationModel model = (AutodiffClassificationModel) fitted.stages()[1];
        assertEquals(3, model.numClasses());
        assertEquals(4, model.numFeatures());
        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        Path weights;
        try (var files = Files.walk(dir)) {
            weights = files.filter(f -> f.getFileName().toString().equals("model.safetensors")).findFirst().orElseThrow();
        }
        assertEquals(List.of("0.bias", "0.weight", "2.bias", "2.weight"),
                SafeTensors.load(weights).tensors().keySet().stream().sorted().toList());
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> again = loaded.transform(data).select("prediction", "probability").collectAsList();
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).getDouble(1), again.get(i).getDouble(0));
            assertArrayEquals(((Vector) rows.get(i).get(2)).toArray(), ((Vector) again.get(i).get(1)).toArray());
        }
    }

    @Test
    void aRegressorFitsALineAndSurvivesSaveAndLoad(@TempDir Path dir) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            double a = i / 32.0 - 1, b = (i * 37 % 64) / 32.0 - 1;
            rows.add(RowFactory.create(a, b, 2 * a - b + 0.5));
        }
        Dataset<Row> data = session().createDataFrame(rows, new StructType().add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("y", DataTypes.DoubleType)).repartition(2);
        Dataset<Row> assembled = new VectorAssembler().setInputCols(new String[] {"a", "b"}).setOutputCol("features")
                .transform(data).cache();
        AutodiffRegressionModel model = new AutodiffRegressor().setLayers(new int[0]).setOptimizer("sgd")
                .setLearningRate(0.5).setBatchSize(64).setEpochs(30).setLabelCol("y").fit(assembled);
        List<Row> out = model.transform(assembled).select("y", "prediction").collectAsList();
        for (Row r : out) {
            assertEquals(r.getDouble(0), r.getDouble(1), 0.05, "a linear model fits a line");
        }
        String path = dir.resolve("regressor").toString();
        model.write().save(path);
        AutodiffRegressionModel loaded = AutodiffRegressionModel.load(path);
        assertEquals("y", loaded.getLabelCol());
        List<Row> again = loaded.transform(assembled).select("prediction").collectAsList();
        for (int i = 0; i < out.size(); i++) {
            assertEquals(out.get(i).getDouble(1), again.get(i).getDouble(0));
        }
    }

    @Test
    void paramsAreCheckedAndCopiedAsSparkDoes() {
        AutodiffClassifier c = new AutodiffClassifier().setLayers(8, 4).setEpochs(3);
        assertThrows(IllegalArgumentException.class, () -> c.setActivation("swish"));
        assertThrows(IllegalArgumentException.class, () -> c.setLayers(8, 0));
        AutodiffClassifier copy = c.copy(new org.apache.spark.ml.param.ParamMap().put(c.epochs(), 5));
        assertEquals(c.uid(), copy.uid());
        assertArrayEquals(new int[] {8, 4}, copy.getLayers());
        assertEquals(5, copy.getEpochs());
        assertEquals(3, c.getEpochs());
        assertEquals("adam", copy.getOptimizer());
    }
}

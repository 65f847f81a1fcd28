package org.autodiff.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.nn.data.InputPipeline;
import org.autodiff.nn.data.TensorDataset;
import org.autodiff.nn.data.TrainTestSplit;
import org.junit.jupiter.api.Test;

/** What a checkpoint records about its training run survives the trip through metadata strings exactly. */
class TrainingRecipeTest {

    @Test
    void aRecipeReadsBackAsItWasWritten() {
        TrainingRecipe r = new TrainingRecipe("moons", "mlp", new int[] {16, 8}, 7, "adamw", 0.003, 0.05, 12, 64);
        assertEquals(r, TrainingRecipe.fromMetadata(r.toMetadata()));
        TrainingRecipe noDecay = new TrainingRecipe("digits", "cnn", new int[0], 1, "adam", 0.002, null, 20, 32);
        assertEquals(noDecay, TrainingRecipe.fromMetadata(noDecay.toMetadata()));
    }

    @Test
    void fittedStatisticsReadBackToTheLastBit() {
        TrainingRecipe r = new TrainingRecipe("iris", "mlp", new int[] {4}, 5, "sgd", 0.1, null, 1, 32);
        TrainTestSplit raw = r.rawSplit();
        InputPipeline fitted = r.fitInputs(raw);
        InputPipeline read = InputPipeline.fromMetadata(fitted.toMetadata());
        assertArrayEquals(fitted.standardizer().mean().toDoubleArray(), read.standardizer().mean().toDoubleArray(), 0.0);
        assertArrayEquals(fitted.standardizer().std().toDoubleArray(), read.standardizer().std().toDoubleArray(), 0.0);
        TensorDataset a = fitted.apply(raw.test()), b = read.apply(raw.test());
        assertEquals(DType.FLOAT32, b.dtype());
        assertArrayEquals(a.features().toDoubleArray(), b.features().toDoubleArray(), 0.0);
    }

    @Test
    void digitsAreScaledAsTheirLoaderScalesThem() {
        TrainingRecipe r = new TrainingRecipe("digits", "cnn", new int[0], 1, "adam", 0.002, null, 1, 32);
        InputPipeline p = InputPipeline.fromMetadata(r.fitInputs(r.rawSplit()).toMetadata());
        TensorDataset all = p.apply(r.rawData());
        TensorDataset expected = org.autodiff.nn.data.Digits.images(DType.FLOAT32, true);
        assertEquals(expected.features().shape(), all.features().shape());
        assertArrayEquals(expected.features().toDoubleArray(), all.features().toDoubleArray(), 0.0);
    }

    @Test
    void metadataThatDescribesNothingBuildableIsRefusedByName() {
        Map<String, String> m = new LinkedHashMap<>(new TrainingRecipe("iris", "mlp", new int[] {4}, 5, "sgd", 0.1, null, 1, 32)
                .toMetadata());
        m.put("model", "transformer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRecipe.fromMetadata(m));
        assertTrue(e.getMessage().contains("does not describe a model") && e.getMessage().contains("transformer"), e.getMessage());
        Map<String, String> noInputs = Map.of("input.scaling", "standardize", "input.dtype", "float32", "input.mean", "1,2");
        e = assertThrows(IllegalArgumentException.class, () -> InputPipeline.fromMetadata(noInputs));
        assertTrue(e.getMessage().contains("input.std"), e.getMessage());
    }
}

package org.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.autodiff.core.Tensor;
import org.autodiff.nn.Parameter;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.train.TrainingRecipe;
import org.junit.jupiter.api.Test;

/** What {@code train}'s options build: parameter counts of the models and the optimizers' weight decay. */
class TrainingChoicesTest {

    @Test
    void parameterCountsMatchTheModelsBuilt() {
        int[][] hiddens = {{}, {128}, {16, 8}, {3, 5, 7}};
        for (int[] hidden : hiddens) {
            TrainingRecipe e = recipe("mlp", hidden, "adam", 0.002, null);
            assertEquals(e.buildModel(64, 10).parameters().stream().mapToLong(Tensor::numel).sum(), e.parameterCount(64, 10));
        }
        TrainingRecipe cnn = recipe("cnn", new int[0], "adam", 0.002, null);
        assertEquals(cnn.buildModel(64, 10).parameters().stream().mapToLong(Tensor::numel).sum(), cnn.parameterCount(64, 10));
        // No int overflow for absurd widths.
        assertEquals(64L * 30000 + 30000 + 30000L * 30000 + 30000 + 30000L * 10 + 10,
                TrainingRecipe.mlpParameterCount(64, new int[] {30000, 30000}, 10));
    }

    private static TrainingRecipe recipe(String model, int[] hidden, String optimizer, double lr, Double weightDecay) {
        return new TrainingRecipe("digits", model, hidden, 1, optimizer, lr, weightDecay, 1, 32);
    }

    /** The parameter after one step from 1 with a zero gradient: only weight decay moves it. */
    private static double afterOneStep(OptimizerName name, Double weightDecay) {
        Tensor p = Parameter.of(Tensor.of(new double[] {1}, 1));
        Optimizer opt = recipe("mlp", new int[0], name.name(), 0.5, weightDecay).buildOptimizer(List.of(p));
        p.mul(0).sum().backward();
        opt.step();
        return p.item();
    }

    @Test
    void weightDecayIsTheOptimizersOwnByDefaultAndAnExplicitZeroMeansNone() {
        assertEquals(1 - 0.5 * 0.01, afterOneStep(OptimizerName.adamw, null), 1e-12);   // AdamW's own 0.01
        assertEquals(1.0, afterOneStep(OptimizerName.adamw, 0.0));
        assertEquals(1 - 0.5 * 0.1, afterOneStep(OptimizerName.adamw, 0.1), 1e-12);
        for (OptimizerName name : OptimizerName.values()) {
            if (name != OptimizerName.adamw) {
                assertEquals(1.0, afterOneStep(name, null), name.name());
                assertEquals(1.0, afterOneStep(name, 0.0), name.name());
            }
        }
    }
}

package org.autodiff.teaching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.autodiff.core.scalar.Scalar;
import org.junit.jupiter.api.Test;

class ScalarMlpTest {

    @Test
    void parametersAreEveryWeightAndBias() {
        ScalarMlp model = new ScalarMlp(3, new int[] {4, 2}, Activation.RELU, 0);
        assertEquals((3 + 1) * 4 + (4 + 1) * 2, model.parameters().size());
        assertEquals(2, model.apply(Scalar.leaves(1, 2, 3)).size());
    }

    @Test
    void sameSeedGivesTheSameNetwork() {
        double a = new ScalarMlp(2, new int[] {5, 1}, Activation.TANH, 7).apply(Scalar.leaves(0.3, -0.2)).get(0).value();
        double b = new ScalarMlp(2, new int[] {5, 1}, Activation.TANH, 7).apply(Scalar.leaves(0.3, -0.2)).get(0).value();
        double c = new ScalarMlp(2, new int[] {5, 1}, Activation.TANH, 8).apply(Scalar.leaves(0.3, -0.2)).get(0).value();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void neuronComputesActivationOfWeightedSum() {
        ScalarNeuron neuron = new ScalarNeuron(2, Activation.SIGMOID, new Random(3));
        List<Scalar> p = neuron.parameters();
        double z = p.get(0).value() * 0.5 + p.get(1).value() * -2 + p.get(2).value();
        assertEquals(1 / (1 + Math.exp(-z)), neuron.apply(Scalar.leaves(0.5, -2)).value(), 1e-15);
    }

    @Test
    void zeroGradClearsEveryParameter() {
        ScalarMlp model = new ScalarMlp(2, new int[] {3, 1}, Activation.TANH, 1);
        model.apply(Scalar.leaves(1, 1)).get(0).backward();
        assertTrue(model.parameters().stream().anyMatch(p -> p.grad() != 0));
        model.zeroGrad();
        assertTrue(model.parameters().stream().allMatch(p -> p.grad() == 0));
    }

    @Test
    void wrongInputCountIsReported() {
        ScalarMlp model = new ScalarMlp(2, new int[] {1}, Activation.LINEAR, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.apply(Scalar.leaves(1, 2, 3)));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("2"), e.getMessage());
    }
}

package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;

class ModuleTest {
    private static Sequential net(long seed) {
        return new Sequential(new Linear(3, 4, true, DType.FLOAT64, new Generator(seed)), new ReLU(),
                new Dropout(0.5), new Linear(4, 2, false, DType.FLOAT64, new Generator(seed + 1)));
    }

    @Test
    void namedParametersUseDottedNamesInRegistrationOrder() {
        Sequential net = net(1);
        assertEquals(List.of("0.weight", "0.bias", "3.weight"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(3, net.parameters().size());
        assertSame(((Linear) net.get(0)).weight(), net.namedParameters().get("0.weight"));
        for (Tensor p : net.parameters()) {
            assertTrue(Parameter.isParameter(p));
        }
    }

    @Test
    void trainAndEvalReachEveryDescendant() {
        Sequential net = net(1);
        assertTrue(net.get(2).isTraining());
        net.eval();
        assertFalse(net.isTraining());
        assertFalse(net.get(2).isTraining());
        net.train();
        assertTrue(net.get(2).isTraining());
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Sequential net = net(1);
        net.forward(Tensor.ones(DType.FLOAT64, 5, 3)).sum().backward();
        assertNotNull(net.parameters().get(0).grad());
        net.zeroGrad();
        net.parameters().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void stateDictIsASnapshotThatLoadsBackIntoTheSameTensors() {
        Sequential a = net(1);
        Map<String, Tensor> saved = a.stateDict();
        Tensor w = a.namedParameters().get("0.weight");
        double before = w.get(0, 0);
        try (var ignored = GradMode.noGrad()) {
            w.addInPlace(Tensor.scalar(1.0), 1);
        }
        assertEquals(before, saved.get("0.weight").get(0, 0), "the snapshot must not follow the model");
        Sequential b = net(99);
        assertNotEquals(before, b.namedParameters().get("0.weight").get(0, 0));
        b.loadStateDict(saved);
        a.loadStateDict(saved);
        assertSame(w, a.namedParameters().get("0.weight"), "loading copies into the existing parameter");
        for (String name : saved.keySet()) {
            assertArrayEquals(saved.get(name).toDoubleArray(), b.namedParameters().get(name).toDoubleArray(), name);
            assertArrayEquals(saved.get(name).toDoubleArray(), a.namedParameters().get(name).toDoubleArray(), name);
        }
    }

    @Test
    void loadStateDictIsStrictAndLeavesTheModelUnchangedOnFailure() {
        Sequential net = net(1);
        Map<String, Tensor> original = net.stateDict();
        Map<String, Tensor> good = net(2).stateDict();

        Map<String, Tensor> missing = new LinkedHashMap<>(good);
        missing.remove("3.weight");
        Map<String, Tensor> unexpected = new LinkedHashMap<>(good);
        unexpected.put("4.bias", Tensor.zeros(DType.FLOAT64, 2));
        Map<String, Tensor> wrongShape = new LinkedHashMap<>(good);
        wrongShape.put("3.weight", Tensor.zeros(DType.FLOAT64, 4, 2));
        // The bad entry comes last, after entries that would load fine: none of them may be copied.
        Map<String, Tensor> wrongDtype = new LinkedHashMap<>(good);
        wrongDtype.put("3.weight", Tensor.zeros(DType.FLOAT32, 2, 4));

        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(missing)).getMessage()
                .contains("missing keys [3.weight]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(unexpected)).getMessage()
                .contains("unexpected keys [4.bias]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(wrongShape)).getMessage()
                .contains("[4, 2]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(wrongDtype)).getMessage()
                .contains(String.valueOf(DType.FLOAT32)));
        original.forEach((name, t) -> assertArrayEquals(t.toDoubleArray(),
                net.namedParameters().get(name).toDoubleArray(), name));
    }

    @Test
    void registeringADuplicateOrDottedNameFails() {
        class Twice extends Module {
            Twice(String second) {
                registerParameter("w", Tensor.ones(2));
                registerParameter(second, Tensor.ones(2));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Twice("w"));
        assertThrows(IllegalArgumentException.class, () -> new Twice("a.b"));
        assertEquals(2, new Twice("v").parameters().size());
    }

    @Test
    void toStringShowsTheTree() {
        String s = net(1).toString();
        assertTrue(s.startsWith("Sequential(\n  (0): Linear(inFeatures=3, outFeatures=4, bias=true)"), s);
        assertTrue(s.contains("(2): Dropout(p=0.5)"), s);
    }
}

package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.GradMode;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.nn.io.Checkpoint;
import org.autodiff.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buffers, traversal, freezing, hooks, parameter counts and the summary of {@link Module}. */
class ModuleTreeTest {
    /** A module with a parameter, a persistent buffer, a non-persistent one and an absent one, counting its calls. */
    private static final class Counter extends Module {
        final Tensor scale;
        final Tensor calls;
        final Tensor scratch;

        Counter() {
            scale = registerParameter("scale", Tensor.full(DType.FLOAT64, 2.0, 3));
            calls = registerBuffer("calls", Tensor.zeros(DType.FLOAT64));
            scratch = registerBuffer("scratch", Tensor.zeros(DType.FLOAT64, 3), false);
            registerBuffer("absent", null);
        }

        @Override
        public Tensor forward(Tensor input) {
            try (var ignored = GradMode.noGrad()) {
                calls.addInPlace(Tensor.scalar(1.0), 1);
            }
            return input.mul(scale);
        }
    }

    /** A module that uses the same child twice (shared weights), as a tied model does. */
    private static final class Tied extends Module {
        Tied(Module shared) {
            registerModule("first", shared);
            registerModule("second", new Sequential(shared, new ReLU()));
        }

        @Override
        public Tensor forward(Tensor input) {
            return input;
        }
    }

    private static Sequential netWithCounter() {
        return new Sequential(new Linear(3, 4, true, DType.FLOAT64, new Generator(1)), new ReLU(),
                new Sequential(new Linear(4, 3, false, DType.FLOAT64, new Generator(2)), new Counter(),
                        new LayerNorm(new int[] {3}, 1e-5, true, true, DType.FLOAT64)));
    }

    @Test
    void stateDictHoldsParametersThenPersistentBuffersPerModuleInPyTorchOrder() {
        Sequential net = netWithCounter();
        assertEquals(List.of("0.weight", "0.bias", "2.0.weight", "2.1.scale", "2.1.calls", "2.2.weight", "2.2.bias"),
                List.copyOf(net.stateDict().keySet()));
        assertEquals(List.of("2.1.calls", "2.1.scratch"), List.copyOf(net.namedBuffers().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.0.weight", "2.1.scale", "2.2.weight", "2.2.bias"),
                List.copyOf(net.namedParameters().keySet()));
        assertEquals(2, net.buffers().size());
    }

    @Test
    void buffersAreUpdatedInPlaceSavedAndLoaded() {
        Sequential a = netWithCounter();
        a.forward(Tensor.ones(DType.FLOAT64, 2, 3));
        a.forward(Tensor.ones(DType.FLOAT64, 2, 3));
        assertEquals(2.0, a.stateDict().get("2.1.calls").item());
        Sequential b = netWithCounter();
        Tensor calls = b.namedBuffers().get("2.1.calls");
        b.loadStateDict(a.stateDict());
        assertSame(calls, b.namedBuffers().get("2.1.calls"), "loading copies into the existing buffer");
        assertEquals(2.0, calls.item());
        assertFalse(calls.requiresGrad());
        assertTrue(b.parameters().stream().noneMatch(p -> p == calls), "a buffer is not a parameter");
    }

    @Test
    void checkpointsCarryBuffers(@TempDir Path dir) throws IOException {
        Sequential a = netWithCounter();
        a.forward(Tensor.ones(DType.FLOAT64, 1, 3));
        Path file = dir.resolve("model.safetensors");
        Checkpoint.save(file, a, null, null);
        Sequential b = netWithCounter();
        Checkpoint.load(file).loadInto(b, null);
        assertEquals(1.0, b.namedBuffers().get("2.1.calls").item());
        assertArrayEquals(a.stateDict().get("0.weight").toDoubleArray(), b.stateDict().get("0.weight").toDoubleArray());
    }

    @Test
    void aBufferNamedLikeAParameterOrRequiringGradIsRefused() {
        class Bad extends Module {
            Bad(boolean clash) {
                registerParameter("w", Tensor.ones(2));
                registerBuffer(clash ? "w" : "b", clash ? Tensor.ones(2) : Tensor.ones(2).requiresGrad(true));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Bad(true)).getMessage()
                .contains("already registered"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Bad(false)).getMessage().contains("requires grad"));
    }

    @Test
    void modulesAreVisitedDepthFirstOnceEachWithTheirPaths() {
        Sequential net = netWithCounter();
        assertEquals(List.of("", "0", "1", "2", "2.0", "2.1", "2.2"), List.copyOf(net.namedModules().keySet()));
        assertSame(net, net.modules().get(0));
        assertEquals(3, net.children().size());
        assertEquals(List.of("0", "1", "2"), List.copyOf(net.namedChildren().keySet()));
        assertSame(net.get(2), net.children().get(2));

        Linear shared = new Linear(2, 2, true, DType.FLOAT64, new Generator(3));
        Tied tied = new Tied(shared);
        assertEquals(List.of("", "first", "second", "second.1"), List.copyOf(tied.namedModules().keySet()));
        assertEquals(List.of("first.weight", "first.bias"), List.copyOf(tied.namedParameters().keySet()));
        assertEquals(6, tied.parameterCount(), "a shared weight counts once");
        // As PyTorch's state_dict: a tied tensor under each of its names; loading fills both.
        Map<String, Tensor> state = tied.stateDict();
        assertEquals(List.of("first.weight", "first.bias", "second.0.weight", "second.0.bias"), List.copyOf(state.keySet()));
        tied.loadStateDict(state);
    }

    @Test
    void aModuleCannotBecomeItsOwnDescendant() {
        Sequential outer = new Sequential(new ReLU());
        Sequential inner = new Sequential();
        outer.append(inner);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> inner.append(outer));
        assertTrue(e.getMessage().contains("own descendant"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> outer.append(outer));
    }

    @Test
    void applyVisitsChildrenBeforeTheirParent() {
        Sequential net = netWithCounter();
        List<Module> seen = new ArrayList<>();
        assertSame(net, net.apply(seen::add));
        List<Module> expected = List.of(net.get(0), net.get(1), ((Sequential) net.get(2)).get(0),
                ((Sequential) net.get(2)).get(1), ((Sequential) net.get(2)).get(2), net.get(2), net);
        assertEquals(expected.size(), seen.size());
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), seen.get(i), "visit " + i);
        }
    }

    @Test
    void freezingASubModuleStopsItsGradientsAndItsUpdates() {
        Sequential net = netWithCounter();
        Module head = net.get(2);
        head.requiresGrad(false);
        assertEquals(16 + 12 + 3 + 6, net.parameterCount());
        assertEquals(16, net.trainableParameterCount());
        Map<String, Tensor> before = net.stateDict();
        SGD sgd = new SGD(net.parameters(), 0.1);
        net.forward(Tensor.ones(DType.FLOAT64, 2, 3)).square().sum().backward();
        sgd.step();
        Map<String, Tensor> after = net.stateDict();
        for (String name : List.of("2.0.weight", "2.1.scale", "2.2.weight", "2.2.bias")) {
            assertNull(net.namedParameters().get(name).grad(), name);
            assertArrayEquals(before.get(name).toDoubleArray(), after.get(name).toDoubleArray(), name);
        }
        assertFalse(java.util.Arrays.equals(before.get("0.weight").toDoubleArray(), after.get("0.weight").toDoubleArray()),
                "the unfrozen layer trains");
        head.requiresGrad(true);
        assertEquals(net.parameterCount(), net.trainableParameterCount());
    }

    @Test
    void forwardHooksSeeEachCallAndCanReplaceTheOutput() {
        ReLU relu = new ReLU();
        List<Shape> seen = new ArrayList<>();
        Module.RemovableHandle watch = relu.registerForwardHook((m, in, out) -> {
            assertSame(relu, m);
            seen.add(out.shape());
            return null;
        });
        try (Module.RemovableHandle negate = relu.registerForwardHook((m, in, out) -> out.neg())) {
            assertEquals(-2.0, relu.call(Tensor.of(new double[] {2.0}, 1)).item());
        }
        assertEquals(2.0, relu.call(Tensor.of(new double[] {2.0}, 1)).item(), "closing the handle removed the hook");
        assertEquals(List.of(Shape.of(1), Shape.of(1)), seen);
        watch.remove();
        watch.remove();
        relu.call(Tensor.of(new double[] {2.0}, 1));
        assertEquals(2, seen.size());
    }

    @Test
    void summaryListsEveryLayerWithItsOutputShapeAndParameters() {
        Sequential net = netWithCounter();
        net.get(0).requiresGrad(false);
        ModuleSummary s = net.summary(5, 3);
        assertEquals(List.of("", "0", "1", "2", "2.0", "2.1", "2.2"), s.rows().stream().map(ModuleSummary.Row::path).toList());
        assertEquals(List.of("Sequential", "Linear", "ReLU", "Sequential", "Linear", "Counter", "LayerNorm"),
                s.rows().stream().map(ModuleSummary.Row::type).toList());
        assertEquals(List.of(Shape.of(5, 3), Shape.of(5, 4), Shape.of(5, 4), Shape.of(5, 3), Shape.of(5, 3), Shape.of(5, 3),
                Shape.of(5, 3)), s.rows().stream().map(ModuleSummary.Row::outputShape).toList());
        assertEquals(List.of(0L, 16L, 0L, 0L, 12L, 3L, 6L), s.rows().stream().map(ModuleSummary.Row::parameters).toList());
        assertEquals(37, s.totalParameters());
        assertEquals(21, s.trainableParameters());
        assertEquals(16, s.nonTrainableParameters());
        String table = s.toString();
        assertTrue(table.contains("  0: Linear"), table);
        assertTrue(table.contains("    1: Counter"), table);
        assertTrue(table.contains("Total parameters: 37"), table);
        assertTrue(table.contains("Non-trainable parameters: 16"), table);
        // The pass ran in evaluation mode without side effects on the modes, and without a graph.
        assertTrue(net.isTraining() && net.get(2).isTraining());
        assertTrue(net.get(0).parameters().get(0).grad() == null);
    }

    @Test
    void summaryMarksLayersThatWereNotCalled() {
        Linear unused = new Linear(2, 2, true, DType.FLOAT32, new Generator(1));
        class Partial extends Module {
            Partial() {
                registerModule("unused", unused);
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        }
        ModuleSummary s = new Partial().summary(1, 2);
        assertNull(s.rows().get(1).outputShape());
        assertTrue(s.toString().contains("unused: Linear"), s.toString());
    }
}

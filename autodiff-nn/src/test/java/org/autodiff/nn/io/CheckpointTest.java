package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Tensor;
import org.autodiff.nn.MLP;
import org.autodiff.nn.Module;
import org.autodiff.nn.ReLU;
import org.autodiff.nn.Sequential;
import org.autodiff.nn.loss.Losses;
import org.autodiff.nn.optim.Adam;
import org.autodiff.nn.optim.AdamW;
import org.autodiff.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> model() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("0.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        m.put("0.bias", Tensor.of(new float[] {0.5f, -0.5f}));
        return m;
    }

    @Test
    void modelOptimizerAndMetadataRoundTripThroughOneFile() throws IOException {
        Map<String, Tensor> optim = new LinkedHashMap<>();
        optim.put("step", Tensor.scalar(12, DType.FLOAT64));
        optim.put("0.weight.exp_avg", Tensor.full(DType.FLOAT32, 0.1, 2, 3));
        Path p = dir.resolve("ckpt.safetensors");
        Checkpoint.save(p, model(), optim, Map.of("epoch", "12", "architecture", "Linear(3, 2)"));

        Checkpoint c = Checkpoint.load(p);
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(c.modelState().keySet()));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, c.modelState().get("0.weight").toFloatArray());
        assertEquals(List.of("step", "0.weight.exp_avg"), List.copyOf(c.optimizerState().keySet()));
        assertEquals(12.0, c.optimizerState().get("step").item());
        assertEquals(Map.of("epoch", "12", "architecture", "Linear(3, 2)"), c.metadata());

        // One plain safetensors file, readable by any reader, with prefixed names.
        assertEquals(List.of("model.0.weight", "model.0.bias", "optim.step", "optim.0.weight.exp_avg"),
                List.copyOf(SafeTensors.load(p).tensors().keySet()));
    }

    @Test
    void optimizerStateAndMetadataAreOptional() throws IOException {
        Path p = dir.resolve("model-only.safetensors");
        Checkpoint.save(p, model(), null, null);
        Checkpoint c = Checkpoint.load(p);
        assertEquals(2, c.modelState().size());
        assertTrue(c.optimizerState().isEmpty());
        assertTrue(c.metadata().isEmpty());
        c.save(dir.resolve("copy.safetensors"));
        assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(dir.resolve("copy.safetensors")));
    }

    @Test
    void badStateLeavesThePreviousCheckpointIntact() throws IOException {
        Path p = dir.resolve("ckpt.safetensors");
        Checkpoint.save(p, model(), null, Map.of("epoch", "1"));
        byte[] before = Files.readAllBytes(p);
        Map<String, Tensor> broken = model();
        broken.put("1.weight", null);
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(p, broken, null, Map.of("epoch", "2")));
        Map<String, Tensor> emptyName = model();
        emptyName.put("", Tensor.ones(1));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(p, model(), emptyName, null));
        assertArrayEquals(before, Files.readAllBytes(p));
    }

    // ---------------------------------------------------------------- a model and its optimizer

    private static final Tensor X = Tensor.randn(new Generator(3), DType.FLOAT32, 16, 4);
    private static final int[] Y = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0};

    private static Sequential net(long seed) {
        return MLP.builder(4).hidden(8).output(3).activation(ReLU::new).generator(new Generator(seed)).build();
    }

    private static void train(Module model, Optimizer opt, int steps) {
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            Losses.crossEntropy(model.forward(X), Y).backward();
            opt.step();
        }
    }

    private static void assertSameState(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), actual.get(k).toDoubleArray(), k));
    }

    @Test
    void modelAndOptimizerSavedTogetherResumeTrainingExactly() throws IOException {
        Sequential model = net(1);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        train(model, opt, 5);
        Path p = dir.resolve("resume.safetensors");
        Checkpoint.save(p, model, opt, Map.of("epoch", "5"));
        train(model, opt, 5);

        Sequential resumedModel = net(2);
        Optimizer resumedOpt = new Adam(resumedModel.parameters(), 0.5);
        Checkpoint c = Checkpoint.load(p);
        assertEquals("Adam", c.metadata().get(Checkpoint.OPTIMIZER_TYPE_KEY));
        assertEquals("5", c.metadata().get("epoch"));
        c.loadInto(resumedModel, resumedOpt);
        assertEquals(0.01, resumedOpt.lr());
        train(resumedModel, resumedOpt, 5);
        assertSameState(model.stateDict(), resumedModel.stateDict());
        assertSameState(opt.stateDict(), resumedOpt.stateDict());
    }

    @Test
    void aFailedLoadLeavesBothModelAndOptimizerUntouched() throws IOException {
        Sequential model = net(1);
        Optimizer adam = new Adam(model.parameters(), 0.01);
        train(model, adam, 3);
        Path p = dir.resolve("adam.safetensors");
        Checkpoint.save(p, model, adam, null);
        Checkpoint saved = Checkpoint.load(p);

        Sequential target = net(2);
        Optimizer adamW = new AdamW(target.parameters(), 0.01);
        train(target, adamW, 1);
        Map<String, Tensor> modelBefore = target.stateDict();
        Map<String, Tensor> optBefore = adamW.stateDict();

        // Adam state into AdamW: the same entries, so only the recorded kind tells them apart.
        IllegalArgumentException wrongKind = assertThrows(IllegalArgumentException.class, () -> saved.loadInto(target, adamW));
        assertTrue(wrongKind.getMessage().contains("Adam") && wrongKind.getMessage().contains("AdamW"), wrongKind.getMessage());

        // A fitting model state with a broken optimizer state (a negative step count).
        Map<String, Tensor> badOptim = new LinkedHashMap<>(saved.optimizerState());
        badOptim.put("state.0.step", Tensor.scalar(-3, DType.FLOAT64));
        Checkpoint brokenOptim = new Checkpoint(saved.modelState(), badOptim,
                Map.of(Checkpoint.OPTIMIZER_TYPE_KEY, "AdamW"));
        assertThrows(IllegalArgumentException.class, () -> brokenOptim.loadInto(target, adamW));

        // A fitting optimizer state with a model state of the wrong shape.
        Map<String, Tensor> badModel = new LinkedHashMap<>(saved.modelState());
        badModel.put("0.weight", Tensor.zeros(DType.FLOAT32, 9, 4));
        Checkpoint brokenModel = new Checkpoint(badModel, saved.optimizerState(),
                Map.of(Checkpoint.OPTIMIZER_TYPE_KEY, "AdamW"));
        assertThrows(IllegalArgumentException.class, () -> brokenModel.loadInto(target, adamW));

        // No optimizer state at all.
        Checkpoint modelOnly = new Checkpoint(saved.modelState(), Map.of(), Map.of());
        assertThrows(IllegalArgumentException.class, () -> modelOnly.loadInto(target, adamW));

        assertSameState(modelBefore, target.stateDict());
        assertSameState(optBefore, adamW.stateDict());
    }

    @Test
    void theOptimizerKindKeyIsReserved() {
        Sequential model = net(1);
        Optimizer opt = new Adam(model.parameters(), 0.01);
        Path p = dir.resolve("reserved.safetensors");
        assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(p, model, opt, Map.of(Checkpoint.OPTIMIZER_TYPE_KEY, "SGD")));
        assertFalse(Files.exists(p));
    }
}

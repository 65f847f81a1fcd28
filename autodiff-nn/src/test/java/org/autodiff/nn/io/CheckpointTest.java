package org.autodiff.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
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
}

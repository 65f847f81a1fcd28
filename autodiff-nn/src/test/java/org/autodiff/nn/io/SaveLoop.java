package org.autodiff.nn.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;

/**
 * The process {@link SaveKillTest} kills: saves two checkpoints, A and B, alternately to one path
 * until it is killed, printing "saving" once the first save has started.
 */
public final class SaveLoop {
    private SaveLoop() {
    }

    /** A checkpoint whose every element and metadata entry says which one it is. */
    static Map<String, Tensor> state(double value) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        // About 8 MB, so that a kill often lands in the middle of writing it.
        m.put("w", Tensor.full(DType.FLOAT64, value, 1000, 1000));
        m.put("step", Tensor.scalar((long) value, DType.INT64));
        return m;
    }

    /**
     * Saves forever.
     *
     * @param args the checkpoint path
     * @throws Exception if a save fails
     */
    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        Map<String, Tensor> a = state(1);
        Map<String, Tensor> b = state(2);
        System.out.println("saving");
        System.out.flush();
        for (long i = 0; ; i++) {
            boolean even = i % 2 == 0;
            Checkpoint.save(path, even ? a : b, null, Map.of("version", even ? "A" : "B"));
        }
    }
}

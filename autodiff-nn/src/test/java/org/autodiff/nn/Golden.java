package org.autodiff.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.Json;
import org.autodiff.core.Tensor;

/**
 * Reads the nn golden files (PyTorch reference vectors in float64, written by the generator
 * scripts beside them in the test resources), whose tensors are {@code {"shape": [...], "data":
 * [flat, row-major]}}.
 */
public final class Golden {
    private Golden() {
    }

    /**
     * The cases of a golden file.
     *
     * @param resource e.g. {@code "/golden/nn_layers.json"}
     * @return its {@code "cases"} list
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> cases(String resource) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Json.readResource(resource)).get("cases");
    }

    /**
     * A float64 tensor from its JSON form.
     *
     * @param encoded a {@code {"shape", "data"}} object
     * @return the tensor
     */
    public static Tensor tensor(Object encoded) {
        Map<?, ?> m = (Map<?, ?>) encoded;
        return Tensor.of(Json.flatten(m.get("data")), ints(m.get("shape")));
    }

    /**
     * Tensors by name from a JSON object of encoded tensors.
     *
     * @param encoded the object
     * @return the tensors, in file order
     */
    public static Map<String, Tensor> tensors(Object encoded) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        ((Map<?, ?>) encoded).forEach((k, v) -> out.put((String) k, tensor(v)));
        return out;
    }

    /**
     * A JSON list of numbers as ints.
     *
     * @param list the list
     * @return the ints
     */
    public static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(d -> ((Double) d).intValue()).toArray();
    }
}

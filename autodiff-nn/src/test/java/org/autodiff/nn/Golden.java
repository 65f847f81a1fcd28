package org.autodiff.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.autodiff.core.Json;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Reads the nn golden files (PyTorch reference vectors in float64, written by the generator
 * scripts beside them in the test resources), whose tensors are {@code {"shape": [...], "data":
 * [flat, row-major]}} with a {@code "dtype"} ({@code "int64"}, {@code "bool"} as 0/1) unless float64.
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
     * A float64 (or int64) tensor from its JSON form.
     *
     * @param encoded a {@code {"shape", "data"}} object
     * @return the tensor
     */
    public static Tensor tensor(Object encoded) {
        Map<?, ?> m = (Map<?, ?>) encoded;
        double[] data = Json.flatten(m.get("data"));
        Shape shape = Shape.of(ints(m.get("shape")));
        Object dtype = m.get("dtype");
        if (dtype == null || dtype.equals("float64")) {
            return Tensor.wrap(data, shape);
        }
        if (dtype.equals("int64")) {
            return Tensor.wrap(java.util.Arrays.stream(data).mapToLong(v -> (long) v).toArray(), shape);
        }
        if (dtype.equals("bool")) {
            boolean[] flags = new boolean[data.length];
            for (int i = 0; i < data.length; i++) {
                flags[i] = data[i] != 0;
            }
            return Tensor.wrap(flags, shape);
        }
        throw new IllegalArgumentException("golden tensor of dtype " + dtype + " not handled");
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

package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * int64 and bool tensors against PyTorch ({@code golden/dtypes.json}, written by
 * {@code generate_dtypes.py} with torch 1.13): every case's result dtype, shape and values (int64
 * and bool exactly, floating point to float32's or float64's precision), or the error PyTorch
 * raises; and the result dtype of every binary op over every pair of operand kinds and dtypes.
 */
class DTypesGoldenTest {

    /** The autodiff expression of each case (its PyTorch expression is in the file). */
    private static Function<Tensor[], Tensor> op(String name) {
        if (name.startsWith("to_")) {
            DType target = DType.valueOf(name.substring(3, name.indexOf("_from_")).toUpperCase());
            return in -> in[0].to(target);
        }
        for (String cmp : new String[] {"eq", "ne", "lt", "le", "gt", "ge"}) {
            if (name.startsWith(cmp + "_") && !name.equals("gt_float32_nan_broadcast")) {
                return in -> compare(cmp, in[0], in[1]);
            }
        }
        return switch (name) {
            case "add_int64", "add_int64_broadcast", "add_bool" -> in -> in[0].add(in[1]);
            case "sub_int64", "sub_bool" -> in -> in[0].sub(in[1]);
            case "mul_int64", "mul_bool", "mul_bool_float32" -> in -> in[0].mul(in[1]);
            case "mul_bool_float64_broadcast" -> in -> in[0].unsqueeze(1).mul(in[1]);
            case "div_int64" -> in -> in[0].div(in[1]);
            case "neg_int64", "neg_bool" -> in -> in[0].neg();
            case "abs_int64" -> in -> in[0].abs();
            case "sign_int64", "sign_bool" -> in -> in[0].sign();
            case "relu_int64" -> in -> in[0].relu();
            case "exp_int64" -> in -> in[0].exp();
            case "sqrt_int64" -> in -> in[0].sqrt();
            case "sigmoid_int64" -> in -> in[0].sigmoid();
            case "tanh_bool" -> in -> in[0].tanh();
            case "sum_int64", "sum_bool" -> in -> in[0].sum();
            case "sum_int64_dim1" -> in -> in[0].sum(1, false);
            case "sum_int64_dim0_keepdim" -> in -> in[0].sum(0, true);
            case "sum_bool_dim1" -> in -> in[0].reshape(2, 2).sum(1, false);
            case "max_int64", "max_bool" -> in -> in[0].max();
            case "min_int64", "min_bool" -> in -> in[0].min();
            case "max_int64_dim1_values" -> in -> in[0].max(1, false);
            case "min_int64_dim0_values" -> in -> in[0].min(0, false);
            // torch.max(dim) returns (values, indices); here the indices are argmax's.
            case "max_int64_dim1_indices", "argmax_float64_dim1", "max_float64_dim1_indices" -> in -> in[0].argmax(1, false);
            case "argmax_int64_dim0" -> in -> in[0].argmax(0, false);
            case "argmin_int64_dim1_keepdim" -> in -> in[0].argmin(1, true);
            case "argmin_float64_dim1" -> in -> in[0].argmin(1, false);
            case "argmax_float64_dim0_keepdim" -> in -> in[0].argmax(0, true);
            case "argmax_float32_dim0" -> in -> in[0].to(DType.FLOAT32).argmax(0, false);
            case "gt_float32_nan_broadcast" -> in -> in[0].unsqueeze(1).gt(in[1]);
            case "logical_not_float32", "logical_not_int64", "logical_not_bool" -> in -> in[0].logicalNot();
            case "logical_and_int64_float32" -> in -> in[0].logicalAnd(in[1]);
            case "logical_or_bool_int64" -> in -> in[0].logicalOr(in[1]);
            case "logical_xor_bool_float32" -> in -> in[0].logicalXor(in[1]);
            case "where_bool_int64_float32", "where_bool_int64_int64", "where_bool_bool_bool", "where_int64_condition",
                 "where_float32_condition" -> in -> Tensor.where(in[0], in[1], in[2]);
            case "gather_dim1", "gather_float_index" -> in -> in[0].gather(1, in[1]);
            case "index_select_dim0", "index_select_float_index" -> in -> in[0].indexSelect(0, in[1]);
            case "index_select_int64_source" -> in -> in[0].indexSelect(1, in[1]);
            case "cat_bool_int64", "cat_int64_float32" -> in -> Tensor.cat(0, in[0], in[1]);
            case "stack_bool" -> in -> Tensor.stack(1, in[0], in[1]);
            case "transpose_int64" -> in -> in[0].transpose(0, 1);
            case "pad_bool" -> in -> in[0].pad(new int[] {1, 2}, 0);
            case "pad_int64_value" -> in -> in[0].pad(new int[] {1, 1}, 2.5);
            case "expand_bool" -> in -> in[0].unsqueeze(1).expand(4, 3);
            case "slice_int64" -> in -> in[0].slice(1, 1, Integer.MAX_VALUE, 2);
            case "mean_int64" -> in -> in[0].mean();
            case "softmax_int64" -> in -> in[0].softmax(0);
            case "var_int64" -> in -> in[0].var();
            default -> null;
        };
    }

    /** The op an error case must name in its message. */
    private static String opNamedInError(String name) {
        String head = name.substring(0, name.indexOf('_'));
        return switch (head) {
            case "index" -> "indexSelect";
            default -> head;
        };
    }

    private static Tensor compare(String op, Tensor a, Tensor b) {
        return switch (op) {
            case "eq" -> a.eq(b);
            case "ne" -> a.ne(b);
            case "lt" -> a.lt(b);
            case "le" -> a.le(b);
            case "gt" -> a.gt(b);
            default -> a.ge(b);
        };
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesPyTorch() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<?>) root().get("cases")) {
            Map<?, ?> c = (Map<?, ?>) o;
            String name = (String) c.get("name");
            Function<Tensor[], Tensor> f = op(name);
            tests.add(DynamicTest.dynamicTest(name + ": " + c.get("expr"), () -> {
                if (f == null) {
                    fail("golden case '" + name + "' has no op mapping here");
                }
                List<?> inputs = (List<?>) c.get("inputs");
                Tensor[] in = new Tensor[inputs.size()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = tensor((Map<?, ?>) inputs.get(i));
                }
                Map<?, ?> expected = (Map<?, ?>) c.get("output");
                if (expected.containsKey("error")) {
                    RuntimeException e = assertThrows(IllegalArgumentException.class, () -> f.apply(in),
                            "PyTorch raises: " + expected.get("error"));
                    assertTrue(e.getMessage().startsWith(opNamedInError(name)), e.getMessage());
                    return;
                }
                assertSame(tensor(expected), f.apply(in));
            }));
        }
        assertTrue(tests.size() >= 100, "cases in dtypes.json: " + tests.size());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> binaryOpsPromoteAsTorchResultType() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<?>) root().get("promotion")) {
            Map<?, ?> row = (Map<?, ?>) o;
            Map<?, ?> a = (Map<?, ?>) row.get("a"), b = (Map<?, ?>) row.get("b");
            Map<?, ?> results = (Map<?, ?>) row.get("results");
            String title = a.get("dtype") + " " + a.get("kind") + " with " + (b.get("dtype") == null ? "" : b.get("dtype") + " ")
                    + b.get("kind");
            tests.add(DynamicTest.dynamicTest(title, () -> {
                Tensor x = operand((String) a.get("dtype"), (String) a.get("kind"));
                for (Map.Entry<?, ?> r : results.entrySet()) {
                    String op = (String) r.getKey(), expected = (String) r.getValue();
                    Function<Tensor, Tensor> f = binary(op, (String) b.get("dtype"), (String) b.get("kind"));
                    if (expected.equals("error")) {
                        assertThrows(IllegalArgumentException.class, () -> f.apply(x), op);
                    } else {
                        assertEquals(DType.valueOf(expected.toUpperCase()), f.apply(x).dtype(), op);
                    }
                }
            }));
        }
        assertEquals(80, tests.size());
        return tests.stream();
    }

    /** The values of the table's operands: a [2] tensor or a 0-d one. */
    private static Tensor operand(String dtype, String kind) {
        DType d = DType.valueOf(dtype.toUpperCase());
        double v = switch (d) {
            case FLOAT32 -> 1.5;
            case FLOAT64 -> -0.25;
            case INT64 -> 3;
            case BOOL -> 1;
        };
        return kind.equals("tensor") ? Tensor.full(d, v, 2) : Tensor.scalar(v, d);
    }

    /** x op b, with b a tensor operand or a Java number: a long for PyTorch's int 2, a double for its float 2.5. */
    private static Function<Tensor, Tensor> binary(String op, String dtype, String kind) {
        if (kind.equals("int") || kind.equals("float")) {
            boolean integer = kind.equals("int");
            return switch (op) {
                case "add" -> x -> integer ? x.add(2L) : x.add(2.5);
                case "sub" -> x -> integer ? x.sub(2L) : x.sub(2.5);
                case "mul" -> x -> integer ? x.mul(2L) : x.mul(2.5);
                case "div" -> x -> x.div(integer ? 2 : 2.5);
                case "eq" -> x -> integer ? x.eq(2L) : x.eq(2.5);
                case "lt" -> x -> integer ? x.lt(2L) : x.lt(2.5);
                default -> throw new IllegalArgumentException(op);
            };
        }
        Tensor y = operand(dtype, kind);
        return switch (op) {
            case "add" -> x -> x.add(y);
            case "sub" -> x -> x.sub(y);
            case "mul" -> x -> x.mul(y);
            case "div" -> x -> x.div(y);
            case "eq" -> x -> x.eq(y);
            case "lt" -> x -> x.lt(y);
            case "where" -> x -> Tensor.where(Tensor.full(DType.BOOL, 1), x, y);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static Map<?, ?> root() {
        return (Map<?, ?>) Json.readResource("/golden/dtypes.json");
    }

    /** A tensor from {"dtype", "shape", "values"}, the values as strings (exact for int64). */
    private static Tensor tensor(Map<?, ?> t) {
        int[] shape = ((List<?>) t.get("shape")).stream().mapToInt(d -> ((Double) d).intValue()).toArray();
        List<?> values = (List<?>) t.get("values");
        int n = values.size();
        return switch ((String) t.get("dtype")) {
            case "int64" -> Tensor.wrap(values.stream().mapToLong(v -> Long.parseLong((String) v)).toArray(), Shape.of(shape));
            case "bool" -> {
                boolean[] b = new boolean[n];
                for (int i = 0; i < n; i++) {
                    b[i] = Boolean.parseBoolean((String) values.get(i));
                }
                yield Tensor.wrap(b, Shape.of(shape));
            }
            case "float32" -> Tensor.wrap(values.stream().mapToDouble(v -> Double.parseDouble((String) v)).toArray(),
                    Shape.of(shape)).to(DType.FLOAT32);
            default -> Tensor.wrap(values.stream().mapToDouble(v -> Double.parseDouble((String) v)).toArray(), Shape.of(shape));
        };
    }

    /**
     * Same dtype, shape and values: int64 and bool exactly; floating point to a few units of its
     * precision (PyTorch's vectorised float32 exp may differ from ours in the last bit), NaN as NaN.
     */
    private static void assertSame(Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), "dtype");
        assertEquals(expected.shape(), actual.shape(), "shape");
        switch (expected.dtype()) {
            case INT64 -> assertEquals(java.util.Arrays.toString(expected.toLongArray()),
                    java.util.Arrays.toString(actual.toLongArray()));
            case BOOL -> assertEquals(java.util.Arrays.toString(expected.toBooleanArray()),
                    java.util.Arrays.toString(actual.toBooleanArray()));
            default -> {
                double tolerance = expected.dtype() == DType.FLOAT32 ? 3e-7 : 1e-15;
                double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
                for (int i = 0; i < e.length; i++) {
                    if (Double.isNaN(e[i]) || Double.isInfinite(e[i])) {
                        assertEquals(e[i], a[i], "at " + i);
                    } else {
                        assertEquals(e[i], a[i], tolerance * Math.abs(e[i]), "at " + i);
                    }
                }
            }
        }
    }
}

package org.autodiff.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.autodiff.core.Autograd;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;

/**
 * Reference vectors from PyTorch, JAX or any other source, in the golden format that the
 * project's generators write ({@code {"generator", "dtype", "cases": [...]}}, each case with
 * {@code op}, {@code inputs}, {@code shapes}, {@code output}, {@code cotangent}, {@code vjp},
 * {@code tangents}, {@code jvp}; nested lists, a 0-d value as a bare number), and the check of a
 * function against them: value, VJP (reverse mode) and JVP (forward mode) within 1e-9 relative or
 * 1e-12 absolute.
 *
 * <pre>{@code
 * List<GoldenVectors.Case> cases = GoldenVectors.read(Path.of("ops.json"));
 * GoldenVectors.check(GoldenVectors.find(cases, "softmax"), in -> in[0].softmax(-1));
 * }</pre>
 */
public final class GoldenVectors {
    /** Relative tolerance of a golden comparison. */
    public static final double RTOL = 1e-9;
    /** Absolute tolerance of a golden comparison near zero. */
    public static final double ATOL = 1e-12;
    /** The law name reported when a function disagrees with its reference vectors. */
    public static final String LAW = "matches reference vectors";

    private GoldenVectors() {
    }

    /**
     * One reference case: f's inputs, output, a cotangent u with each input's VJP Jᵢᵀu, and
     * tangents vᵢ with the JVP Σᵢ Jᵢvᵢ. VJP and JVP fields are null where the file has none.
     *
     * @param op the case's name
     * @param inputs the inputs
     * @param output f(inputs)
     * @param cotangent u, shaped like the output
     * @param vjp Jᵢᵀu for each input
     * @param tangents vᵢ, shaped like each input
     * @param jvp Σᵢ Jᵢvᵢ
     */
    public record Case(String op, Tensor[] inputs, Tensor output, Tensor cotangent, Tensor[] vjp, Tensor[] tangents,
                       Tensor jvp) {
        @Override
        public String toString() {
            return op + " at " + Arrays.toString(inputs);
        }
    }

    /**
     * Reads a golden file.
     *
     * @param file the JSON file
     * @return its cases, in file order
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException naming the case and field when the file is malformed
     */
    public static List<Case> read(Path file) {
        try {
            return parseCases(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GoldenVectors.read: " + file, e);
        }
    }

    /**
     * Reads a golden document from a stream (e.g. a class-path resource).
     *
     * @param in the stream, read to its end and not closed
     * @return its cases, in order
     */
    public static List<Case> read(InputStream in) {
        try {
            return parseCases(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("GoldenVectors.read", e);
        }
    }

    /**
     * The case of the given name.
     *
     * @param cases the cases
     * @param op the name
     * @return the case
     * @throws IllegalArgumentException listing the names when there is none
     */
    public static Case find(List<Case> cases, String op) {
        for (Case c : cases) {
            if (c.op().equals(op)) {
                return c;
            }
        }
        throw new IllegalArgumentException("GoldenVectors.find: no case '" + op + "' among "
                + cases.stream().map(Case::op).toList());
    }

    /**
     * Checks f against a reference case: its value, its VJP with the case's cotangent (reverse
     * mode) and its JVP with the case's tangents (forward mode).
     *
     * @param c the reference case
     * @param f the function, of the case's inputs
     * @throws LawViolation naming the quantity, the element and both values
     */
    public static void check(Case c, Function<Tensor[], Tensor> f) {
        Tensor[] leaves = new Tensor[c.inputs().length];
        for (int i = 0; i < leaves.length; i++) {
            leaves[i] = c.inputs()[i].detach().copy().requiresGrad(true);
        }
        Tensor y = f.apply(leaves);
        compare(c, "output", c.output(), y);
        if (c.vjp() != null && c.cotangent() != null) {
            Tensor[] g = Autograd.grad(new Tensor[] {y}, leaves, new Tensor[] {c.cotangent()}, false, false, true);
            for (int i = 0; i < leaves.length; i++) {
                compare(c, "vjp of input " + i, c.vjp()[i], g[i] == null ? Tensor.zerosLike(c.inputs()[i]) : g[i]);
            }
        }
        if (c.jvp() != null && c.tangents() != null) {
            Tensor[] duals = new Tensor[leaves.length];
            for (int i = 0; i < duals.length; i++) {
                duals[i] = c.inputs()[i].detach().copy().withTangent(c.tangents()[i]);
            }
            Tensor t = f.apply(duals).tangent();
            compare(c, "jvp", c.jvp(), t == null ? Tensor.zerosLike(c.output()) : t);
        }
    }

    private static void compare(Case c, String what, Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape()) && expected.numel() != actual.numel()) {
            throw new LawViolation(LAW, c.op(), Arrays.toString(c.inputs()), what + ": shape " + actual.shape()
                    + ", reference " + expected.shape());
        }
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int k = 0; k < e.length; k++) {
            if (!(Math.abs(a[k] - e[k]) <= ATOL + RTOL * Math.abs(e[k]))) {
                throw new LawViolation(LAW, c.op(), Arrays.toString(c.inputs()), what + " element " + k + ": "
                        + a[k] + ", reference " + e[k]);
            }
        }
    }

    // ---------------------------------------------------------------- the format

    @SuppressWarnings("unchecked")
    private static List<Case> parseCases(String text) {
        Object doc = new Parser(text).document();
        if (!(doc instanceof Map<?, ?> m) || !(m.get("cases") instanceof List<?> list)) {
            throw new IllegalArgumentException("GoldenVectors: expected an object with a \"cases\" array");
        }
        List<Case> cases = new ArrayList<>();
        for (Object o : list) {
            Map<String, Object> c = (Map<String, Object>) o;
            String op = String.valueOf(c.get("op"));
            List<Object> shapes = (List<Object>) require(c, op, "shapes");
            List<Object> inputs = (List<Object>) require(c, op, "inputs");
            Shape[] inShapes = new Shape[shapes.size()];
            Tensor[] in = new Tensor[shapes.size()];
            for (int i = 0; i < in.length; i++) {
                inShapes[i] = shape(shapes.get(i));
                in[i] = tensor(inputs.get(i), inShapes[i], op, "inputs[" + i + "]");
            }
            Tensor output = tensor(require(c, op, "output"));
            Tensor cotangent = c.containsKey("cotangent") ? tensor(c.get("cotangent"), output.shape(), op, "cotangent")
                    : null;
            Tensor[] vjp = null;
            if (c.get("vjp") instanceof List<?> v) {
                vjp = new Tensor[in.length];
                for (int i = 0; i < in.length; i++) {
                    vjp[i] = tensor(v.get(i), inShapes[i], op, "vjp[" + i + "]");
                }
            }
            Tensor[] tangents = null;
            if (c.get("tangents") instanceof List<?> t) {
                tangents = new Tensor[in.length];
                for (int i = 0; i < in.length; i++) {
                    tangents[i] = tensor(t.get(i), inShapes[i], op, "tangents[" + i + "]");
                }
            }
            Tensor jvp = c.containsKey("jvp") ? tensor(c.get("jvp"), output.shape(), op, "jvp") : null;
            cases.add(new Case(op, in, output, cotangent, vjp, tangents, jvp));
        }
        return cases;
    }

    private static Object require(Map<String, Object> c, String op, String field) {
        Object v = c.get(field);
        if (v == null) {
            throw new IllegalArgumentException("GoldenVectors: case '" + op + "' has no \"" + field + "\"");
        }
        return v;
    }

    private static Shape shape(Object dims) {
        List<?> l = (List<?>) dims;
        int[] d = new int[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = ((Double) l.get(i)).intValue();
        }
        return Shape.of(d);
    }

    /** A tensor whose shape is read off the nesting of the lists. */
    private static Tensor tensor(Object nested) {
        List<Integer> dims = new ArrayList<>();
        for (Object o = nested; o instanceof List<?> l; o = l.isEmpty() ? null : l.get(0)) {
            dims.add(((List<?>) o).size());
        }
        return tensor(nested, Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()), "?", "output");
    }

    private static Tensor tensor(Object nested, Shape shape, String op, String field) {
        List<Double> flat = new ArrayList<>();
        flatten(nested, flat);
        if (flat.size() != shape.numel()) {
            throw new IllegalArgumentException("GoldenVectors: case '" + op + "', " + field + ": " + flat.size()
                    + " values for shape " + shape);
        }
        return Tensor.wrap(flat.stream().mapToDouble(Double::doubleValue).toArray(), shape);
    }

    private static void flatten(Object o, List<Double> out) {
        if (o instanceof List<?> l) {
            l.forEach(x -> flatten(x, out));
        } else {
            out.add((Double) o);
        }
    }

    /** A small JSON reader: objects as maps, arrays as lists, numbers as Double (NaN and Infinity allowed, as Python writes them). */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            space();
            if (pos != s.length()) {
                throw error("trailing text");
            }
            return v;
        }

        private Object value() {
            space();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                pos++;
                space();
                if (s.charAt(pos) == '}') {
                    pos++;
                    return m;
                }
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    m.put(key, value());
                    space();
                } while (s.charAt(pos++) == ',');
                if (s.charAt(pos - 1) != '}') {
                    throw error("expected '}'");
                }
                return m;
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                pos++;
                space();
                if (s.charAt(pos) == ']') {
                    pos++;
                    return l;
                }
                do {
                    l.add(value());
                    space();
                } while (s.charAt(pos++) == ',');
                if (s.charAt(pos - 1) != ']') {
                    throw error("expected ']'");
                }
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null", "NaN", "Infinity", "-Infinity"}) {
                if (s.startsWith(word, pos)) {
                    pos += word.length();
                    return switch (word) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        case "NaN" -> Double.NaN;
                        case "Infinity" -> Double.POSITIVE_INFINITY;
                        default -> Double.NEGATIVE_INFINITY;
                    };
                }
            }
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected '" + c + "'");
            }
            return Double.parseDouble(s.substring(start, pos));
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (s.charAt(pos) != '"') {
                char c = s.charAt(pos++);
                if (c == '\\') {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            pos++;
            return sb.toString();
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void space() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("GoldenVectors: malformed JSON at character " + pos + ": " + what);
        }
    }
}

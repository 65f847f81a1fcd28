package org.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Op arguments judged by PyTorch: {@code fuzz/op_corpus.json} (written by
 * {@code fuzz/make_op_corpus.py} with torch 1.13) holds about ten thousand edge-case calls of every
 * public op (shapes that do not broadcast, dims out of range, 0-d and empty tensors, zero-size
 * dims, out-of-range indices, wrong-sign steps, conv and pooling geometry that does not fit, int64
 * and bool operands) with PyTorch's decision. Where PyTorch raises, autodiff must raise its own
 * specific exception (an IllegalArgumentException or IndexOutOfBoundsException with a message, or
 * an IllegalStateException whose message starts with the op, never a raw JDK exception); where
 * PyTorch returns, autodiff must return the same shape, dtype and values. A second check keeps
 * the corpus complete: every public op of Tensor and of the ops package is in it, or listed in
 * {@link #NOT_FUZZED} with the reason. Beside the
 * corpus, jqwik draws huge sizes, which PyTorch cannot be asked about on this machine: each call
 * either works or raises the library's exception, never an OutOfMemoryError.
 */
class OpArgumentFuzzTest {
    /** A deliberate refusal: why, and which calls of the op it covers. */
    private record Refusal(String reason, java.util.function.Predicate<Map<String, Object>> covers) {
    }

    private static final Refusal NEGATIVE_NORM = new Refusal("p < 0 (documented: p is 0, positive or ∞)",
            c -> d(args(c), "p") < 0);

    private static final Refusal INTEGER_OPERAND = new Refusal("an int64 or bool operand of an op that computes in "
            + "floating point (documented: Kernels.requireFloatingPoint names the op and says to convert with to())",
            c -> ((List<?>) c.get("inputs")).stream().anyMatch(i -> !((String) ((Map<?, ?>) i).get("dtype")).startsWith("float")));

    private static final Refusal NON_BOOL_MASK = new Refusal("a mask that is not bool, which PyTorch 1.13 lets through "
            + "only when the tensor is empty or the mask 0-d (its dtype check is skipped on those paths)",
            c -> !inputDType(c, 1).equals("bool"));

    /**
     * Where autodiff refuses what PyTorch accepts, on purpose: a documented difference, not a
     * silent wrong answer. Keyed by op; each entry says why and which calls it covers, so that
     * any other refusal of the same op still fails.
     */
    private static final Map<String, Refusal> KNOWN_REFUSALS = Map.ofEntries(
            Map.entry("pad", new Refusal("negative padding (PyTorch crops) is refused: pad only grows a tensor here",
                    c -> java.util.Arrays.stream(ints(args(c).get("padding"))).anyMatch(p -> p < 0))),
            Map.entry("indexSelect", new Refusal("a 0-d input with an empty index (PyTorch returns a 0-d tensor of "
                    + "uninitialised memory)", c -> inputShape(c, 0).length == 0)),
            Map.entry("triu", new Refusal("a 1-d empty input (PyTorch skips its own two-dims check when there are no "
                    + "elements)", c -> inputShape(c, 0).length < 2)),
            Map.entry("tril", new Refusal("a 1-d empty input (PyTorch skips its own two-dims check when there are no "
                    + "elements)", c -> inputShape(c, 0).length < 2)),
            Map.entry("pow", new Refusal("integer and bool powers (documented in Kernels: convert to a floating dtype "
                    + "first)", c -> !inputDType(c, 0).startsWith("float") && !inputDType(c, 1).startsWith("float"))),
            Map.entry("normP", NEGATIVE_NORM), Map.entry("normDim", NEGATIVE_NORM), Map.entry("normDims", NEGATIVE_NORM),
            Map.entry("softplusBeta", new Refusal("beta = 0 (PyTorch divides by it and returns NaN and ∞)",
                    c -> d(args(c), "beta") == 0)),
            Map.entry("matmul", INTEGER_OPERAND), Map.entry("conv2d", INTEGER_OPERAND),
            Map.entry("avgPool2d", INTEGER_OPERAND), Map.entry("softmax", INTEGER_OPERAND),
            Map.entry("logSoftmax", INTEGER_OPERAND), Map.entry("logSumExp", INTEGER_OPERAND),
            Map.entry("maskedFill", NON_BOOL_MASK), Map.entry("maskedFillTensor", NON_BOOL_MASK),
            Map.entry("clamp", new Refusal("min > max (documented: PyTorch returns max everywhere, a swapped pair of "
                    + "bounds is refused here)", c -> d(args(c), "min") > d(args(c), "max"))),
            Map.entry("linear", new Refusal("a 1-d weight (PyTorch then drops the output dim); the weight is [out, in] "
                    + "here", c -> inputShape(c, 1).length == 1)));

    private static int[] inputShape(Map<String, Object> c, int k) {
        return ints(((Map<?, ?>) ((List<?>) c.get("inputs")).get(k)).get("shape"));
    }

    private static String inputDType(Map<String, Object> c, int k) {
        return (String) ((Map<?, ?>) ((List<?>) c.get("inputs")).get(k)).get("dtype");
    }

    private static final int FAILURES_SHOWN = 60;

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> corpus() {
        return (List<Map<String, Object>>) ((Map<String, Object>) Json.readResource("/fuzz/op_corpus.json")).get("cases");
    }

    @Test
    void everyCorpusCallMatchesPyTorchsDecisionAndResult() {
        List<Map<String, Object>> cases = corpus();
        assertTrue(cases.size() > 3000, "corpus has only " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        Map<String, Integer> refusedByDesign = new TreeMap<>();
        int agreedRejections = 0;
        int agreedResults = 0;
        for (Map<String, Object> c : cases) {
            String op = (String) c.get("op");
            boolean torchOk = (Boolean) c.get("ok");
            Tensor out;
            try {
                out = call(op, inputs(c), args(c));
            } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException e) {
                // An IllegalStateException is the library's for a call on a tensor in the wrong state (item of
                // many elements, backward of a non-scalar), when its message starts with the method it names.
                boolean raw = e.getClass() == ArrayIndexOutOfBoundsException.class
                        || e.getClass() == StringIndexOutOfBoundsException.class || e.getMessage() == null
                        || e instanceof IllegalStateException && !namesAnOp(e);
                if (raw) {
                    failures.add(describe(c) + ": raw " + e);
                } else if (torchOk) {
                    Refusal refusal = KNOWN_REFUSALS.get(op);
                    if (refusal != null && refusal.covers().test(c)) {
                        refusedByDesign.merge(op, 1, Integer::sum);
                    } else {
                        failures.add(describe(c) + ": PyTorch returns shape " + java.util.Arrays.toString(ints(c.get("shape")))
                                + " but autodiff raised " + e);
                    }
                } else {
                    agreedRejections++;
                }
                continue;
            } catch (RuntimeException | Error e) {
                failures.add(describe(c) + ": raw " + e);
                continue;
            }
            if (!torchOk) {
                failures.add(describe(c) + ": silently accepted (shape " + out.shape() + "); PyTorch raises " + c.get("error"));
                continue;
            }
            String mismatch = compare(c, out);
            if (mismatch != null) {
                failures.add(describe(c) + ": " + mismatch);
            } else {
                agreedResults++;
            }
        }
        Map<String, Integer> failuresByOp = new TreeMap<>();
        failures.forEach(f -> failuresByOp.merge(f.substring(0, f.indexOf('(')), 1, Integer::sum));
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases disagree with PyTorch ("
                + agreedRejections + " rejections and " + agreedResults + " results agree; refused by design: "
                + refusedByDesign + "; disagreements by op: " + failuresByOp + "):\n"
                + String.join("\n", failures.subList(0, Math.min(FAILURES_SHOWN, failures.size()))));
    }

    /**
     * Public members of Tensor that are not fuzzed against PyTorch, each with the reason: they take
     * no argument that PyTorch could judge, or their arguments are the corpus's own plumbing.
     */
    private static final Map<String, String> NOT_FUZZED = Map.ofEntries(
            // Accessors: no argument at all, or none beyond the tensor itself.
            Map.entry("shape", "accessor"), Map.entry("dim", "accessor"), Map.entry("numel", "accessor"),
            Map.entry("dtype", "accessor"), Map.entry("storage", "accessor"), Map.entry("version", "accessor"),
            Map.entry("toDoubleArray", "accessor"), Map.entry("toFloatArray", "accessor"),
            Map.entry("toLongArray", "accessor"), Map.entry("toBooleanArray", "accessor"),
            Map.entry("toString", "accessor"), Map.entry("isLeaf", "accessor"), Map.entry("grad", "accessor"),
            Map.entry("tangent", "accessor"), Map.entry("gradFnName", "accessor"), Map.entry("gradFnInputs", "accessor"),
            Map.entry("strides", "accessor"), Map.entry("storageOffset", "accessor"),
            Map.entry("isContiguous", "accessor"), Map.entry("isDense", "accessor"),
            // Graph bookkeeping: flags and names, no tensor argument with a shape or dtype to get wrong.
            Map.entry("requiresGrad", "a flag (its dtype check is AutogradTest's)"),
            Map.entry("retainGrad", "a flag"), Map.entry("retainsGrad", "a flag"), Map.entry("zeroGrad", "a flag"),
            Map.entry("name", "a label"), Map.entry("detach", "no argument"),
            Map.entry("registerHook", "its argument is a Java function, not a tensor"),
            // The corpus's own input path: every case's tensors are made by wrap, so every case calls it.
            Map.entry("wrap", "builds every input of the corpus; its one check (length = numel) is judged through of"));

    /**
     * The public static functions of org.autodiff.core.ops that are not Tensor methods of the same
     * name: the Tensor method each one implements (and the corpus covers through it), or why none.
     */
    private static final Map<String, String> OPS_FUNCTIONS = Map.of(
            "extremum", "max", "argExtremum", "argmax", "cast", "to", "geluTanh", "gelu", "copyInto", "copyFrom",
            "alias", "(not fuzzed: the identity view withTangent makes, no argument beyond the tensor)",
            "viewStrides", "reshape");

    /**
     * The Tensor method a corpus op calls: the op itself, or the longest method name it starts with
     * ("maxDim", "normP" and "addScalar" are forms of max, norm and add).
     */
    private static String methodOf(String op, java.util.Set<String> methods) {
        String best = null;
        for (String m : methods) {
            if (op.startsWith(m) && (op.length() == m.length() || Character.isUpperCase(op.charAt(m.length())))
                    && (best == null || m.length() > best.length())) {
                best = m;
            }
        }
        return best;
    }

    @Test
    void everyPublicOpIsInTheCorpusOrExcludedWithAReason() throws Exception {
        java.util.Set<String> methods = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : Tensor.class.getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isPublic(m.getModifiers())) {
                methods.add(m.getName());
            }
        }
        Map<String, String> functions = new TreeMap<>();
        for (String cls : List.of("Activations", "Arithmetic", "Comparisons", "Convolution", "Elementwise", "Masking",
                "MatrixProducts", "Movement", "Reductions")) {
            for (java.lang.reflect.Method m : Class.forName("org.autodiff.core.ops." + cls).getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (java.lang.reflect.Modifier.isPublic(mod) && java.lang.reflect.Modifier.isStatic(mod)) {
                    functions.put(m.getName(), cls);
                }
            }
        }
        java.util.Set<String> callable = new java.util.TreeSet<>(methods);
        callable.addAll(functions.keySet());
        java.util.Set<String> covered = new java.util.TreeSet<>();
        for (Map<String, Object> c : corpus()) {
            String m = methodOf((String) c.get("op"), callable);
            assertTrue(m != null, "corpus op " + c.get("op") + " names no public method of Tensor or function of the ops");
            covered.add(m);
        }
        List<String> missing = new ArrayList<>();
        for (String m : methods) {
            if (!covered.contains(m) && !NOT_FUZZED.containsKey(m)) {
                missing.add("Tensor." + m);
            }
            if (covered.contains(m) && NOT_FUZZED.containsKey(m)) {
                missing.add("Tensor." + m + " is in the corpus: take it off NOT_FUZZED");
            }
        }
        // The ops classes' public functions: each is a Tensor method's implementation, or listed.
        for (Map.Entry<String, String> f : functions.entrySet()) {
            String as = OPS_FUNCTIONS.getOrDefault(f.getKey(), f.getKey());
            if (!covered.contains(as) && !as.startsWith("(not fuzzed") && !NOT_FUZZED.containsKey(as)) {
                missing.add(f.getValue() + "." + f.getKey());
            }
        }
        assertTrue(missing.isEmpty(), "public ops neither in fuzz/op_corpus.json nor in NOT_FUZZED (with a reason): "
                + missing);
    }

    private static String describe(Map<String, Object> c) {
        StringBuilder sb = new StringBuilder((String) c.get("op")).append('(');
        for (Object i : (List<?>) c.get("inputs")) {
            Map<?, ?> m = (Map<?, ?>) i;
            sb.append(m.get("dtype")).append(java.util.Arrays.toString(ints(m.get("shape")))).append(", ");
        }
        return sb.append(c.get("args")).append(')').toString();
    }

    private static List<Tensor> inputs(Map<String, Object> c) {
        List<Tensor> out = new ArrayList<>();
        for (Object i : (List<?>) c.get("inputs")) {
            Map<?, ?> m = (Map<?, ?>) i;
            // Tensor.wrap, not Tensor.of: of() reads "no sizes" as 1-d, and the corpus has 0-d tensors.
            Shape shape = Shape.of(ints(m.get("shape")));
            List<?> data = (List<?>) m.get("data");
            switch ((String) m.get("dtype")) {
                case "int64" -> out.add(Tensor.wrap(data.stream().mapToLong(v -> ((Number) v).longValue()).toArray(), shape));
                case "bool" -> {
                    boolean[] b = new boolean[data.size()];
                    for (int k = 0; k < b.length; k++) {
                        b[k] = (Boolean) data.get(k);
                    }
                    out.add(Tensor.wrap(b, shape));
                }
                default -> out.add(Tensor.wrap(data.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray(), shape));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> args(Map<String, Object> c) {
        return (Map<String, Object>) c.get("args");
    }

    private static int[] ints(Object list) {
        return ((List<?>) list).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    private static int i(Map<String, Object> a, String key) {
        return ((Number) a.get(key)).intValue();
    }

    private static double d(Map<String, Object> a, String key) {
        return number(a.get(key));
    }

    /** A number of the corpus: JSON has no NaN or infinities, so they are the strings "nan", "inf" and "-inf". */
    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue()
                : v.equals("nan") ? Double.NaN : v.equals("inf") ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    private static DType dtype(Map<String, Object> a) {
        return DType.valueOf(((String) a.get("dtype")).toUpperCase(java.util.Locale.ROOT));
    }

    private static boolean b(Map<String, Object> a, String key) {
        return (Boolean) a.get(key);
    }

    /** The autodiff call a corpus op names. */
    static Tensor call(String op, List<Tensor> in, Map<String, Object> a) {
        Tensor x = in.isEmpty() ? null : in.get(0);
        Tensor y = in.size() > 1 ? in.get(1) : null;
        return switch (op) {
            case "add" -> x.add(y);
            case "sub" -> x.sub(y);
            case "mul" -> x.mul(y);
            case "div" -> x.div(y);
            case "matmul" -> x.matmul(y);
            case "lt" -> x.lt(y);
            case "where" -> Tensor.where(x, y, in.get(2));
            case "sum" -> x.sum(ints(a.get("dims")), b(a, "keepDim"));
            case "mean" -> x.mean(ints(a.get("dims")), b(a, "keepDim"));
            case "var" -> x.var(ints(a.get("dims")), i(a, "correction"), b(a, "keepDim"));
            case "std" -> x.std(ints(a.get("dims")), i(a, "correction"), b(a, "keepDim"));
            case "softmax" -> x.softmax(i(a, "dim"));
            case "logSoftmax" -> x.logSoftmax(i(a, "dim"));
            case "maxDim" -> x.max(i(a, "dim"), b(a, "keepDim"));
            case "argmax" -> x.argmax(i(a, "dim"), b(a, "keepDim"));
            case "logSumExp" -> x.logSumExp(i(a, "dim"), b(a, "keepDim"));
            case "squeeze" -> x.squeeze(i(a, "dim"));
            case "unsqueeze" -> x.unsqueeze(i(a, "dim"));
            case "triu" -> x.triu(i(a, "k"));
            case "tril" -> x.tril(i(a, "k"));
            case "slice" -> x.slice(i(a, "dim"), i(a, "start"), i(a, "end"), i(a, "step"));
            case "sumAll" -> x.sum();
            case "maxAll" -> x.max();
            case "flatten" -> x.flatten();
            case "transpose" -> x.transpose(i(a, "dim0"), i(a, "dim1"));
            case "permute" -> x.permute(ints(a.get("dims")));
            case "reshape" -> x.reshape(ints(a.get("shape")));
            case "contiguous" -> x.contiguous();
            case "asStrided" -> x.asStrided(Shape.of(ints(a.get("size"))), ints(a.get("stride")), i(a, "offset"));
            case "expand" -> x.expand(ints(a.get("shape")));
            case "pad" -> x.pad(ints(a.get("padding")), d(a, "value"));
            case "indexSelect" -> x.indexSelect(i(a, "dim"), y);
            case "gather" -> x.gather(i(a, "dim"), y);
            case "cat" -> Tensor.cat(i(a, "dim"), x, y);
            case "stack" -> Tensor.stack(i(a, "dim"), x, y);
            case "conv2d" -> x.conv2d(y, null, i(a, "stride"), i(a, "padding"), i(a, "dilation"), i(a, "groups"));
            case "maxPool2d" -> x.maxPool2d(i(a, "kernel"), i(a, "stride"), i(a, "padding"));
            case "avgPool2d" -> x.avgPool2d(i(a, "kernel"), i(a, "stride"), i(a, "padding"));
            case "arange" -> Tensor.arange(DType.FLOAT64, d(a, "start"), d(a, "end"), d(a, "step"));
            case "linspace" -> Tensor.linspace(DType.FLOAT64, d(a, "start"), d(a, "end"), i(a, "steps"));
            case "eye" -> a.containsKey("dtype") ? Tensor.eye(dtype(a), i(a, "n")) : Tensor.eye(DType.FLOAT64, i(a, "n"));
            default -> callMore(op, in, a);
        };
    }

    /** The calls of the ops beyond the first corpus (one switch would pass the JIT's method size limit). */
    private static Tensor callMore(String op, List<Tensor> in, Map<String, Object> a) {
        Tensor x = in.isEmpty() ? null : in.get(0);
        Tensor y = in.size() > 1 ? in.get(1) : null;
        return switch (op) {
            // Unary elementwise functions.
            case "neg" -> x.neg();
            case "square" -> x.square();
            case "reciprocal" -> x.reciprocal();
            case "exp" -> x.exp();
            case "expm1" -> x.expm1();
            case "log" -> x.log();
            case "log1p" -> x.log1p();
            case "sqrt" -> x.sqrt();
            case "abs" -> x.abs();
            case "sin" -> x.sin();
            case "cos" -> x.cos();
            case "tanh" -> x.tanh();
            case "sigmoid" -> x.sigmoid();
            case "relu" -> x.relu();
            case "silu" -> x.silu();
            case "erf" -> x.erf();
            case "sign" -> x.sign();
            case "gelu" -> x.gelu();
            case "elu" -> x.elu();
            case "softplus" -> x.softplus();
            case "logicalNot" -> x.logicalNot();
            case "leakyRelu" -> x.leakyRelu(d(a, "negativeSlope"));
            case "geluApproximate" -> x.gelu((String) a.get("approximate"));
            case "eluAlpha" -> x.elu(d(a, "alpha"));
            case "softplusBeta" -> x.softplus(d(a, "beta"), d(a, "threshold"));
            case "clamp" -> x.clamp(d(a, "min"), d(a, "max"));
            // Scalar operands: a Java double is a Python float, a long a Python int.
            case "powScalar" -> x.pow(d(a, "c"));
            case "addScalar" -> x.add(d(a, "c"));
            case "subScalar" -> x.sub(d(a, "c"));
            case "mulScalar" -> x.mul(d(a, "c"));
            case "divScalar" -> x.div(d(a, "c"));
            case "rsubScalar" -> x.rsub(d(a, "c"));
            case "eqScalar" -> x.eq(d(a, "c"));
            case "ltScalar" -> x.lt(d(a, "c"));
            case "gtScalar" -> x.gt(d(a, "c"));
            case "addLong" -> x.add((long) i(a, "c"));
            case "subLong" -> x.sub((long) i(a, "c"));
            case "mulLong" -> x.mul((long) i(a, "c"));
            case "rsubLong" -> x.rsub((long) i(a, "c"));
            case "eqLong" -> x.eq((long) i(a, "c"));
            case "ltLong" -> x.lt((long) i(a, "c"));
            case "gtLong" -> x.gt((long) i(a, "c"));
            // Binary ops on tensors.
            case "pow" -> x.pow(y);
            case "eq" -> x.eq(y);
            case "ne" -> x.ne(y);
            case "le" -> x.le(y);
            case "gt" -> x.gt(y);
            case "ge" -> x.ge(y);
            case "logicalAnd" -> x.logicalAnd(y);
            case "logicalOr" -> x.logicalOr(y);
            case "logicalXor" -> x.logicalXor(y);
            case "maskedFill" -> x.maskedFill(y, d(a, "value"));
            case "maskedFillTensor" -> x.maskedFill(y, in.get(2));
            // Reductions.
            case "meanAll" -> x.mean();
            case "varAll" -> x.var();
            case "stdAll" -> x.std();
            case "minAll" -> x.min();
            case "normAll" -> x.norm();
            case "normP" -> x.norm(d(a, "p"));
            case "normDim" -> x.norm(d(a, "p"), i(a, "dim"), b(a, "keepDim"));
            case "normDims" -> x.norm(d(a, "p"), ints(a.get("dims")), b(a, "keepDim"));
            case "sumDim" -> x.sum(i(a, "dim"), b(a, "keepDim"));
            case "meanDim" -> x.mean(i(a, "dim"), b(a, "keepDim"));
            case "minDim" -> x.min(i(a, "dim"), b(a, "keepDim"));
            case "argmin" -> x.argmin(i(a, "dim"), b(a, "keepDim"));
            case "sumToSize" -> x.sumToSize(Shape.of(ints(a.get("shape"))));
            // Shapes, element access and copies.
            case "squeezeAll" -> x.squeeze();
            case "copy" -> x.copy();
            case "to" -> x.to(dtype(a));
            case "viewAs" -> x.viewAs(Shape.of(ints(a.get("shape"))));
            case "indexSelectInts" -> x.indexSelect(i(a, "dim"), ints(a.get("index")));
            // size, item and get return Java numbers: as 0-d tensors, int64 for a size, else of the tensor's dtype.
            case "size" -> Tensor.scalar(x.size(i(a, "dim")), DType.INT64);
            case "item" -> Tensor.scalar(x.item(), x.dtype());
            case "get" -> Tensor.scalar(x.get(ints(a.get("index"))), x.dtype());
            // In-place updates, on a copy so that the corpus's input stays as it was.
            case "addInPlace" -> x.copy().addInPlace(y, d(a, "alpha"));
            case "mulInPlace" -> x.copy().mulInPlace(d(a, "factor"));
            case "copyFrom" -> x.copy().copyFrom(y);
            // Convolution with a bias, linear.
            case "conv2dBias" -> x.conv2d(y, in.get(2), i(a, "stride"), i(a, "padding"), i(a, "dilation"), i(a, "groups"));
            case "linear" -> org.autodiff.core.ops.MatrixProducts.linear(x, y, in.size() > 2 ? in.get(2) : null);
            // Factories.
            case "zeros" -> Tensor.zeros(dtype(a), ints(a.get("shape")));
            case "ones" -> Tensor.ones(dtype(a), ints(a.get("shape")));
            case "full" -> Tensor.full(dtype(a), d(a, "value"), ints(a.get("shape")));
            case "empty" -> Tensor.empty(dtype(a), Shape.of(ints(a.get("shape"))));
            case "rand" -> Tensor.rand(dtype(a), ints(a.get("shape")));
            case "randn" -> Tensor.randn(dtype(a), ints(a.get("shape")));
            case "scalar" -> Tensor.scalar(d(a, "value"), dtype(a));
            case "zerosLike" -> Tensor.zerosLike(x);
            case "onesLike" -> Tensor.onesLike(x);
            case "of" -> Tensor.of(((List<?>) a.get("data")).stream().mapToDouble(OpArgumentFuzzTest::number).toArray(),
                    ints(a.get("shape")));
            case "ofRows" -> Tensor.of(((List<?>) a.get("rows")).stream()
                    .map(r -> ((List<?>) r).stream().mapToDouble(OpArgumentFuzzTest::number).toArray()).toArray(double[][]::new));
            case "arangeFloat32" -> Tensor.arange(d(a, "start"), d(a, "end"), d(a, "step"));
            // Autograd entry points that take a tensor.
            case "setGrad" -> {
                Tensor leaf = x.copy().requiresGrad(true);
                leaf.setGrad(y);
                yield leaf.grad();
            }
            case "withTangent" -> x.withTangent(y).tangent();
            case "backward" -> {
                Tensor leaf = x.copy().requiresGrad(true);
                if (y == null) {
                    leaf.mul(2.0).backward();
                } else {
                    leaf.mul(2.0).backward(y);
                }
                yield leaf.grad();
            }
            default -> throw new AssertionError("corpus op " + op + " has no autodiff call");
        };
    }

    /** Null if {@code out} has PyTorch's shape and values (1e-9 relative, NaN where NaN), else what differs. */
    private static String compare(Map<String, Object> c, Tensor out) {
        int[] shape = ints(c.get("shape"));
        if (!java.util.Arrays.equals(shape, out.shape().dims())) {
            return "shape " + out.shape() + ", PyTorch " + java.util.Arrays.toString(shape);
        }
        String dtype = out.dtype().name().toLowerCase(java.util.Locale.ROOT);
        if (!dtype.equals(c.get("dtype"))) {
            return "dtype " + dtype + ", PyTorch " + c.get("dtype");
        }
        if (Boolean.TRUE.equals(c.get("shapeOnly"))) {
            return null;
        }
        List<?> want = (List<?>) c.get("data");
        double[] got = out.toDoubleArray();
        // float32 results are compared to float32 accuracy: PyTorch and autodiff may round differently in the last bit.
        double tolerance = out.dtype() == DType.FLOAT32 ? 1e-6 : 1e-9;
        for (int k = 0; k < got.length; k++) {
            double v = number(want.get(k));
            boolean same = Double.isNaN(v) ? Double.isNaN(got[k])
                    : v == got[k] || Math.abs(v - got[k]) <= tolerance * Math.max(1, Math.abs(v));
            if (!same) {
                return "element " + k + " is " + got[k] + ", PyTorch " + v;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- arguments drawn by jqwik, no judge

    /** A corpus case to start from: every call form of the corpus, so every op. */
    @Provide
    Arbitrary<Map<String, Object>> corpusCases() {
        return Arbitraries.of(corpus());
    }

    /**
     * Every call form of the corpus with its arguments drawn afresh: integer arguments from small,
     * negative and extreme values, input tensors of other small shapes and dtypes. PyTorch is not
     * asked about these; the law is the one that needs no judge: a result, or the library's own
     * exception with a message, never a raw JDK exception or an error.
     */
    @Property(tries = 3000)
    void drawnArgumentsGiveAResultOrTheLibrarysException(@ForAll("corpusCases") Map<String, Object> c,
            @ForAll("seeds") long seed) {
        java.util.Random random = new java.util.Random(seed);
        String op = (String) c.get("op");
        Map<String, Object> a = new TreeMap<>(args(c));
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (random.nextInt(3) == 0) {
                e.setValue(redraw(e.getValue(), random));
            }
        }
        List<Tensor> in = new ArrayList<>();
        for (Tensor t : inputs(c)) {
            in.add(random.nextInt(3) == 0 ? drawTensor(random) : t);
        }
        try {
            Tensor out = call(op, in, a);
            if (out != null) {
                assertEquals(out.numel(), out.toDoubleArray().length, op);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            assertTrue(e.getClass() != ArrayIndexOutOfBoundsException.class
                    && e.getClass() != StringIndexOutOfBoundsException.class && e.getClass() != NumberFormatException.class
                    && e.getMessage() != null && !e.getMessage().isEmpty(), op + " " + a + ": raw " + e);
        } catch (IllegalStateException e) {
            assertTrue(namesAnOp(e), op + " " + a + ": raw " + e);
        }
    }

    /** Whether an IllegalStateException is the library's: its message starts with the method it names ("item: ..."). */
    private static boolean namesAnOp(RuntimeException e) {
        return e.getMessage() != null && e.getMessage().matches("(?s)[a-z][A-Za-z0-9]*: .*");
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** An argument of the same JSON kind, drawn from the values that break size and index arithmetic. */
    private static Object redraw(Object v, java.util.Random random) {
        int[] extreme = {-3, -2, -1, 0, 1, 2, 3, 5, 1 << 16, Integer.MAX_VALUE, Integer.MIN_VALUE};
        if (v instanceof Number) {
            return (double) extreme[random.nextInt(extreme.length)];
        }
        if (v instanceof List<?> list && (list.isEmpty() || list.get(0) instanceof Number)) {
            List<Object> out = new ArrayList<>();
            int n = random.nextInt(5);
            for (int k = 0; k < n; k++) {
                // Mostly small: a list of sizes all extreme would only ever be refused as too large.
                out.add((double) (random.nextInt(4) == 0 ? extreme[random.nextInt(extreme.length)] : random.nextInt(5) - 1));
            }
            return out;
        }
        return v;
    }

    /** A small tensor of a drawn rank (0 to 4), sizes 0 to 3 and dtype, with values from -3 to 3. */
    private static Tensor drawTensor(java.util.Random random) {
        int[] dims = new int[random.nextInt(5)];
        int n = 1;
        for (int k = 0; k < dims.length; k++) {
            dims[k] = random.nextInt(4);
            n *= dims[k];
        }
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            v[k] = random.nextInt(7) - 3;
        }
        Tensor t = Tensor.wrap(v, Shape.of(dims));
        return t.to(DType.values()[random.nextInt(DType.values().length)]);
    }

    // ---------------------------------------------------------------- huge sizes, drawn by jqwik

    /** Sizes around the limits: small, near 2^15, 2^16, 2^30, 2^31 − 1. */
    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 4), Arbitraries.of(1 << 15, 1 << 16, 46341, 1 << 30,
                Integer.MAX_VALUE - 8, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<String> growingOps() {
        return Arbitraries.of("zeros", "expand", "pad", "arange", "linspace", "eye", "conv2dPadding", "conv2dDilation",
                "poolStride", "cat", "reshape", "matmul", "broadcast");
    }

    @Property(tries = 300)
    void hugeSizesGiveAResultOrTheLibrarysException(@ForAll("growingOps") String op, @ForAll("sizes") int m,
            @ForAll("sizes") int n) {
        // A request between a few million elements and the array limit is legal and would really
        // allocate gigabytes on this shared machine: only the cheap and the impossible are drawn.
        for (long elements : allocations(op, m, n)) {
            Assume.that(elements <= 1 << 22 || elements > Shape.MAX_NUMEL);
        }
        try {
            Tensor out = huge(op, m, n);
            // Whatever was returned must be a real tensor of its declared size.
            assertEquals(out.numel(), out.toDoubleArray().length);
        } catch (TensorTooLargeException e) {
            assertTrue(e.getMessage().startsWith(op.replaceAll("[A-Z].*", "")) || e.getMessage().contains("shape"),
                    e.getMessage());
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), e.toString());
        }
    }

    /** The sizes of the arrays {@link #huge} asks for (inputs and result), in saturating arithmetic. */
    private static long[] allocations(String op, long m, long n) {
        return switch (op) {
            case "zeros", "expand", "arange", "matmul" -> new long[] {Shape.multiply(m, n)};
            case "broadcast" -> new long[] {m, n, Shape.multiply(m, n)};
            case "pad" -> new long[] {2 * (2 + m + n)};
            case "linspace" -> new long[] {m};
            case "eye" -> new long[] {Shape.multiply(m, m)};
            case "conv2dPadding" -> {
                long side = (1 + 2 * m) / Math.max(1, n) + 1;
                yield new long[] {Shape.multiply(side, side)};
            }
            case "conv2dDilation" -> {
                long side = Math.max(0, 2 + 2 * m - 2 * Math.max(1, n));
                yield new long[] {Shape.multiply(Shape.multiply(side, side), 9)};
            }
            default -> new long[] {4};
        };
    }

    private static Tensor huge(String op, int m, int n) {
        Tensor small = Tensor.ones(DType.FLOAT32, 1, 1, 2, 2);
        return switch (op) {
            case "zeros" -> Tensor.zeros(m, n);
            case "expand" -> Tensor.scalar(1).expand(m, n);
            case "pad" -> Tensor.ones(2, 2).pad(new int[] {m, n}, 0);
            case "arange" -> Tensor.arange(0, (double) m * n, 1);
            case "linspace" -> Tensor.linspace(0, 1, m);
            case "eye" -> Tensor.eye(m);
            case "conv2dPadding" -> small.conv2d(Tensor.ones(1, 1, 1, 1), null, Math.max(1, n), m, 1, 1);
            case "conv2dDilation" -> small.conv2d(Tensor.ones(1, 1, 3, 3), null, 1, m, Math.max(1, n), 1);
            case "poolStride" -> small.maxPool2d(2, Math.max(1, m), Math.min(1, n));
            case "cat" -> Tensor.cat(1, Tensor.zeros(0, m), Tensor.zeros(0, n));
            case "reshape" -> Tensor.zeros(0).reshape(m, n, 0);
            case "matmul" -> Tensor.zeros(m, 0).matmul(Tensor.zeros(0, n));
            case "broadcast" -> Tensor.zeros(m, 1).add(Tensor.zeros(1, n));
            default -> throw new AssertionError(op);
        };
    }
}

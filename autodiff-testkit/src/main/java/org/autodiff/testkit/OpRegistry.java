package org.autodiff.testkit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.autodiff.core.Tensor;

/**
 * The op registry: one {@link OpInfo} per differentiable op of the public {@link Tensor} API
 * (and {@code linear}), grouped in families. {@link #missingEntries()} finds the public
 * {@code Tensor} methods that return a tensor and are neither covered by an entry nor listed in
 * {@link #NON_DIFFERENTIABLE}: a test keeps it empty, so a new op cannot arrive without an entry.
 *
 * <pre>{@code
 * for (OpInfo op : OpRegistry.all()) {
 *     Laws.checkAll(op);
 * }
 * }</pre>
 */
public final class OpRegistry {
    /**
     * The public {@code Tensor} methods that return a tensor but are not differentiable ops, by
     * name (all overloads), each with the reason.
     */
    public static final Map<String, String> NON_DIFFERENTIABLE = nonDifferentiable();

    private static final Map<String, List<OpInfo>> FAMILIES = families();

    private OpRegistry() {
    }

    private static Map<String, String> nonDifferentiable() {
        Map<String, String> m = new LinkedHashMap<>();
        String factory = "a factory: its result is a new leaf, with no input to differentiate";
        for (String name : List.of("of", "scalar", "wrap", "empty", "zeros", "ones", "zerosLike", "onesLike", "full",
                "arange", "linspace", "eye", "rand", "randn")) {
            m.put(name, factory);
        }
        String autograd = "autograd plumbing: it sets or reads graph state rather than computing a value";
        for (String name : List.of("requiresGrad", "grad", "retainGrad", "name", "registerHook", "tangent",
                "withTangent")) {
            m.put(name, autograd);
        }
        m.put("detach", "cuts the graph by definition: its derivative is zero by fiat");
        String inPlace = "an in-place update or raw view for optimizers, not recorded in the graph";
        for (String name : List.of("viewAs", "asStrided", "addInPlace", "mulInPlace", "copyFrom")) {
            m.put(name, inPlace);
        }
        String bool = "a comparison or logical op: its result is bool, which carries no gradient";
        for (String name : List.of("eq", "ne", "lt", "le", "gt", "ge", "logicalNot", "logicalAnd", "logicalOr",
                "logicalXor")) {
            m.put(name, bool);
        }
        m.put("argmax", "an index: its result is int64, which carries no gradient");
        m.put("argmin", "an index: its result is int64, which carries no gradient");
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, List<OpInfo>> families() {
        Map<String, List<OpInfo>> m = new LinkedHashMap<>();
        m.put("elementwise", ElementwiseOps.entries());
        m.put("arithmetic", ArithmeticOps.entries());
        m.put("reductions", ReductionOps.entries());
        m.put("movement", MovementOps.entries());
        m.put("masking", MaskingOps.entries());
        m.put("linear", LinearOps.entries());
        return Collections.unmodifiableMap(m);
    }

    /**
     * Every entry.
     *
     * @return the entries, family by family
     */
    public static List<OpInfo> all() {
        List<OpInfo> all = new ArrayList<>();
        FAMILIES.values().forEach(all::addAll);
        return all;
    }

    /**
     * The family names: elementwise, arithmetic, reductions, movement, masking, linear.
     *
     * @return the names
     */
    public static Set<String> familyNames() {
        return FAMILIES.keySet();
    }

    /**
     * The entries of one family.
     *
     * @param family a name from {@link #familyNames()}
     * @return its entries
     * @throws NoSuchElementException naming the families when there is no such family
     */
    public static List<OpInfo> family(String family) {
        List<OpInfo> f = FAMILIES.get(family);
        if (f == null) {
            throw new NoSuchElementException("OpRegistry.family: no family '" + family + "'; the families are "
                    + FAMILIES.keySet());
        }
        return f;
    }

    /**
     * The entry of the given name.
     *
     * @param name e.g. "mul", "softmax"
     * @return the entry
     * @throws NoSuchElementException when there is none
     */
    public static OpInfo get(String name) {
        for (OpInfo op : all()) {
            if (op.name().equals(name)) {
                return op;
            }
        }
        throw new NoSuchElementException("OpRegistry.get: no entry named '" + name + "'");
    }

    /**
     * The public {@code Tensor} methods that return a tensor, are not in
     * {@link #NON_DIFFERENTIABLE}, and no entry covers: the ops still missing from the registry.
     *
     * @return their signatures, as {@link OpInfo#covers()} writes them, sorted
     */
    public static Set<String> missingEntries() {
        Set<String> covered = new TreeSet<>();
        for (OpInfo op : all()) {
            covered.addAll(op.covers());
        }
        Set<String> missing = new TreeSet<>();
        for (String s : differentiableMethods()) {
            if (!covered.contains(s)) {
                missing.add(s);
            }
        }
        return missing;
    }

    /**
     * The public {@code Tensor} methods that return a tensor and are not in
     * {@link #NON_DIFFERENTIABLE}, by reflection.
     *
     * @return their signatures, e.g. {@code "sum(int[],boolean)"}, sorted
     */
    public static Set<String> differentiableMethods() {
        Set<String> methods = new TreeSet<>();
        for (Method m : Tensor.class.getMethods()) {
            if (m.getDeclaringClass() == Tensor.class && Modifier.isPublic(m.getModifiers())
                    && m.getReturnType() == Tensor.class && !NON_DIFFERENTIABLE.containsKey(m.getName())) {
                methods.add(signature(m));
            }
        }
        return methods;
    }

    /**
     * A method's signature as the registry writes it: {@code name(Type,Type)} with simple type names.
     *
     * @param m the method
     * @return the signature
     */
    public static String signature(Method m) {
        StringBuilder sb = new StringBuilder(m.getName()).append('(');
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            sb.append(i == 0 ? "" : ",").append(types[i].getSimpleName());
        }
        return sb.append(')').toString();
    }
}

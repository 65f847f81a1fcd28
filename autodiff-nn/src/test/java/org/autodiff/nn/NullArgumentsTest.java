package org.autodiff.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.autodiff.core.DType;
import org.autodiff.core.Generator;
import org.autodiff.core.Shape;
import org.autodiff.core.Tensor;
import org.autodiff.nn.io.Checkpoint;
import org.autodiff.nn.optim.Optimizer;
import org.autodiff.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public method and constructor of core's and nn's public API, found by reflection (so a
 * new method is covered without touching this test), is called with null in each reference
 * argument in turn, the others filled with small valid values. Each call must either accept the
 * null (a documented "none") or throw a NullPointerException or IllegalArgumentException whose
 * message names the argument, never a bare or JDK-generated NullPointerException.
 */
class NullArgumentsTest {
    /** The packages of the public API: tensors and their ops, gradient checks, modules, losses, optimizers, io. */
    private static final List<String> PACKAGES = List.of("org.autodiff.core", "org.autodiff.core.functional",
            "org.autodiff.core.ops", "org.autodiff.check",
            "org.autodiff.nn", "org.autodiff.nn.loss", "org.autodiff.nn.optim", "org.autodiff.nn.optim.lr",
            "org.autodiff.nn.io", "org.autodiff.nn.data", "org.autodiff.nn.train");

    /** Methods for which null has a meaning fixed by the JDK's contracts. */
    private static final Set<String> EXEMPT = Set.of("equals");

    @TempDir
    static Path dir;

    @Test
    void everyPublicMethodNamesTheNullArgument() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        for (String pkg : PACKAGES) {
            // Each package is read from its module's classes: nn's beside Module, the rest beside Tensor.
            classes.addAll(classesIn(pkg, pkg.startsWith("org.autodiff.nn") ? Module.class : Tensor.class));
        }
        classes.sort(Comparator.comparing(Class::getName));
        List<String> failures = new ArrayList<>();
        int calls = 0;
        Set<String> uncovered = new TreeSet<>();
        for (Class<?> c : classes) {
            List<Executable> members = new ArrayList<>();
            for (Method m : c.getDeclaredMethods()) {
                // An enum's valueOf is the JDK's, with the JDK's message.
                boolean jdk = c.isEnum() && m.getName().equals("valueOf");
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge() && !EXEMPT.contains(m.getName())
                        && !jdk) {
                    members.add(m);
                }
            }
            if (!Modifier.isAbstract(c.getModifiers())) {
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (Modifier.isPublic(k.getModifiers())) {
                        members.add(k);
                    }
                }
            }
            members.sort(Comparator.comparing(Executable::toGenericString));
            for (Executable e : members) {
                Parameter[] params = e.getParameters();
                for (int i = 0; i < params.length; i++) {
                    if (params[i].getType().isPrimitive()) {
                        continue;
                    }
                    boolean isStatic = e instanceof Constructor || Modifier.isStatic(e.getModifiers());
                    Object receiver = isStatic ? null : sample(c);
                    if (!isStatic && receiver == null) {
                        uncovered.add(c.getSimpleName() + "." + e.getName());
                        continue;
                    }
                    Object[] args = new Object[params.length];
                    for (int j = 0; j < params.length; j++) {
                        args[j] = j == i ? null : sample(params[j].getType());
                    }
                    boolean sampled = true;
                    for (int j = 0; j < params.length; j++) {
                        sampled &= j == i || args[j] != null || !params[j].getType().isPrimitive();
                    }
                    if (!sampled) {
                        uncovered.add(c.getSimpleName() + "." + e.getName());
                        continue;
                    }
                    calls++;
                    String failure = check(e, receiver, args, params, i);
                    if (failure != null) {
                        failures.add(failure);
                    }
                }
            }
        }
        assertTrue(calls > 300, "only " + calls + " null calls were made; the class scan found too little");
        List<String> refused = failures.stream().filter(f -> f.startsWith(REFUSED)).toList();
        failures.removeAll(refused);
        // Calls where a sampled argument was refused first say nothing about the null; they are
        // listed when something else fails, and must stay a minority.
        assertTrue(refused.size() < calls / 10, refused.size() + " of " + calls + " calls refused a sampled argument first:\n"
                + String.join("\n", refused));
        assertTrue(failures.isEmpty(), failures.size() + " of " + calls + " null calls failed (" + refused.size()
                + " inconclusive; methods not called for want of an instance or argument: " + uncovered + "):\n"
                + String.join("\n", failures) + "\n" + String.join("\n", refused));
    }

    private static final String REFUSED = "(refused first) ";

    /** Null if the call behaved, else a description of what went wrong. */
    private static String check(Executable e, Object receiver, Object[] args, Parameter[] params, int nullIndex) {
        String where = e.getDeclaringClass().getSimpleName() + "." + (e instanceof Constructor ? "<init>" : e.getName())
                + "(" + Stream.of(params).map(p -> p.getType().getSimpleName() + " " + p.getName())
                        .reduce((a, b) -> a + ", " + b).orElse("") + ") with " + params[nullIndex].getName() + " = null";
        Throwable thrown;
        try {
            if (e instanceof Method m) {
                m.invoke(receiver, args);
            } else {
                ((Constructor<?>) e).newInstance(args);
            }
            return null;
        } catch (InvocationTargetException ex) {
            thrown = ex.getCause();
        } catch (ReflectiveOperationException | IllegalArgumentException ex) {
            return where + ": could not be called (" + ex + ")";
        }
        String message = thrown.getMessage();
        boolean fromJdk = message == null || message.contains("because \"") || message.contains("because the return value");
        if (!(thrown instanceof NullPointerException) && !fromJdk
                && (thrown instanceof IllegalArgumentException || thrown instanceof IllegalStateException
                        || thrown instanceof UnsupportedOperationException)) {
            // The library refused something else first (a sampled argument, the receiver's state).
            return message.contains(params[nullIndex].getName()) ? null : REFUSED + where + ": " + message;
        }
        if (!(thrown instanceof NullPointerException)) {
            return where + ": threw " + thrown;
        }
        if (message == null) {
            return where + ": " + thrown.getClass().getSimpleName() + " without a message";
        }
        // The message must name an argument that is null: the one under test, or one that could
        // not be sampled and was passed as null too.
        for (int j = 0; j < params.length; j++) {
            if (args[j] == null && message.contains(params[j].getName()) && !fromJdk) {
                return null;
            }
        }
        return where + ": message does not name the argument: " + message;
    }

    /** A small valid value of {@code type}, or null where none can be made. */
    static Object sample(Class<?> type) {
        if (type.isPrimitive()) {
            return type == int.class ? 1 : type == long.class ? 1L : type == double.class ? 0.5 : type == float.class ? 0.5f
                    : type == boolean.class ? false : type == short.class ? (short) 1 : type == byte.class ? (byte) 1 : null;
        }
        try {
            return sampleOrThrow(type);
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    private static Object sampleOrThrow(Class<?> type) throws IOException {
        if (type == Object.class) {
            return new float[] {1, 2, 3, 4};
        }
        if (type == Tensor.class) {
            return Tensor.ones(DType.FLOAT32, 2, 2);
        }
        if (type == Tensor[].class) {
            return new Tensor[] {Tensor.ones(DType.FLOAT32, 2, 2)};
        }
        if (type == int[].class) {
            return new int[] {0};
        }
        if (type == long[].class) {
            return new long[] {0};
        }
        if (type == double[].class) {
            return new double[] {1};
        }
        if (type == float[].class) {
            return new float[] {1};
        }
        if (type == boolean[].class) {
            return new boolean[] {true};
        }
        if (type == double[][].class) {
            return new double[][] {{1}};
        }
        if (type == String.class) {
            return "x";
        }
        if (type == Integer.class) {
            return 1;
        }
        if (type == Long.class) {
            return 1L;
        }
        if (type == Double.class) {
            return 0.5;
        }
        if (type == Boolean.class) {
            return true;
        }
        if (type == Shape.class) {
            return Shape.of(2, 2);
        }
        if (type == Generator.class) {
            return new Generator(0);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == Path.class) {
            return Files.createTempFile(dir, "null-test", ".safetensors");
        }
        if (type == Map.class) {
            return new HashMap<>();
        }
        if (type == List.class || type == Collection.class || type == Iterable.class) {
            return List.of(Tensor.ones(DType.FLOAT32, 2, 2).requiresGrad(true));
        }
        if (type == Module.class) {
            return new Linear(2, 2);
        }
        if (type == Optimizer.class) {
            return new SGD(new Linear(2, 2).parameters(), 0.1);
        }
        if (type == Checkpoint.class) {
            return new Checkpoint(Map.of(), Map.of(), Map.of());
        }
        if (type.isInterface() && type.getMethods().length > 0) {
            // A functional argument: a proxy whose every method returns null, or the identity
            // for one-argument functions.
            return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, a) -> method.getName().equals("toString") ? "proxy" : a != null && a.length == 1 ? a[0] : null);
        }
        // Anything else: its simplest public constructor with sampled arguments.
        Constructor<?>[] constructors = type.getConstructors();
        java.util.Arrays.sort(constructors, Comparator.comparingInt(Constructor::getParameterCount));
        for (Constructor<?> k : constructors) {
            Object[] args = new Object[k.getParameterCount()];
            Class<?>[] types = k.getParameterTypes();
            for (int j = 0; j < args.length; j++) {
                args[j] = types[j] == int.class ? 2 : types[j] == long.class ? 2L : types[j] == double.class ? 0.5
                        : types[j] == float.class ? 0.5f : types[j] == boolean.class ? false : types[j].isPrimitive() ? null
                        : types[j] == type ? null : sample(types[j]);
            }
            try {
                return k.newInstance(args);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // try the next one
            }
        }
        return null;
    }

    /** The public top-level and nested classes of {@code pkg} (not its subpackages), from the location of {@code anchor}. */
    private static List<Class<?>> classesIn(String pkg, Class<?> anchor) throws IOException, URISyntaxException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> out = new ArrayList<>();
        if (Files.isDirectory(root)) {
            collect(root.resolve(pkg.replace('.', '/')), pkg, out);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                collect(jar.getPath(pkg.replace('.', '/')), pkg, out);
            }
        }
        return out;
    }

    private static void collect(Path folder, String pkg, List<Class<?>> out) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.equals("package-info.class")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(pkg + "." + name.substring(0, name.length() - ".class".length()));
                    if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass() && !c.isSynthetic()
                            && (c.getEnclosingClass() == null || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
                        out.add(c);
                    }
                } catch (ClassNotFoundException e) {
                    throw new UncheckedIOException(new IOException(e));
                }
            }
        }
    }
}

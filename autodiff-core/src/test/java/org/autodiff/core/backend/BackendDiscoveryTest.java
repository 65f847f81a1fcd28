package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.autodiff.core.DType;
import org.autodiff.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backend discovery with providers that fail to load, as a native backend does on a platform
 * whose native library is missing: each is skipped with one warning line and the rest still work.
 */
class BackendDiscoveryTest {

    /** Fails as JavaCPP does when the platform's native library is missing. */
    public static final class UnloadableBackend extends JavaBackend {
        public UnloadableBackend() {
            throw new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path");
        }
    }

    /** Fails as a provider whose native presets' classes are not on the class path. */
    public static final class MissingClassBackend extends JavaBackend {
        public MissingClassBackend() {
            throw new NoClassDefFoundError("org/bytedeco/openblas/global/openblas_nolapack");
        }
    }

    /** Fails in its static initialiser, so loading it throws ExceptionInInitializerError. */
    public static final class BrokenInitBackend extends JavaBackend {
        static final int NEVER = Integer.parseInt("not a number");
    }

    /** A working provider of higher priority than the Java backend. */
    public static final class StandInBackend extends JavaBackend {
        public StandInBackend() {
            super(1);
        }

        @Override
        public String name() {
            return "stand-in";
        }

        @Override
        public int priority() {
            return 5;
        }
    }

    /** A class loader that sees the test classes plus a services file listing {@code providers}. */
    private static ClassLoader withProviders(Path dir, String... providers) throws IOException {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.write(services.resolve(Backend.class.getName()), List.of(providers));
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, BackendDiscoveryTest.class.getClassLoader());
    }

    @Test
    void providersThatFailToLoadAreSkippedWithOneWarningLineEach(@TempDir Path dir) throws Exception {
        ClassLoader loader = withProviders(dir, UnloadableBackend.class.getName(), MissingClassBackend.class.getName(),
                BrokenInitBackend.class.getName(), "org.autodiff.nativeblas.NoSuchBackend", StandInBackend.class.getName());
        Backends.Discovery found = Backends.Discovery.load(loader);

        assertEquals(4, found.failures.size(), () -> "failures: " + found.failures);
        assertTrue(found.failures.get(0).contains("UnsatisfiedLinkError: no jniopenblas_nolapack"), found.failures.get(0));
        assertTrue(found.failures.get(1).contains("NoClassDefFoundError"), found.failures.get(1));
        assertTrue(found.failures.get(2).contains("BrokenInitBackend"), found.failures.get(2));
        assertTrue(found.failures.get(3).contains("NoSuchBackend"), found.failures.get(3));
        assertTrue(found.backends.get(0) instanceof JavaBackend);
        assertTrue(found.backends.stream().anyMatch(b -> b instanceof StandInBackend), "the working provider still loads");
        Backend chosen = found.choose(null);
        assertTrue(chosen.priority() >= 5, "the highest-priority backend that loaded is chosen: " + chosen.name());

        List<LogRecord> records = new ArrayList<>();
        Logger log = Logger.getLogger(Backends.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            found.warn(chosen);
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(4, records.size());
        for (LogRecord r : records) {
            assertEquals(Level.WARNING, r.getLevel());
            assertFalse(r.getMessage().contains("\n"), "one line: " + r.getMessage());
            assertTrue(r.getMessage().endsWith("using the '" + chosen.name() + "' backend"), r.getMessage());
        }
    }

    @Test
    void whenTheOnlyProviderFailsMatmulRunsOnTheJavaBackend(@TempDir Path dir) throws Exception {
        Backends.Discovery found = Backends.Discovery.load(withProviders(dir, UnloadableBackend.class.getName()));
        assertEquals(1, found.failures.size());
        Backend chosen = found.choose(null);
        // The test class path may hold a real provider (autodiff-native reruns these tests);
        // without one the pure-Java backend is what remains.
        if (found.backends.size() == 1) {
            assertSame(found.backends.get(0), chosen);
            assertEquals("java", chosen.name());
        }
        Backend previous = Backends.use(chosen);
        try {
            Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
            Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 2);
            assertArrayEquals(new double[] {19, 22, 43, 50}, a.matmul(b).toDoubleArray(), 0);
            assertEquals(DType.FLOAT64, a.matmul(b).dtype());
        } finally {
            Backends.use(previous);
        }
    }

    @Test
    void askingForABackendThatFailedToLoadNamesTheFailure(@TempDir Path dir) throws Exception {
        Backends.Discovery found = Backends.Discovery.load(withProviders(dir, UnloadableBackend.class.getName()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> found.choose("no-such"));
        assertTrue(e.getMessage().contains("autodiff.backend=no-such"), e.getMessage());
        assertTrue(e.getMessage().contains("UnsatisfiedLinkError"), e.getMessage());
    }
}

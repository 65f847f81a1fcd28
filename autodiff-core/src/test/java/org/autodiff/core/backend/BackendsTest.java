package org.autodiff.core.backend;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @Test
    void aThreadOverrideAppliesToThatThreadOnlyAndIsUndoneOnClose() throws Exception {
        Backend global = Backends.current();
        Backend one = new JavaBackend(1), two = new JavaBackend(2);
        try (var outer = Backends.onThisThread(one)) {
            assertSame(one, Backends.current());
            assertSame(global, CompletableFuture.supplyAsync(Backends::current).get(), "another thread keeps the JVM-wide one");
            try (var inner = Backends.onThisThread(two)) {
                assertSame(two, Backends.current());
            }
            assertSame(one, Backends.current(), "closing a nested scope restores the outer override");
        }
        assertSame(global, Backends.current());
    }
}

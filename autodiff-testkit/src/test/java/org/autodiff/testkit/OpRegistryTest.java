package org.autodiff.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The registry is complete, and every entry obeys every law on its samples, random cases and error inputs. */
class OpRegistryTest {

    @Test
    void everyDifferentiablePublicTensorMethodHasAnEntry() {
        assertEquals(Set.of(), OpRegistry.missingEntries(),
                "public Tensor methods with no registry entry: add an OpInfo (autodiff-testkit) or, if the method is not"
                        + " differentiable, list it in OpRegistry.NON_DIFFERENTIABLE with the reason");
    }

    @Test
    void entriesCoverOnlyRealMethodsAndHaveUniqueNames() {
        Set<String> methods = OpRegistry.differentiableMethods();
        Set<String> names = new HashSet<>();
        for (OpInfo op : OpRegistry.all()) {
            assertTrue(names.add(op.name()), () -> "two entries named " + op.name());
            for (String s : op.covers()) {
                assertTrue(methods.contains(s), () -> op.name() + " covers " + s + ", which is no differentiable public"
                        + " Tensor method");
            }
        }
        assertFalse(methods.isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> everyEntryObeysEveryLaw() {
        return OpRegistry.all().stream().map(op -> DynamicTest.dynamicTest(op.name(), () -> Laws.checkAll(op)));
    }
}

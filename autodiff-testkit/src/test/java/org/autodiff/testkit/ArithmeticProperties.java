package org.autodiff.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of differentiation for the broadcasting binary ops and {@code where}, over random pairs
 * of broadcast-compatible shapes: the registry's "arithmetic" family, through {@link Laws}.
 */
class ArithmeticProperties {

    @Provide
    Arbitrary<OpCase> ops() {
        return Catalogue.cases("arithmetic");
    }

    @Property(tries = 600)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        Laws.numericMatchesBothModes(c);
    }

    @Property(tries = 600)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        Laws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Provide
    Arbitrary<OpCase> secondOrderOps() {
        return Catalogue.secondOrderCases("arithmetic");
    }

    @Property(tries = 200)
    void secondDerivativesMatchCentralDifferences(@ForAll("secondOrderOps") OpCase c) {
        Laws.secondOrderMatchesNumeric(c);
    }
}

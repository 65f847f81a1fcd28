package org.autodiff.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of differentiation for every elementwise op of one tensor (and the ops with a scalar
 * operand), over random shapes and each op's safe domain: the registry's "elementwise" family,
 * through {@link Laws}.
 */
class ElementwiseProperties {

    @Provide
    Arbitrary<OpCase> ops() {
        return Catalogue.cases("elementwise");
    }

    @Property(tries = 1500)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        Laws.numericMatchesBothModes(c);
    }

    @Property(tries = 1500)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        Laws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Provide
    Arbitrary<OpCase> secondOrderOps() {
        return Catalogue.secondOrderCases("elementwise");
    }

    @Property(tries = 600)
    void secondDerivativesMatchCentralDifferences(@ForAll("secondOrderOps") OpCase c) {
        Laws.secondOrderMatchesNumeric(c);
    }
}

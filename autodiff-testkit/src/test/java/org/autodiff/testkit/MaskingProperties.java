package org.autodiff.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of differentiation for the mask ops: maskedFill with a constant or a 0-d value, triu
 * and tril with any diagonal: the registry's "masking" family, through {@link Laws}.
 */
class MaskingProperties {

    @Provide
    Arbitrary<OpCase> ops() {
        return Catalogue.cases("masking");
    }

    @Property(tries = 300)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        Laws.numericMatchesBothModes(c);
    }

    @Property(tries = 300)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        Laws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Provide
    Arbitrary<OpCase> secondOrderOps() {
        return Catalogue.secondOrderCases("masking");
    }

    @Property(tries = 150)
    void secondDerivativesMatchCentralDifferences(@ForAll("secondOrderOps") OpCase c) {
        Laws.secondOrderMatchesNumeric(c);
    }
}

package org.autodiff.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of differentiation for reductions and the softmax family, over random shapes, dims and
 * keepDim: the registry's "reductions" family, through {@link Laws}.
 */
class ReductionProperties {

    @Provide
    Arbitrary<OpCase> ops() {
        return Catalogue.cases("reductions");
    }

    @Property(tries = 1200)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        Laws.numericMatchesBothModes(c);
    }

    @Property(tries = 1200)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        Laws.jvpAndVjpAreAdjoint(c, seed);
    }

    @Provide
    Arbitrary<OpCase> secondOrderOps() {
        return Catalogue.secondOrderCases("reductions");
    }

    @Property(tries = 300)
    void secondDerivativesMatchCentralDifferences(@ForAll("secondOrderOps") OpCase c) {
        Laws.secondOrderMatchesNumeric(c);
    }
}

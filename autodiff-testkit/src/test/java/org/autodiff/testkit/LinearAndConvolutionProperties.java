package org.autodiff.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of differentiation for matmul, linear, conv2d and pooling, over random sizes and
 * geometries: the registry's "linear" family, through {@link Laws}.
 */
class LinearAndConvolutionProperties {

    @Provide
    Arbitrary<OpCase> ops() {
        return Catalogue.cases("linear");
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
        return Catalogue.secondOrderCases("linear");
    }

    @Property(tries = 150)
    void secondDerivativesMatchCentralDifferences(@ForAll("secondOrderOps") OpCase c) {
        Laws.secondOrderMatchesNumeric(c);
    }
}

package org.autodiff.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The laws of differentiation for shape changes and data movement, over random shapes and
 * arguments: the registry's "movement" family, through {@link Laws}.
 */
class MovementProperties {

    @Provide
    Arbitrary<OpCase> ops() {
        return Catalogue.cases("movement");
    }

    @Property(tries = 1200)
    void reverseAndForwardModeMatchCentralDifferences(@ForAll("ops") OpCase c) {
        Laws.numericMatchesBothModes(c);
    }

    @Property(tries = 1200)
    void jvpAndVjpAreAdjoint(@ForAll("ops") OpCase c, @ForAll long seed) {
        Laws.jvpAndVjpAreAdjoint(c, seed);
    }
}

package org.autodiff.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The random cases of a registry family, for the family's property class. */
final class Catalogue {
    private Catalogue() {
    }

    /** Cases of every entry of the family, each entry equally likely. */
    static Arbitrary<OpCase> cases(String family) {
        return Arbitraries.oneOf(OpRegistry.family(family).stream().map(OpInfo::cases).toList());
    }

    /** Cases of the family's entries whose second derivatives are checked. */
    static Arbitrary<OpCase> secondOrderCases(String family) {
        return Arbitraries.oneOf(OpRegistry.family(family).stream().filter(OpInfo::secondOrder).map(OpInfo::cases)
                .toList());
    }
}

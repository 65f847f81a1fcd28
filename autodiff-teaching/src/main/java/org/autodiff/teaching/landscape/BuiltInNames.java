package org.autodiff.teaching.landscape;

import java.util.function.Function;

/** Finding a built-in problem or curve by its identifier, and listing the identifiers, written once for both. */
final class BuiltInNames {
    private BuiltInNames() {
    }

    /**
     * @param all  every built-in of one kind
     * @param id   each one's identifier
     * @param name the identifier asked for, in any case
     * @param kind what they are, for the message: "problem", "curve"
     * @param <P>  their type
     * @return the one called {@code name}
     * @throws IllegalArgumentException naming them all, if none is called {@code name}
     */
    static <P> P byName(P[] all, Function<P, String> id, String name, String kind) {
        for (P p : all) {
            if (id.apply(p).equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown " + kind + " '" + name + "'; choose one of " + list(all, id));
    }

    /**
     * @param all every built-in of one kind
     * @param id  each one's identifier
     * @param <P> their type
     * @return their identifiers, comma separated
     */
    static <P> String list(P[] all, Function<P, String> id) {
        StringBuilder s = new StringBuilder();
        for (P p : all) {
            s.append(s.length() == 0 ? "" : ", ").append(id.apply(p));
        }
        return s.toString();
    }
}

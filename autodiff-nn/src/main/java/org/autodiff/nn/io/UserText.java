package org.autodiff.nn.io;

/**
 * Text from a file, quoted for an exception message: a checkpoint is untrusted input, and a
 * tensor name of ten million characters must not become a message of ten million characters.
 * Quoted text is cut to {@value #MAX_CHARS} characters, with the full length stated, and control
 * characters are shown escaped so a message stays one readable line.
 */
final class UserText {
    /** The most characters of a name, key or value a message repeats. */
    static final int MAX_CHARS = 64;

    private UserText() {
    }

    /**
     * {@code s} in double quotes, cut to {@value #MAX_CHARS} characters ("... (N characters)"
     * follows a cut), control characters escaped.
     */
    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), MAX_CHARS);
        // Never split a surrogate pair at the cut.
        if (n < s.length() && n > 0 && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            sb.append(printable(s.charAt(i)));
        }
        sb.append('"');
        if (n < s.length()) {
            sb.append("... (").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }

    /** {@code c} itself, or a {@code \\uXXXX} escape for a control character. */
    static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}

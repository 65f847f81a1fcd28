package org.autodiff.nn.io;

/**
 * A strict reader for the small part of JSON a safetensors header uses: objects, arrays, strings
 * and non-negative integers, read token by token by a caller that knows the structure it expects
 * (so nesting depth is bounded by the caller, not by the input). Anything else, including
 * fractions, exponents, {@code true}/{@code false}/{@code null}, leading zeros, unescaped control
 * characters and lone surrogates, is rejected with the offending position.
 */
final class JsonReader {
    private final String text;
    private int pos;

    JsonReader(String text) {
        this.text = text;
    }

    /** Skips JSON whitespace and returns the next character without consuming it, or -1 at the end. */
    int peek() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c;
            }
            pos++;
        }
        return -1;
    }

    /** Consumes {@code c} (after whitespace), or fails. */
    void expect(char c) throws SafeTensorsFormatException {
        int next = peek();
        if (next != c) {
            throw error("expected '" + c + "' but found " + describe(next));
        }
        pos++;
    }

    /** Consumes {@code c} if it comes next (after whitespace). */
    boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Fails unless only whitespace is left. */
    void expectEnd() throws SafeTensorsFormatException {
        int next = peek();
        if (next != -1) {
            throw error("unexpected " + describe(next) + " after the header object");
        }
    }

    /** Reads a string. */
    String readString() throws SafeTensorsFormatException {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw error("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
            }
            if (c != '\\') {
                // Text came from a strict UTF-8 decoder, so its surrogates are already paired.
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(readUnicodeEscape());
                default -> throw error("invalid escape '\\" + e + "'");
            }
        }
        return sb.toString();
    }

    /** Reads a non-negative integer up to {@link Long#MAX_VALUE}; {@code what} names it in errors. */
    long readNonNegativeInteger(String what) throws SafeTensorsFormatException {
        int next = peek();
        if (next == '-') {
            throw error(what + " must be non-negative");
        }
        if (next < '0' || next > '9') {
            throw error(what + " must be an integer, found " + describe(next));
        }
        int start = pos;
        long value = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            int digit = text.charAt(pos) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error(what + " is too large");
            }
            value = value * 10 + digit;
            pos++;
        }
        if (pos - start > 1 && text.charAt(start) == '0') {
            throw error(what + " has a leading zero");
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw error(what + " must be an integer, not a fraction or exponent");
        }
        return value;
    }

    /** An exception naming the current position. */
    SafeTensorsFormatException error(String message) {
        return new SafeTensorsFormatException("safetensors header, character " + pos + ": " + message);
    }

    private char[] readUnicodeEscape() throws SafeTensorsFormatException {
        char high = (char) readHex4();
        if (!Character.isSurrogate(high)) {
            return new char[] {high};
        }
        if (Character.isHighSurrogate(high) && text.startsWith("\\u", pos)) {
            pos += 2;
            char low = (char) readHex4();
            if (Character.isLowSurrogate(low)) {
                return new char[] {high, low};
            }
        }
        throw error("unpaired surrogate in a \\u escape");
    }

    private int readHex4() throws SafeTensorsFormatException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            char c = text.charAt(pos + i);
            // ASCII only: Character.digit would also accept other scripts' digits.
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw error("invalid hex digit in a \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return value;
    }

    private static String describe(int c) {
        return c == -1 ? "the end of the header" : "'" + (char) c + "'";
    }
}

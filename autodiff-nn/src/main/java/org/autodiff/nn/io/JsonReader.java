package org.autodiff.nn.io;

/**
 * A strict reader for the small part of JSON a safetensors header uses: objects, arrays, strings
 * and non-negative integers, read token by token by a caller that knows the structure it expects
 * (so nesting depth is bounded by the caller, not by the input). Anything else, including
 * fractions, exponents, {@code true}/{@code false}/{@code null}, leading zeros, unescaped control
 * characters, malformed UTF-8 and lone surrogates, is rejected with the offending position.
 *
 * <p>It reads the UTF-8 bytes directly, decoding each string as it is read, so parsing a header
 * holds the bytes once plus the strings it returns, instead of the bytes, a decoded UTF-16 copy
 * and a string of the whole header.
 */
final class JsonReader {
    private final byte[] bytes;
    private int pos;

    JsonReader(byte[] utf8) {
        this.bytes = utf8;
    }

    /** Skips JSON whitespace and returns the next byte without consuming it, or -1 at the end. */
    int peek() {
        while (pos < bytes.length) {
            byte c = bytes[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c & 0xff;
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
        // The common case, plain ASCII without escapes, becomes a string in one allocation of
        // its exact size: a header of one giant name costs its bytes twice, not four times.
        int end = pos;
        while (end < bytes.length && bytes[end] >= 0x20 && bytes[end] != '"' && bytes[end] != '\\') {
            end++;
        }
        if (end < bytes.length && bytes[end] == '"') {
            String plain = new String(bytes, pos, end - pos, java.nio.charset.StandardCharsets.US_ASCII);
            pos = end + 1;
            return plain;
        }
        // Otherwise decode char by char into a builder no larger than the bytes left.
        StringBuilder sb = new StringBuilder(Math.min(end - pos + 16, bytes.length - pos));
        while (true) {
            if (pos >= bytes.length) {
                throw error("unterminated string");
            }
            int c = bytes[pos] & 0xff;
            if (c == '"') {
                pos++;
                break;
            }
            if (c < 0x20) {
                throw error("unescaped control character U+" + String.format("%04X", c) + " in a string");
            }
            if (c >= 0x80) {
                appendUtf8(sb);
                continue;
            }
            pos++;
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            if (pos >= bytes.length) {
                throw error("unterminated escape");
            }
            char e = (char) (bytes[pos++] & 0xff);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(readUnicodeEscape());
                default -> throw error("invalid escape '\\" + UserText.printable(e) + "'");
            }
        }
        return sb.toString();
    }

    /**
     * Decodes one multi-byte UTF-8 sequence at {@code pos}, strictly: no overlong forms, no
     * surrogate code points, nothing above U+10FFFF, no truncated sequence.
     */
    private void appendUtf8(StringBuilder sb) throws SafeTensorsFormatException {
        int start = pos;
        int b0 = bytes[pos] & 0xff;
        int length;
        int cp;
        int min;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            length = 2;
            cp = b0 & 0x1f;
            min = 0x80;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            length = 3;
            cp = b0 & 0x0f;
            min = 0x800;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            length = 4;
            cp = b0 & 0x07;
            min = 0x10000;
        } else {
            throw error("header is not valid UTF-8 (byte 0x" + Integer.toHexString(b0) + ")");
        }
        if (start + length > bytes.length) {
            throw error("header is not valid UTF-8 (truncated sequence)");
        }
        for (int i = 1; i < length; i++) {
            int b = bytes[start + i] & 0xff;
            if ((b & 0xc0) != 0x80) {
                throw error("header is not valid UTF-8 (bad continuation byte 0x" + Integer.toHexString(b) + ")");
            }
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw error("header is not valid UTF-8 (overlong form or invalid code point)");
        }
        sb.appendCodePoint(cp);
        pos = start + length;
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
        while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
            int digit = bytes[pos] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error(what + " is too large");
            }
            value = value * 10 + digit;
            pos++;
        }
        if (pos - start > 1 && bytes[start] == '0') {
            throw error(what + " has a leading zero");
        }
        if (pos < bytes.length && (bytes[pos] == '.' || bytes[pos] == 'e' || bytes[pos] == 'E')) {
            throw error(what + " must be an integer, not a fraction or exponent");
        }
        return value;
    }

    /** An exception naming the current position. */
    SafeTensorsFormatException error(String message) {
        return new SafeTensorsFormatException("safetensors header, byte " + pos + ": " + message);
    }

    private char[] readUnicodeEscape() throws SafeTensorsFormatException {
        char high = (char) readHex4();
        if (!Character.isSurrogate(high)) {
            return new char[] {high};
        }
        if (Character.isHighSurrogate(high) && pos + 1 < bytes.length && bytes[pos] == '\\' && bytes[pos + 1] == 'u') {
            pos += 2;
            char low = (char) readHex4();
            if (Character.isLowSurrogate(low)) {
                return new char[] {high, low};
            }
        }
        throw error("unpaired surrogate in a \\u escape");
    }

    private int readHex4() throws SafeTensorsFormatException {
        if (pos + 4 > bytes.length) {
            throw error("truncated \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int c = bytes[pos + i] & 0xff;
            // ASCII only: Character.digit would also accept other scripts' digits.
            int digit = c < 0x80 ? Character.digit((char) c, 16) : -1;
            if (digit < 0) {
                throw error("invalid hex digit in a \\u escape");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return value;
    }

    private static String describe(int c) {
        return c == -1 ? "the end of the header" : c < 0x80 ? "'" + UserText.printable((char) c) + "'"
                : "byte 0x" + Integer.toHexString(c);
    }
}

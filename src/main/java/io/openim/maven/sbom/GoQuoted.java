package io.openim.maven.sbom;

/** Go's double-quoted string literals, as the toolchain writes build settings that need quoting. */
final class GoQuoted {

    private GoQuoted() {}

    /** The index just past the closing quote of the literal starting at {@code start}, or -1. */
    static int end(String text, int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The value of a whole literal such as {@code "-X main.v=1"}; null when it is not one. */
    static String unquote(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '"' || end(literal, 0) != literal.length()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                flush(bytes, out);
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'a' -> append(bytes, out, 7);
                case 'b' -> append(bytes, out, 8);
                case 'f' -> append(bytes, out, 12);
                case 'n' -> append(bytes, out, '\n');
                case 'r' -> append(bytes, out, '\r');
                case 't' -> append(bytes, out, '\t');
                case 'v' -> append(bytes, out, 11);
                case '\\', '"', '\'' -> append(bytes, out, e);
                case 'x' -> {
                    // A byte of a UTF-8 sequence, possibly one of several in a row.
                    bytes.write(Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int digits = e == 'u' ? 4 : 8;
                    flush(bytes, out);
                    out.appendCodePoint(Integer.parseInt(literal.substring(i + 1, i + 1 + digits), 16));
                    i += digits;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        bytes.write(Integer.parseInt(literal.substring(i, i + 3), 8));
                        i += 2;
                    } else {
                        return null;
                    }
                }
            }
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void append(java.io.ByteArrayOutputStream bytes, StringBuilder out, int c) {
        flush(bytes, out);
        out.append((char) c);
    }

    private static void flush(java.io.ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
            bytes.reset();
        }
    }
}

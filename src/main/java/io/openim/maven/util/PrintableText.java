package io.openim.maven.util;

/**
 * Text from outside (an engine's answer, a file the user edits) made safe to print in one message
 * line: control and invisible characters are shown escaped ({@code \n}, {@code \u200b}), never
 * raw, so a message cannot be garbled or hide what it quotes.
 */
public final class PrintableText {

    private PrintableText() {}

    /** All of {@code text}, escaped. */
    public static String of(String text) {
        return of(text, Integer.MAX_VALUE);
    }

    /** At most {@code limit} characters of {@code text}, escaped, with "…" when cut. */
    public static String of(String text, int limit) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit) + 8);
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            if (shown == limit) {
                return out.append('…').toString();
            }
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            shown++;
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (isInvisible(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * A character that prints as nothing or moves the cursor: C0/C1 controls, format characters
     * (zero-width space, byte-order mark, direction marks), unassigned and private-use code points,
     * and separators other than the plain space.
     */
    public static boolean isInvisible(int c) {
        if (c == ' ') {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}

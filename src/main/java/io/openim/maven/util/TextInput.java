package io.openim.maven.util;

import java.util.Locale;

/**
 * Text the user typed or edited: a VERSION file, a setting's value. Editors leave a UTF-8
 * byte-order mark and Windows line ends behind, which are accepted; any other invisible or control
 * character would end up in an image tag or a path unseen, so it is refused with a message that
 * shows it escaped ({@code \u200b}) instead of printing it raw.
 */
public final class TextInput {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private TextInput() {}

    /** The text without a leading byte-order mark and with CRLF (and a lone CR) read as LF. */
    public static String normalized(String text) {
        if (text == null) {
            return null;
        }
        String result = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        return result.replace("\r\n", "\n").replace('\r', '\n');
    }

    /**
     * {@link #normalized} text, checked.
     *
     * @param origin what the text is, for the message, e.g. "the file build/build-image/VERSION"
     * @param fix what to do about it, e.g. "Fix 'imageTag' (-Dopenim.docker.image.tag, ...)"
     * @throws IllegalArgumentException with one line naming the character, where it is, and the fix
     */
    public static String checked(String text, String origin, String fix) {
        String value = normalized(text);
        if (value == null) {
            return null;
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                if (invisible(codePoint)) {
                    String name = Character.getName(codePoint);
                    throw new IllegalArgumentException(origin + " holds an invisible character " + escape(codePoint)
                            + (name == null ? "" : " (" + name.toLowerCase(Locale.ROOT) + ")")
                            + (value.strip().indexOf('\n') >= 0 ? " on line " + line + "," : "") + " at column "
                            + column
                            + ": '"
                            + escaped(value.lines().skip(line - 1).findFirst().orElse("")) + "'. Remove it. "
                            + fix + ".");
                }
                column++;
            }
            i += Character.charCount(codePoint);
        }
        return value;
    }

    /** Control, format (zero-width, direction marks, a byte-order mark inside the text), separators other than a space. */
    static boolean invisible(int codePoint) {
        if (codePoint == '\t' || codePoint == ' ') {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SPACE_SEPARATOR,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE,
                    Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** The text as it can be shown: invisible characters escaped, the rest as it is. */
    public static String escaped(String text) {
        StringBuilder result = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (invisible(c)) {
                result.append(escape(c));
            } else {
                result.appendCodePoint(c);
            }
        });
        return result.toString();
    }

    private static String escape(int codePoint) {
        return codePoint <= 0xFFFF
                ? String.format(Locale.ROOT, "\\u%04x", codePoint)
                : String.format(Locale.ROOT, "\\U%08x", codePoint);
    }
}

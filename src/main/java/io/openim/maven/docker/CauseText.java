package io.openim.maven.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine's own words in an exception chain: its JSON reply unwrapped, without the stack. */
public final class CauseText {

    private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STATUS_PREFIX = Pattern.compile("^Status \\d+:\\s*");

    private CauseText() {}

    /** The most telling message of a chain: the deepest one, the engine's own words unwrapped. */
    public static String of(Throwable error) {
        String best = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
                // Ours already says it all; what lies beneath is the detail.
                if (t instanceof EngineException) {
                    break;
                }
            }
        }
        return best == null ? error.getClass().getSimpleName() : clean(best);
    }

    public static String clean(String message) {
        String text = message.strip();
        Matcher json = JSON_MESSAGE.matcher(text);
        if (json.find()) {
            return unescape(json.group(1)).strip();
        }
        return STATUS_PREFIX.matcher(text).replaceFirst("");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 4 < text.length()) {
                        out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}

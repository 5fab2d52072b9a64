package io.openim.maven.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextInputTest {

    private static String check(String text) {
        return TextInput.checked(text, "The file VERSION", "Fix it");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreWhatEditorsLeaveAndAreAccepted() {
        assertEquals("2\n", check("\uFEFF2\r\n"));
        assertEquals("a\nb\n", check("a\r\nb\r\n"));
        assertEquals("a\nb", check("a\rb"));
        assertEquals("tabs\tand spaces", check("tabs\tand spaces"));
        assertEquals("ünïcode 日本", check("ünïcode 日本"));
    }

    @Test
    void anyOtherInvisibleCharacterIsRefusedAndShownEscaped() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check("1.0\u200b"));
        assertEquals(
                "The file VERSION holds an invisible character \\u200b (zero width space) at column 4: '1.0\\u200b'."
                        + " Remove it. Fix it.",
                e.getMessage());
        assertFalse(e.getMessage().contains("\u200b"), "never printed raw");
    }

    @Test
    void aFileOfOneLineNeedsNoLineNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check("7\u200b\r\n"));
        assertTrue(e.getMessage().contains("(zero width space) at column 2: '7\\u200b'"), e.getMessage());
    }

    @Test
    void theLineIsNamedWhenThereAreSeveral() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check("a\r\nb\u00a0c\n"));
        assertTrue(
                e.getMessage().contains("\\u00a0 (no-break space) on line 2, at column 2: 'b\\u00a0c'"),
                e.getMessage());
    }

    @Test
    void controlFormatAndSeparatorCharactersAllCount() {
        for (String bad : new String[] {
            "\u0000",
            "\u0007",
            "\u001b[31m",
            "\u007f",
            "\u0085",
            "\u00ad",
            "\u200e",
            "\u2028",
            "\u2060",
            "a\uFEFFb",
            "\u3000",
            "\uE000",
            "\uDB40\uDC01"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> check("x" + bad), bad);
            assertTrue(e.getMessage().contains("\\u") || e.getMessage().contains("\\U"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> check("\uDB40\uDC01"))
                .getMessage()
                .contains("\\U000e0001 (language tag)"));
    }

    @Test
    void escapedShowsTheRestAsItIs() {
        assertEquals("v1\\u200b-ü", TextInput.escaped("v1\u200b-ü"));
        assertEquals(null, TextInput.normalized(null));
    }
}

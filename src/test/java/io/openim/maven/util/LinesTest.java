package io.openim.maven.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinesTest {

    @Test
    void linesComeBackAsTheyWentIn() {
        List<String> lines = List.of("a", "", "b c", "");
        Lines batch = Lines.of(lines);
        assertEquals(4, batch.count());
        assertEquals("a\n\nb c\n", batch.text());
        assertEquals(lines, batch.all());
    }

    @Test
    void theLastLinesAreFoundFromTheEnd() {
        Lines batch = Lines.of(List.of("one", "", "three", "four"));
        assertEquals(List.of("three", "four"), batch.last(2));
        assertEquals(List.of("", "three", "four"), batch.last(3));
        assertEquals(List.of("one", "", "three", "four"), batch.last(10));
        assertEquals(List.of(""), Lines.of(List.of("")).last(5));
    }

    @Test
    void lastLinesKeepsOnlyWhatItHolds() {
        LastLines last = new LastLines(2);
        last.accept(Lines.of(List.of("x", "y", "z")));
        assertEquals(List.of("y", "z"), last.lines());
    }
}

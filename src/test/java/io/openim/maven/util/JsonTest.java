package io.openim.maven.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void treesReadAndWriteBackAsTheyWere() throws IOException {
        String text = "{\"a\":[1,2.5,true,false,null,\"x\\\"y\\n\"],\"b\":{\"c\":{}},\"d\":[]}";
        JsonNode node = Json.parse(text);
        assertEquals(2.5, node.path("a").get(1).asDouble());
        assertTrue(node.path("a").get(4).isNull());
        assertEquals("x\"y\n", node.path("a").get(5).asText());
        assertEquals(text, Json.text(node));
        assertEquals(text, Json.text(Json.parse(Json.bytes(node))));
    }

    @Test
    void aStreamOfMessagesGivesEachValue() throws IOException {
        List<String> streams = new ArrayList<>();
        Json.forEachValue(
                new ByteArrayInputStream(
                        "{\"stream\":\"Step 1/2\"}\r\n{\"stream\":\"Step 2/2\"}{\"aux\":{\"ID\":\"sha256:1\"}}"
                                .getBytes(StandardCharsets.UTF_8)),
                value -> streams.add(
                        value.has("stream")
                                ? value.get("stream").asText()
                                : value.path("aux").path("ID").asText()));
        assertEquals(List.of("Step 1/2", "Step 2/2", "sha256:1"), streams);
    }

    @Test
    void mapsAndListsBecomeNodes() {
        assertEquals("{\"k\":\"v\"}", Json.text(Json.of(Map.of("k", "v"))));
        assertEquals("[\"a\",\"b\"]", Json.text(Json.of(List.of("a", "b"))));
        assertTrue(Json.nothing().isNull());
    }
}

package io.openim.maven.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * JSON trees read and written with Jackson's streaming parser and generator only. An
 * {@code ObjectMapper} costs about 150 ms to set up in a fresh JVM (its serializer and deserializer
 * machinery), a tenth of a no-op build's own time; the engine calls need nothing of it.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static JsonNode nothing() {
        return NODES.nullNode();
    }

    public static ObjectNode of(Map<String, String> map) {
        ObjectNode node = object();
        map.forEach(node::put);
        return node;
    }

    public static ArrayNode of(List<String> list) {
        ArrayNode node = array();
        list.forEach(node::add);
        return node;
    }

    public static JsonNode parse(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            return first == null ? nothing() : read(parser, first);
        }
    }

    public static JsonNode parse(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            return first == null ? nothing() : read(parser, first);
        }
    }

    /** Every top-level value of a stream of JSON messages (a build's or a pull's progress). */
    public static void forEachValue(InputStream in, Consumer<JsonNode> value) throws IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                value.accept(read(parser, token));
            }
        }
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                ObjectNode node = object();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    node.set(name, read(parser, parser.nextToken()));
                }
                return node;
            }
            case START_ARRAY -> {
                ArrayNode node = array();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    node.add(read(parser, next));
                }
                return node;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nothing();
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }

    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String text(JsonNode node) {
        return new String(bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        if (node.isObject()) {
            generator.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                generator.writeFieldName(field.getKey());
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (node.isTextual()) {
            generator.writeString(node.asText());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.asBoolean());
        } else if (node.isIntegralNumber()) {
            generator.writeNumber(node.asLong());
        } else if (node.isNumber()) {
            generator.writeNumber(node.asDouble());
        } else {
            generator.writeNull();
        }
    }
}

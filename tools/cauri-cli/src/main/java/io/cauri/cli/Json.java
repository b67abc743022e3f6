package io.cauri.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Jackson's tree model (no data binding of classes), and the events feed's page read with its bodies verbatim. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CliFailure(Cauri.EXIT_API, "the API answered something that is not JSON: " + e.getOriginalMessage());
        }
    }

    static JsonNode readOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    static String pretty(JsonNode node) {
        try {
            return PRETTY.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    /** A page of {@code GET /events}: each event as the exact text the API sent, oldest first. */
    record FeedPage(List<String> events, boolean hasMore, String nextCursor) {
    }

    /**
     * Reads a feed page keeping each event's text as sent (README "Webhooks": the feed's events are the webhooks'
     * bodies), so {@code cauri listen} forwards and signs those characters rather than a re-serialization.
     */
    static FeedPage feedPage(String body) {
        List<String> events = new ArrayList<>();
        boolean hasMore = false;
        String nextCursor = null;
        JsonFactory factory = MAPPER.getFactory();
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CliFailure(Cauri.EXIT_API, "the events feed answered something that is not a page of events");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "data" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new CliFailure(Cauri.EXIT_API, "the events feed's data is not a list");
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            int start = (int) p.currentTokenLocation().getCharOffset();
                            p.skipChildren();
                            int end = (int) p.currentLocation().getCharOffset();
                            events.add(body.substring(start, end));
                        }
                    }
                    case "hasMore" -> hasMore = value == JsonToken.VALUE_TRUE;
                    case "nextCursor" -> nextCursor = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new CliFailure(Cauri.EXIT_API, "the events feed answered something that is not JSON: " + e.getMessage());
        }
        return new FeedPage(List.copyOf(events), hasMore, nextCursor);
    }
}

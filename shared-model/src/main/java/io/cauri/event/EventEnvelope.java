package io.cauri.event;

import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.time.Instant;

/**
 * An event ready to travel: its routing facts (what SNS message attributes and filter policies see) and its
 * body, the exact JSON merchants receive.
 */
public record EventEnvelope(String id, EventType type, String merchantId, Mode mode, String intentId,
                            Instant createdAt, String body) {

    /** Reads the routing facts back from a body (what the dispatcher gets from the queue). */
    public static EventEnvelope parse(JsonMapper json, String body) {
        JsonNode root;
        try {
            root = json.readValue(body, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("an event body must be JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("an event body must be a JSON object");
        }
        String id = text(root, "id");
        EventType type = EventType.fromWire(text(root, "type"))
                .orElseThrow(() -> new IllegalArgumentException("unknown event type"));
        Mode mode = Mode.fromWire(text(root, "mode")).orElseThrow(() -> new IllegalArgumentException("unknown mode"));
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("an event has a data object");
        }
        String intentId = type.wire().startsWith("payment.") ? text(data, "intentId") : text(data, "id");
        return new EventEnvelope(id, type, text(root, "merchantId"), mode, intentId,
                Timestamps.parse(text(root, "createdAt")), body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.getStringValue().isBlank()) {
            throw new IllegalArgumentException("an event has a string " + field);
        }
        return value.getStringValue();
    }
}

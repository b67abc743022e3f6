package io.cauri.event;

import io.cauri.correlation.Correlation;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.time.Instant;

/**
 * An event ready to travel: its routing facts (what SNS message attributes and filter policies see) and its
 * body, the exact JSON merchants receive. {@code sequence} orders the events of one intent (0 for events
 * written before it existed). {@code intentId} is the ordering key: the intent's id for {@code payment_intent.*}
 * and {@code payment.*} events, the refund's or the transfer's own id for {@code refund.*} and
 * {@code transfer.*} ones (each is ordered on its own). {@code correlationId} is the id of what caused the change
 * (the request's {@code req_…}, or a sweep's or queue message's id; null for changes stored before it was kept):
 * it is also in the body, and the dispatcher sends it as {@code Cauri-Correlation-Id} (docs/CONTRACT.md §5).
 */
public record EventEnvelope(String id, EventType type, String merchantId, Mode mode, String intentId,
                            Instant createdAt, String body, long sequence, String correlationId) {

    /** The field, in the body and in a claim check, that holds {@link #correlationId()}. */
    public static final String CORRELATION_ID = "correlationId";

    /** An event whose cause is not known. */
    public EventEnvelope(String id, EventType type, String merchantId, Mode mode, String intentId, Instant createdAt,
                         String body, long sequence) {
        this(id, type, merchantId, mode, intentId, createdAt, body, sequence, null);
    }

    /**
     * The field that marks a claim check. Defined here, with the parser that reads it, so reading an envelope
     * needs nothing of the body builder (which sits at the edge, next to the wire formats).
     */
    public static final String CLAIM_CHECK = "claimCheck";

    /** An event without a sequence number (written before events had one). */
    public EventEnvelope(String id, EventType type, String merchantId, Mode mode, String intentId, Instant createdAt,
                         String body) {
        this(id, type, merchantId, mode, intentId, createdAt, body, 0);
    }

    /**
     * Reads the routing facts back from a message body (what the dispatcher gets from the queue): an event, or
     * a claim check ({@link #CLAIM_CHECK}: no {@code data}, the event is in the delivery log), whose
     * envelope has a null body.
     */
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
        JsonNode sequence = root.get("sequence");
        long seq = sequence != null && sequence.isNumber() ? sequence.getLongValue() : 0;
        JsonNode cause = root.get(CORRELATION_ID);
        String correlationId = cause != null && cause.isString() && Correlation.valid(cause.getStringValue())
                ? cause.getStringValue() : null;
        JsonNode data = root.get("data");
        if (data == null && root.get(CLAIM_CHECK) != null) {
            return new EventEnvelope(id, type, text(root, "merchantId"), mode, text(root, "intentId"),
                    Timestamps.parse(text(root, "createdAt")), null, seq, correlationId);
        }
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("an event has a data object");
        }
        String intentId = type.wire().startsWith("payment.") ? text(data, "intentId") : text(data, "id");
        return new EventEnvelope(id, type, text(root, "merchantId"), mode, intentId,
                Timestamps.parse(text(root, "createdAt")), body, seq, correlationId);
    }

    /** A claim check: the body is in the delivery log, under this id. */
    public boolean isClaimCheck() {
        return body == null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.getStringValue().isBlank()) {
            throw new IllegalArgumentException("an event has a string " + field);
        }
        return value.getStringValue();
    }
}

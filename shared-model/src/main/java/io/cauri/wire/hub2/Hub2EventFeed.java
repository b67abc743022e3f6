package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.event.EventEnvelope;
import io.cauri.webhook.EventFeed;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A page of {@code GET /events}: the events exactly as the webhooks deliver them (each the delivered body),
 * oldest first; {@code hasMore} when more are ready now; {@code nextCursor} to pass as {@code after} next time
 * (also when the page is empty, so a poller keeps its place; null only before any event).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Hub2EventFeed(
        @ArraySchema(arraySchema = @Schema(description = "The events, oldest first, each exactly the body the webhooks deliver."),
                schema = @Schema(implementation = Object.class))
        List<JsonNode> data,
        boolean hasMore,
        @Schema(nullable = true, description = "Pass as `after` to read on from the end of this page.")
        String nextCursor) {

    public static Hub2EventFeed of(JsonMapper json, EventFeed.Page page) {
        return new Hub2EventFeed(bodies(json, page.events()), page.hasMore(), page.nextCursor());
    }

    /** Each event's stored body: the bytes its webhooks were signed over, read as JSON. */
    public static List<JsonNode> bodies(JsonMapper json, List<EventEnvelope> events) {
        return events.stream().map(e -> {
            try {
                return json.readValue(e.body(), Argument.of(JsonNode.class));
            } catch (IOException failed) {
                throw new UncheckedIOException("stored event " + e.id() + " is not JSON", failed);
            }
        }).toList();
    }
}

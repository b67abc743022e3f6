package io.cauri.wire.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 * {@code GET /api/v1/events}: a v1 list ({@code {object: "list", data, has_more, url}}) of the events exactly as
 * the webhooks deliver them, oldest first (a feed to catch up, so it reads forward); {@code next_cursor} (ours)
 * goes on as {@code starting_after} past events a {@code type} filter skipped.
 */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record V1EventList(String object,
                          @ArraySchema(arraySchema = @Schema(description = "The events, oldest first, each exactly the body the webhooks deliver."),
                                  schema = @Schema(implementation = Object.class))
                          List<JsonNode> data,
                          @JsonProperty("has_more") boolean hasMore, String url,
                          @Schema(nullable = true, description = "Pass as `starting_after` to read on from the end of this page.")
                          @JsonProperty("next_cursor") String nextCursor) {
    public static V1EventList of(JsonMapper json, EventFeed.Page page) {
        List<JsonNode> bodies = page.events().stream().map(e -> {
            try {
                return json.readValue(e.body(), Argument.of(JsonNode.class));
            } catch (IOException failed) {
                throw new UncheckedIOException("stored event " + e.id() + " is not JSON", failed);
            }
        }).toList();
        return new V1EventList("list", bodies, page.hasMore(), "/api/v1/events", page.nextCursor());
    }
}

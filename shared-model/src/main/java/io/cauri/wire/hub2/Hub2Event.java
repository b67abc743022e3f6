package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.WebhookDeliveries;
import io.cauri.time.Timestamps;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * An event as {@code GET /payment-intents/{id}/events} shows it: the event merchants receive, plus
 * {@code deliveries}, one per endpoint, with their attempts.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hub2Event(String id, String type, String createdAt, String mode, String merchantId,
                        @Schema(requiredMode = NOT_REQUIRED, description = "Orders the events of one intent: grows "
                                + "with every event, in the order the changes were stored (not by steps of one).")
                        Long sequence,
                        @Schema(requiredMode = NOT_REQUIRED, description = "The id of what caused the change: the "
                                + "Request-Id of the request that made it (req_…), else the sweep's (sweep_…) or the "
                                + "queued provider event's (msg_…); also the webhook's Cauri-Correlation-Id header.")
                        String correlationId,
                        @Schema(implementation = Object.class,
                                description = "The event's payload, as delivered to webhooks.") JsonNode data,
                        @Schema(requiredMode = NOT_REQUIRED) List<Hub2Delivery> deliveries) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2Delivery(String webhookId, @Schema(requiredMode = NOT_REQUIRED) String url, String status,
                               int attempts, @Schema(requiredMode = NOT_REQUIRED) String nextAttemptAt,
                               @Schema(requiredMode = NOT_REQUIRED) String deliveredAt,
                               @Schema(requiredMode = NOT_REQUIRED) String reason, List<Hub2Attempt> history) {
        static Hub2Delivery of(Delivery d) {
            return new Hub2Delivery(d.endpointId(), d.url(), d.status().wire(), d.attempts(),
                    Timestamps.format(d.nextAttemptAt()), Timestamps.format(d.deliveredAt()), d.reason(),
                    d.history().stream().map(a -> new Hub2Attempt(a.number(), Timestamps.format(a.at()),
                            a.responseStatus(), io.cauri.webhook.WebhookSender.shownError(a.error()),
                            a.durationMillis())).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hub2Attempt(int attempt, String at, @Schema(requiredMode = NOT_REQUIRED) Integer responseStatus,
                              @Schema(requiredMode = NOT_REQUIRED) String error, long durationMillis) {
    }

    /** The answer to {@code POST /events/{id}/resend}: what happened for each endpoint. */
    @Serdeable
    public record Hub2Resend(String id, List<Hub2Resent> deliveries) {
        public static Hub2Resend of(String eventId, List<WebhookDeliveries.Resent> resent) {
            return new Hub2Resend(eventId, resent.stream().map(r -> new Hub2Resent(r.endpointId(), r.outcome())).toList());
        }
    }

    @Serdeable
    public record Hub2Resent(String webhookId, String outcome) {
    }

    public static Hub2Event of(JsonMapper json, DeliveryLog.LoggedEvent logged) {
        JsonNode body;
        try {
            body = json.readValue(logged.event().body(), Argument.of(JsonNode.class));
        } catch (IOException e) {
            throw new UncheckedIOException("stored event " + logged.event().id() + " is not JSON", e);
        }
        var e = logged.event();
        return new Hub2Event(e.id(), e.type().wire(), Timestamps.format(e.createdAt()), e.mode().wire(), e.merchantId(),
                e.sequence() > 0 ? e.sequence() : null, e.correlationId(), body.get("data"), logged.deliveries().stream().map(Hub2Delivery::of).toList());
    }
}

package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.webhook.WebhookPings;
import io.cauri.webhook.WebhookSender;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * The answer to {@code POST /webhooks/{id}/test}: the ping sent ({@code eventId}, type {@code ping}) and how the
 * endpoint answered — {@code delivered} if it answered 2xx in time; else the HTTP {@code status} it answered, or
 * the {@code error} kind when no answer came (the kinds of a delivery attempt).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hub2WebhookPing(String webhookId, String eventId, String type, boolean delivered,
                              @Schema(requiredMode = NOT_REQUIRED) Integer status,
                              @Schema(requiredMode = NOT_REQUIRED, allowableValues = {"timeout", "connection_refused",
                                      "tls_error", "http_status", "address_not_allowed", "dns_error",
                                      "connection_error"}) String error,
                              long durationMs) {

    public static Hub2WebhookPing of(WebhookPings.Outcome outcome) {
        WebhookSender.Result r = outcome.result();
        return new Hub2WebhookPing(outcome.endpoint().id(), outcome.eventId(), WebhookPings.TYPE, r.isSuccess(),
                r.status(), r.isSuccess() ? null : WebhookSender.shownError(r.error()), r.durationMillis());
    }
}

package io.cauri.wire.hub2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookSecret;
import io.cauri.time.Timestamps;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;

/**
 * A webhook endpoint as the API shows it. {@code secret} only in the answers to creation and rotation;
 * {@code previousSecretExpiresAt} while the previous secret still signs ({@code s0}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hub2Webhook(String id, String url, List<String> events,
                          @Schema(requiredMode = NOT_REQUIRED) String description,
                          @Schema(requiredMode = NOT_REQUIRED) Map<String, String> metadata, String status,
                          boolean failing, String mode, String createdAt, String updatedAt,
                          @Schema(requiredMode = NOT_REQUIRED) String secret,
                          @Schema(requiredMode = NOT_REQUIRED) String previousSecretExpiresAt,
                          @Schema(requiredMode = NOT_REQUIRED) String disabledReason) {

    public static Hub2Webhook of(WebhookEndpoint e, WebhookSecret secret, Instant now) {
        return new Hub2Webhook(e.id(), e.url(), e.events().stream().map(EventType::wire).toList(), e.description(),
                e.metadata(), e.status().wire(), e.failing(), e.mode().wire(), Timestamps.format(e.createdAt()),
                Timestamps.format(e.updatedAt()), secret == null ? null : secret.value(),
                e.hasPreviousSecret(now) ? Timestamps.format(e.previousSecretExpiresAt()) : null, e.disabledReason());
    }

    /** The answer to {@code DELETE /webhooks/{id}}. */
    @Serdeable
    public record Deleted(String id, boolean deleted) {
    }
}

package io.cauri.webhook;

import io.cauri.event.EventType;
import io.cauri.merchant.Mode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A merchant's webhook endpoint in one mode: where to POST which event types. The signing secrets are kept
 * only sealed ({@link io.cauri.sealing.EncryptionKey}); {@code previousSecret} still signs ({@code s0}) until
 * {@code previousSecretExpiresAt}, 24 h after a rotation. {@code failing} is set when a delivery ran out of
 * attempts and cleared by the next success; {@code failingSince} is the first failed attempt since the last
 * success (null while it succeeds): an endpoint failing for {@link EndpointHealth#DISABLE_AFTER} is disabled.
 * A {@code 410 Gone} answer disables the endpoint at once. Re-enabling it ({@code PATCH}) starts the clock over.
 * {@code announcementPending}: the write that disabled it for its failures also recorded that its
 * {@code webhook_endpoint.disabled} announcement is owed, so a crash before the announcement is made cannot lose
 * it; the announcement's last step clears it.
 */
public record WebhookEndpoint(
        String id,
        String merchantId,
        Mode mode,
        String url,
        List<EventType> events,
        String description,
        Map<String, String> metadata,
        Status status,
        boolean failing,
        String sealedSecret,
        String sealedPreviousSecret,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        Instant updatedAt,
        String disabledReason,
        Long version,
        Instant failingSince,
        boolean announcementPending) {

    public enum Status {
        ENABLED, DISABLED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An endpoint that has not failed since its last success. */
    public WebhookEndpoint(String id, String merchantId, Mode mode, String url, List<EventType> events,
                           String description, Map<String, String> metadata, Status status, boolean failing,
                           String sealedSecret, String sealedPreviousSecret, Instant previousSecretExpiresAt,
                           Instant createdAt, Instant updatedAt, String disabledReason, Long version) {
        this(id, merchantId, mode, url, events, description, metadata, status, failing, sealedSecret,
                sealedPreviousSecret, previousSecretExpiresAt, createdAt, updatedAt, disabledReason, version, null);
    }

    /** An endpoint that owes no announcement. */
    public WebhookEndpoint(String id, String merchantId, Mode mode, String url, List<EventType> events,
                           String description, Map<String, String> metadata, Status status, boolean failing,
                           String sealedSecret, String sealedPreviousSecret, Instant previousSecretExpiresAt,
                           Instant createdAt, Instant updatedAt, String disabledReason, Long version,
                           Instant failingSince) {
        this(id, merchantId, mode, url, events, description, metadata, status, failing, sealedSecret,
                sealedPreviousSecret, previousSecretExpiresAt, createdAt, updatedAt, disabledReason, version,
                failingSince, false);
    }

    public WebhookEndpoint {
        events = events == null ? List.of() : List.copyOf(events);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public boolean isEnabled() {
        return status == Status.ENABLED;
    }

    public boolean subscribesTo(EventType type) {
        return events.contains(type);
    }

    /** The dispatcher delivers an event of this type to it: enabled and subscribed. */
    public boolean receives(EventType type) {
        return isEnabled() && subscribesTo(type);
    }

    /**
     * Disabled with its announcement owed, and subscribed to this type: the dispatcher makes the announcement again
     * when such an event comes (docs/CONTRACT.md, section 5).
     */
    public boolean owesAnnouncementOn(EventType type) {
        return !isEnabled() && announcementPending && subscribesTo(type);
    }

    /** The previous secret, while it still signs. */
    public boolean hasPreviousSecret(Instant now) {
        return sealedPreviousSecret != null && previousSecretExpiresAt != null && now.isBefore(previousSecretExpiresAt);
    }

    /** What {@link io.cauri.sealing.EncryptionKey} binds the sealed secrets to: a secret moved to another row does not open. */
    public static String secretContext(String merchantId, Mode mode, String endpointId) {
        return "webhook:" + merchantId + ":" + mode.wire() + ":" + endpointId;
    }

    public String secretContext() {
        return secretContext(merchantId, mode, id);
    }

    public WebhookEndpoint withSecrets(String sealed, String sealedPrevious, Instant previousExpiresAt, Instant now) {
        return new WebhookEndpoint(id, merchantId, mode, url, events, description, metadata, status, failing, sealed,
                sealedPrevious, previousExpiresAt, createdAt, now, disabledReason, version, failingSince,
                announcementPending);
    }

    public WebhookEndpoint disabled(String reason, Instant now) {
        return new WebhookEndpoint(id, merchantId, mode, url, events, description, metadata, Status.DISABLED, failing,
                sealedSecret, sealedPreviousSecret, previousSecretExpiresAt, createdAt, now, reason, version, failingSince,
                announcementPending);
    }

    /** Whether a {@code webhook_endpoint.disabled} announcement is owed ({@code pending}) or was made. */
    public WebhookEndpoint withAnnouncementPending(boolean pending, Instant now) {
        return new WebhookEndpoint(id, merchantId, mode, url, events, description, metadata, status, failing,
                sealedSecret, sealedPreviousSecret, previousSecretExpiresAt, createdAt, now, disabledReason, version,
                failingSince, pending);
    }

    public WebhookEndpoint withFailing(boolean isFailing, Instant now) {
        return new WebhookEndpoint(id, merchantId, mode, url, events, description, metadata, status, isFailing,
                sealedSecret, sealedPreviousSecret, previousSecretExpiresAt, createdAt, now, disabledReason, version,
                failingSince, announcementPending);
    }

    /** Failing since {@code since} (null: it just succeeded, the clock stops). */
    public WebhookEndpoint withFailingSince(Instant since, Instant now) {
        return new WebhookEndpoint(id, merchantId, mode, url, events, description, metadata, status,
                since != null && failing, sealedSecret, sealedPreviousSecret, previousSecretExpiresAt, createdAt, now,
                disabledReason, version, since, announcementPending);
    }

    /** The merchant's changes ({@code PATCH}): null keeps a value. Re-enabling starts the failure clock over. */
    public WebhookEndpoint changed(String newUrl, List<EventType> newEvents, Boolean enabled, Instant now) {
        boolean enable = enabled != null && enabled && status != Status.ENABLED;
        Status newStatus = enabled == null ? status : enabled ? Status.ENABLED : Status.DISABLED;
        return new WebhookEndpoint(id, merchantId, mode, newUrl == null ? url : newUrl,
                newEvents == null ? events : newEvents, description, metadata, newStatus, !enable && failing,
                sealedSecret, sealedPreviousSecret, previousSecretExpiresAt, createdAt, now,
                newStatus == Status.ENABLED ? null : enabled != null && !enabled ? "disabled by the merchant" : disabledReason,
                version, enable ? null : failingSince, !enable && announcementPending); // enabled again: nothing to announce
    }
}

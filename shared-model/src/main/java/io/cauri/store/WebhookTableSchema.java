package io.cauri.store;

import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;

import java.util.List;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

/**
 * How a webhook endpoint is stored: keyed by {@value #MERCHANT_MODE} ({@code merchantId#MODE}, so a
 * merchant's endpoints in one mode are one Query) and {@code id}. Secrets only sealed.
 */
public final class WebhookTableSchema {
    public static final String MERCHANT_MODE = "merchantMode";
    public static final String ID = "id";

    public static final TableSchema<WebhookEndpoint> ENDPOINT = RecordSchema.of(WebhookEndpoint.class, b -> {
                List<String> events = b.get("events");
                Boolean failing = b.get("failing");
                Boolean announcementPending = b.get("announcementPending"); // absent from older items: false
                return new WebhookEndpoint(b.get(ID), b.get("merchantId"), Mode.valueOf(b.get("mode")), b.get("url"),
                        events == null ? List.of() : events.stream().map(e -> EventType.fromWire(e).orElseThrow()).toList(),
                        b.get("description"), b.get("metadata"), WebhookEndpoint.Status.valueOf(b.get("status")),
                        Boolean.TRUE.equals(failing), b.get("secret"), b.get("previousSecret"),
                        Timestamps.parse(b.get("previousSecretExpiresAt")), Timestamps.parse(b.get("createdAt")),
                        Timestamps.parse(b.get("updatedAt")), b.get("disabledReason"), b.get("version"),
                        Timestamps.parse(b.get("failingSince")), Boolean.TRUE.equals(announcementPending));
            })
            .add(String.class, MERCHANT_MODE, e -> IntentTableSchema.merchantMode(e.merchantId(), e.mode()), primaryPartitionKey())
            .add(String.class, ID, WebhookEndpoint::id, primarySortKey())
            .add(String.class, "merchantId", WebhookEndpoint::merchantId)
            .add(String.class, "mode", e -> e.mode().name())
            .add(String.class, "url", WebhookEndpoint::url)
            .add(EnhancedType.listOf(String.class), "events", e -> e.events().stream().map(EventType::wire).toList())
            .add(String.class, "description", WebhookEndpoint::description)
            .add(EnhancedType.mapOf(String.class, String.class), "metadata", WebhookEndpoint::metadata)
            .add(String.class, "status", e -> e.status().name())
            .add(Boolean.class, "failing", WebhookEndpoint::failing)
            .add(String.class, "secret", WebhookEndpoint::sealedSecret)
            .add(String.class, "previousSecret", WebhookEndpoint::sealedPreviousSecret)
            .add(String.class, "previousSecretExpiresAt", e -> Timestamps.format(e.previousSecretExpiresAt()))
            .add(String.class, "createdAt", e -> Timestamps.format(e.createdAt()))
            .add(String.class, "updatedAt", e -> Timestamps.format(e.updatedAt()))
            .add(String.class, "disabledReason", WebhookEndpoint::disabledReason)
            .add(String.class, "failingSince", e -> Timestamps.format(e.failingSince()))
            .add(Boolean.class, "announcementPending", WebhookEndpoint::announcementPending)
            .add(Long.class, "version", WebhookEndpoint::version, VersionedRecordExtension.AttributeTags.versionAttribute())
            .build();

    private WebhookTableSchema() {
    }
}

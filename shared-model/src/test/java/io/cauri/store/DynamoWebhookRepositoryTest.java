package io.cauri.store;

import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.id.Ids;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.merchant.Mode;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalRepositories;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook endpoints on DynamoDB Local: per merchant and mode, conditional updates. */
class DynamoWebhookRepositoryTest {
    final DynamoWebhookRepository repository = new DynamoWebhookRepository(LocalRepositories.enhancedClient(),
            TableNames.defaults());
    final String merchant = Ids.next("m_");
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    WebhookEndpoint endpoint(Mode mode, Instant createdAt) {
        return new WebhookEndpoint(Ids.next(Ids.WEBHOOK), merchant, mode, "https://shop.example/hooks",
                List.of(EventType.PAYMENT_INTENT_SUCCESSFUL, EventType.PAYMENT_FAILED), "orders",
                Map.of("team", "payments"), WebhookEndpoint.Status.ENABLED, false, "local1.sealed", null, null,
                createdAt, createdAt, null, null);
    }

    @Test
    void createFindListAndDeletePerMerchantAndMode() {
        WebhookEndpoint first = repository.create(endpoint(Mode.SANDBOX, now));
        WebhookEndpoint second = repository.create(endpoint(Mode.SANDBOX, now.plusMillis(1)));
        WebhookEndpoint live = repository.create(endpoint(Mode.LIVE, now));
        assertEquals(1L, first.version());
        assertEquals(List.of(EventType.PAYMENT_INTENT_SUCCESSFUL, EventType.PAYMENT_FAILED), first.events());
        assertEquals(Map.of("team", "payments"), first.metadata());
        assertEquals(List.of(first.id(), second.id()),
                repository.list(merchant, Mode.SANDBOX).stream().map(WebhookEndpoint::id).toList());
        assertEquals(List.of(live.id()), repository.list(merchant, Mode.LIVE).stream().map(WebhookEndpoint::id).toList());
        assertEquals(Optional.empty(), repository.find(merchant, Mode.LIVE, first.id()));
        assertEquals(Optional.empty(), repository.find("m_other", Mode.SANDBOX, first.id()));
        assertTrue(repository.delete(merchant, Mode.SANDBOX, first.id()));
        assertFalse(repository.delete(merchant, Mode.SANDBOX, first.id()));
        assertEquals(List.of(second.id()), repository.list(merchant, Mode.SANDBOX).stream().map(WebhookEndpoint::id).toList());
    }

    @Test
    void aStaleUpdateLoses() {
        WebhookEndpoint stored = repository.create(endpoint(Mode.SANDBOX, now));
        WebhookEndpoint disabled = repository.update(stored.disabled("410 Gone", now));
        assertEquals(WebhookEndpoint.Status.DISABLED, disabled.status());
        assertEquals(2L, disabled.version());
        assertThrows(ConcurrentChangeException.class, () -> repository.update(stored.withFailing(true, now)));
    }

    /** The owed announcement is stored with the endpoint; an item written before it existed owes none. */
    @Test
    void anOwedAnnouncementIsStoredAndAnOlderItemOwesNone() {
        WebhookEndpoint stored = repository.create(endpoint(Mode.SANDBOX, now));
        assertFalse(stored.announcementPending());
        WebhookEndpoint owing = repository.update(stored.disabled("failing", now).withAnnouncementPending(true, now));
        assertTrue(owing.announcementPending());
        assertTrue(repository.find(merchant, Mode.SANDBOX, stored.id()).orElseThrow().announcementPending());
        assertFalse(repository.update(owing.withAnnouncementPending(false, now)).announcementPending());

        DynamoDbLocal.shared().client().updateItem(r -> r.tableName(TableNames.defaults().webhooks())
                .key(Map.of(WebhookTableSchema.MERCHANT_MODE,
                        AttributeValue.fromS(IntentTableSchema.merchantMode(merchant, Mode.SANDBOX)),
                        WebhookTableSchema.ID, AttributeValue.fromS(stored.id())))
                .updateExpression("REMOVE announcementPending"));
        assertFalse(repository.find(merchant, Mode.SANDBOX, stored.id()).orElseThrow().announcementPending());
    }
}

package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoWebhookRepository;
import io.cauri.store.TableNames;
import io.cauri.testing.LocalRepositories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which events the stream publisher marks as wanted by some endpoint, against endpoints stored in DynamoDB Local:
 * those the dispatcher would act on (an enabled endpoint subscribed to the type, or a disabled one owing its
 * announcement), per merchant and mode, each read once a batch; unknown when the read fails or is too slow.
 */
class WebhookSubscribersTest {
    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(4);
    final DynamoWebhookRepository stored = new DynamoWebhookRepository(LocalRepositories.enhancedClient(), TableNames.defaults());
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    WebhookEndpoint endpoint(String merchant, Mode mode, EventType... types) {
        return new WebhookEndpoint(Ids.next(Ids.WEBHOOK), merchant, mode, "https://shop.example/hooks", List.of(types),
                null, Map.of(), WebhookEndpoint.Status.ENABLED, false, "local1.sealed", null, null, now, now, null, null);
    }

    static EventEnvelope event(String merchant, Mode mode, EventType type) {
        return new EventEnvelope(Ids.next("evt_"), type, merchant, mode, "pi_1", Instant.now(), "{}");
    }

    /** The real repository, counting its list reads. */
    static final class Counting implements WebhookRepository {
        final WebhookRepository delegate;
        final AtomicInteger lists = new AtomicInteger();
        final Duration delay;

        Counting(WebhookRepository delegate, Duration delay) {
            this.delegate = delegate;
            this.delay = delay;
        }

        @Override
        public WebhookEndpoint create(WebhookEndpoint endpoint) {
            return delegate.create(endpoint);
        }

        @Override
        public WebhookEndpoint update(WebhookEndpoint endpoint) {
            return delegate.update(endpoint);
        }

        @Override
        public Optional<WebhookEndpoint> find(String merchantId, Mode mode, String endpointId) {
            return delegate.find(merchantId, mode, endpointId);
        }

        @Override
        public List<WebhookEndpoint> list(String merchantId, Mode mode) {
            lists.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.list(merchantId, mode);
        }

        @Override
        public boolean delete(String merchantId, Mode mode, String endpointId) {
            return delegate.delete(merchantId, mode, endpointId);
        }
    }

    @Test
    void anEventIsWantedWhereTheDispatcherWouldActOnItAndItsMerchantsEndpointsAreReadOncePerBatch() {
        String merchant = Ids.next("m_");
        String owing = Ids.next("m_");
        String quiet = Ids.next("m_");
        String none = Ids.next("m_");
        stored.create(endpoint(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL, EventType.PAYMENT_FAILED));
        stored.create(endpoint(merchant, Mode.LIVE, EventType.PAYMENT_INTENT_CREATED));
        WebhookEndpoint o = stored.create(endpoint(owing, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL));
        stored.update(o.disabled("failing", now).withAnnouncementPending(true, now));
        WebhookEndpoint q = stored.create(endpoint(quiet, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL));
        stored.update(q.disabled("410 Gone", now));
        List<EventEnvelope> batch = List.of(
                event(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED),
                event(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL),
                event(merchant, Mode.LIVE, EventType.PAYMENT_INTENT_CREATED),
                event(merchant, Mode.LIVE, EventType.PAYMENT_INTENT_SUCCESSFUL),
                event(owing, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL),
                event(quiet, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL),
                event(none, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL),
                event(merchant, Mode.SANDBOX, EventType.PAYMENT_FAILED));
        Counting counting = new Counting(stored, Duration.ZERO);

        WebhookSubscribers subscribers = WebhookSubscribers.forBatch(counting, batch, EXECUTOR, Duration.ofSeconds(5));

        assertEquals(List.of(false, true, true, false, true, false, false, true), batch.stream().map(subscribers::want).toList());
        assertEquals(5, counting.lists.get(), "one read per merchant and mode of the batch");
        assertNull(subscribers.want(event(Ids.next("m_"), Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL)),
                "a merchant not of the batch: not known");
    }

    @Test
    void endpointsThatCannotBeReadMakeTheirEventsUnknown() {
        WebhookRepository missingTable = new DynamoWebhookRepository(LocalRepositories.enhancedClient(),
                new TableNames(null, null, null, null, null, "no-such-table-" + Ids.next(""), null, null, null));
        EventEnvelope event = event(Ids.next("m_"), Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL);

        assertNull(WebhookSubscribers.forBatch(missingTable, List.of(event), EXECUTOR, Duration.ofSeconds(5)).want(event));
    }

    /** Reads run together, and a batch waits for them at most the wait given: then its events go unmarked. */
    @Test
    void aBatchWaitsForItsReadsTogetherAndAtMostTheWaitGiven() {
        String merchant = Ids.next("m_");
        stored.create(endpoint(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL));
        List<EventEnvelope> batch = List.of(event(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL),
                event(Ids.next("m_"), Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL),
                event(Ids.next("m_"), Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL));

        long start = System.nanoTime();
        WebhookSubscribers together = WebhookSubscribers.forBatch(new Counting(stored, Duration.ofMillis(300)), batch,
                EXECUTOR, Duration.ofSeconds(5));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(true, false, false), batch.stream().map(together::want).toList());
        assertTrue(tookMillis < 800, "three reads of 300 ms together, not one after the other: " + tookMillis + " ms");

        start = System.nanoTime();
        WebhookSubscribers late = WebhookSubscribers.forBatch(new Counting(stored, Duration.ofSeconds(2)), batch,
                EXECUTOR, Duration.ofMillis(200));
        tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertNull(late.want(batch.get(0)));
        assertTrue(tookMillis < 1_000, "waited " + tookMillis + " ms for reads of 2 s with a wait of 200 ms");
    }
}

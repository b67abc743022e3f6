package io.cauri.webhookdispatcher;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.provider.PaymentMethod;
import io.cauri.store.TableNames;
import io.cauri.streampublisher.StreamPublisherHandler;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.webhook.EventFeed;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events feed over the whole real path (a payment through the domain services, the intents table's stream
 * read by the real stream-publisher handler, the emulator's topic and queue, the real dispatcher POSTing to a
 * loopback receiver): the feed holds every event of the merchant, those no endpoint subscribes to included,
 * and the events the receiver got are in it with the same ids and the very same bodies.
 */
class EventFeedFlowTest {
    static DispatcherFixture fixture;
    static StreamPublisherHandler publisher;
    static StreamPoller stream;

    @BeforeAll
    static void start() {
        // no settle window: the test waits for the events itself
        fixture = new DispatcherFixture(Map.of("cauri.events.feed-settle", "0s")).start();
        publisher = new StreamPublisherHandler(ApplicationContext.builder().properties(fixture.properties));
        stream = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> publisher.handleRequest(batch, new MockLambdaContext()), 100).start(100);
    }

    @AfterAll
    static void stop() {
        stream.close();
        publisher.close();
        fixture.close();
    }

    /**
     * The whole feed of a merchant and mode, page by page (5 a page, so several), once it holds an event of type
     * {@code until} (null: at once).
     */
    static List<EventEnvelope> feed(String merchantId, Mode mode, EventType until) throws InterruptedException {
        EventFeed feed = fixture.context.getBean(EventFeed.class);
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            List<EventEnvelope> all = new ArrayList<>();
            String cursor = null;
            EventFeed.Page page;
            do {
                page = feed.page(merchantId, mode, cursor, "after", Set.of(), 5);
                all.addAll(page.events());
                cursor = page.nextCursor();
            } while (page.hasMore());
            if (until == null || all.stream().anyMatch(e -> e.type() == until) || Instant.now().isAfter(deadline)) {
                return all;
            }
            Thread.sleep(200);
        }
    }

    @Test
    void theFeedHoldsEveryEventTheWebhooksCarriedWithTheSameIdsAndBodies() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        String quiet = TestMerchants.fresh().merchantId(); // no endpoint at all
        WebhookReceiver receiver = fixture.receiver();
        // subscribed to two types only: the feed must hold the others too
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_CREATED,
                EventType.PAYMENT_INTENT_SUCCESSFUL);

        Caller server = Caller.server(merchant, Mode.SANDBOX);
        IntentLifecycle intents = fixture.context.getBean(IntentLifecycle.class);
        PaymentIntent intent = intents.create(server, new IntentLifecycle.NewIntent("order-feed-1", "cust-1", 1000,
                Currency.XOF, null));
        PaymentAttempts payments = fixture.context.getBean(PaymentAttempts.class);
        payments.attempt(server, intent.id(), new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "orange",
                "00000001", null, null, null), false);
        assertEquals(IntentStatus.SUCCESSFUL, payments.authenticate(server, intent.id(), "1234").status());
        PaymentIntent quietIntent = intents.create(Caller.server(quiet, Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-feed-2", "cust-2", 500, Currency.XOF, null));

        List<WebhookReceiver.Request> received = receiver.await(r -> r.stream()
                .anyMatch(q -> q.body().contains("\"payment_intent.successful\"")), Duration.ofSeconds(30));
        assertEquals(2, received.size(), "the two subscribed types");

        List<EventEnvelope> feed = feed(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL);
        List<String> types = feed.stream().map(e -> e.type().wire()).toList();
        assertTrue(types.containsAll(List.of("payment_intent.created", "payment.processing", "payment_intent.processing",
                "payment.action_required", "payment_intent.action_required", "payment.successful",
                "payment_intent.successful")), "unsubscribed types are in the feed too: " + types);
        assertEquals(feed.size(), feed.stream().map(EventEnvelope::id).distinct().count(), "no duplicate: " + types);
        for (int i = 1; i < feed.size(); i++) {
            assertTrue(feed.get(i - 1).sequence() < feed.get(i).sequence(), "one intent's events in order: " + types);
        }
        assertTrue(feed.stream().allMatch(e -> e.merchantId().equals(merchant) && e.intentId().equals(intent.id())));

        // what the endpoint received is in the feed: same id, byte for byte the same body
        for (WebhookReceiver.Request request : received) {
            EventEnvelope same = feed.stream().filter(e -> e.id().equals(request.header("webhook-id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("delivered but not in the feed: " + request.body()));
            assertEquals(request.body(), same.body());
        }

        // a merchant with no endpoint has its events all the same, and only in its own feed
        List<EventEnvelope> quietFeed = feed(quiet, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED);
        assertEquals(List.of("payment_intent.created"), quietFeed.stream().map(e -> e.type().wire()).toList());
        assertEquals(quietIntent.id(), quietFeed.get(0).intentId());
        assertTrue(feed(merchant, Mode.LIVE, null).isEmpty(), "nothing in the live feed");
    }
}

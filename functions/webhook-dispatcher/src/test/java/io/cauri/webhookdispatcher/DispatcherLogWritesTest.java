package io.cauri.webhookdispatcher;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.event.StatusEvent;
import io.cauri.event.StatusEvents;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.stream.EventBodies;
import io.cauri.merchant.Mode;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.sealing.EncryptionKey;
import io.cauri.store.DeliveryLogSchema;
import io.cauri.store.DynamoDeliveryLog;
import io.cauri.store.DynamoWebhookRepository;
import io.cauri.store.TableNames;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.DeliveryMessage;
import io.cauri.webhook.DeliveryQueue;
import io.cauri.webhook.EndpointHealth;
import io.cauri.webhook.RetryPolicy;
import io.cauri.webhook.WebhookDispatcher;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookRepository;
import io.cauri.webhook.WebhookSender;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the dispatcher writes to, and reads from, the delivery log and the endpoints for an event straight from
 * the topic. The stream publisher
 * logged it before announcing it, so the dispatcher writes nothing for an event no endpoint wants, and does not
 * write the event again for one that is delivered (each such write was a conditional PutItem always refused:
 * one write unit per event); it still logs an event that reached it unlogged, before opening its delivery,
 * since the next attempts and resends read the event from the log.
 */
class DispatcherLogWritesTest {
    static DispatcherFixture fixture;
    static final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
    static DynamoDbClient counted;
    static WebhookDispatcher dispatcher;
    static DeliveryLog log;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of()); // not started: this test hands the messages over itself
        counted = DynamoDbClient.builder()
                .endpointOverride(URI.create(DynamoDbLocal.shared().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        sent.add(context.request());
                    }
                }))
                .build();
        var c = fixture.context;
        log = new DynamoDeliveryLog(counted, c.getBean(TableNames.class), Duration.ofDays(30));
        // the endpoints read through the counted client too
        WebhookRepository endpoints = new DynamoWebhookRepository(
                DynamoDbEnhancedClient.builder().dynamoDbClient(counted).build(), c.getBean(TableNames.class));
        dispatcher = new WebhookDispatcher(endpoints, c.getBean(WebhookEndpoints.class), log,
                c.getBean(DeliveryQueue.class), c.getBean(WebhookSender.class), c.getBean(RetryPolicy.class),
                c.getBean(JsonMapper.class), Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(30),
                c.getBean(BusinessMetrics.class), c.getBean(EndpointHealth.class));
        c.getBean(EncryptionKey.class); // the dispatcher's bean requirement, present in its context
    }

    @AfterAll
    static void stop() {
        counted.close();
        fixture.close();
    }

    @BeforeEach
    void reset() {
        sent.clear();
    }

    /** Writes to the delivery log (PutItem or UpdateItem of any item). */
    static long logWrites() {
        String table = fixture.context.getBean(TableNames.class).deliveries();
        return sent.stream().filter(r -> r instanceof PutItemRequest p && p.tableName().equals(table)
                || r instanceof UpdateItemRequest u && u.tableName().equals(table)).count();
    }

    /** PutItems of an event item (not a delivery). */
    static long eventWrites() {
        return sent.stream().filter(r -> r instanceof PutItemRequest p
                && DeliveryLogSchema.EVENT_SK.equals(p.item().get(DeliveryLogSchema.SK).s())).count();
    }

    static WebhookDispatcher.Message message(EventEnvelope event) {
        return new WebhookDispatcher.Message("msg-" + event.id(), event.body(), Map.of());
    }

    @Test
    void anEventNoEndpointWantsCostsTheLogNoWrite() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        // an endpoint of the merchant that wants another type
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_CANCELED);
        EventEnvelope event = fixture.envelope(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED);
        fixture.context.getBean(DeliveryLog.class).recordEvent(event); // the stream publisher's part

        sent.clear();
        assertEquals(0, dispatcher.dispatch(List.of(message(event))).size());

        assertEquals(0, logWrites(), () -> "writes: " + sent);
        assertEquals(0, receiver.requests().size());
    }

    /**
     * Nor is its delivery read back before its attempt: the open's PutItem (or its refusal) answers the delivery, the
     * lease and the record follow, and the record answers the history its trim needs.
     */
    @Test
    void aLoggedEventIsDeliveredWithoutWritingItAgainNorReadingItsDelivery() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_SUCCESSFUL);
        EventEnvelope event = fixture.envelope(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL);
        fixture.context.getBean(DeliveryLog.class).recordEvent(event);

        sent.clear();
        assertEquals(0, dispatcher.dispatch(List.of(message(event))).size());

        assertEquals(0, eventWrites(), () -> "writes: " + sent);
        assertEquals(1, receiver.requests().size());
        assertEquals(event.id(), receiver.requests().get(0).header("webhook-id"));
        assertEquals(0, deliveryReads(), () -> "requests: " + sent);
        assertEquals(3, logWrites(), () -> "writes: " + sent); // open, lease, record
    }

    @Test
    void anEventThatArrivesUnloggedIsLoggedBeforeItsDelivery() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_SUCCESSFUL);
        EventEnvelope event = fixture.envelope(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL);

        assertEquals(0, dispatcher.dispatch(List.of(message(event))).size());

        assertEquals(1, eventWrites());
        assertTrue(log.event(event.id()).isPresent());
        assertEquals(event.body(), log.event(event.id()).orElseThrow().body());
        assertEquals(1, receiver.requests().size());
    }

    /** GetItems of a delivery (not of an event). */
    static long deliveryReads() {
        return sent.stream().filter(r -> r instanceof GetItemRequest g
                && g.key().get(DeliveryLogSchema.SK).s().startsWith(DeliveryLogSchema.DELIVERY_SK_PREFIX)).count();
    }

    /** Queries of the table {@code table}, on {@code index} (null: the table itself). */
    static long queries(String table, String index) {
        return sent.stream().filter(r -> r instanceof QueryRequest q && q.tableName().equals(table)
                && java.util.Objects.equals(q.indexName(), index)).count();
    }

    @Test
    void aPaymentsEventsInOneBatchShareTheirReads() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent open = PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX, t, "order-1", "cust-1",
                1000, Currency.XOF, null);
        IntentStatus[] statuses = {IntentStatus.PAYMENT_REQUIRED, IntentStatus.ACTION_REQUIRED, IntentStatus.SUCCESSFUL};
        EventType[] types = {EventType.PAYMENT_INTENT_CREATED, EventType.PAYMENT_INTENT_ACTION_REQUIRED,
                EventType.PAYMENT_INTENT_SUCCESSFUL};
        List<EventEnvelope> events = new ArrayList<>();
        for (int v = 1; v <= 3; v++) {
            PaymentIntent intent = WebhookOrderTest.stored(open, statuses[v - 1], v, t.plusMillis(v), List.of());
            events.add(EventBodies.envelope(fixture.context.getBean(JsonMapper.class), new StatusEvent(
                    StatusEvents.eventId(Ids.next("rec_"), types[v - 1], intent.id()), types[v - 1],
                    intent.updatedAt(), intent, null, StatusEvents.sequence(intent, 0))));
        }
        events.forEach(log::recordEvent); // the stream publisher's part

        List<WebhookDispatcher.Message> newestFirst = new ArrayList<>(events.stream().map(DispatcherLogWritesTest::message).toList());
        java.util.Collections.reverse(newestFirst); // as the topic may hand them over

        sent.clear();
        assertEquals(0, dispatcher.dispatch(newestFirst).size());

        assertEquals(events.stream().map(EventEnvelope::id).toList(),
                receiver.requests().stream().map(r -> r.header("webhook-id")).toList(), "in sequence order");
        TableNames names = fixture.context.getBean(TableNames.class);
        // the endpoints once; the intent's events once as the batch is planned and once again after the followers'
        // wait, however many events it has (were one each per event and follower: 3 and 5)
        assertEquals(1, queries(names.webhooks(), null), () -> "requests: " + sent);
        assertEquals(2, queries(names.deliveries(), DeliveryLogSchema.BY_INTENT), () -> "requests: " + sent);
        // the deliveries read: each earlier event's as the batch is planned (1 + 2: not opened yet, or pending), and
        // each follower's own before its lease (2); not the earlier ones again once this batch delivered them
        // (were 1 + 2 more)
        assertEquals(5, deliveryReads(), () -> "requests: " + sent);
    }

    /** GetItems of {@code event}'s delivery to any endpoint. */
    static long deliveryReads(EventEnvelope event) {
        return sent.stream().filter(r -> r instanceof GetItemRequest g
                && g.key().get(DeliveryLogSchema.SK).s().startsWith(DeliveryLogSchema.DELIVERY_SK_PREFIX)
                && g.key().values().stream().anyMatch(v -> v.s() != null && v.s().contains(event.id()))).count();
    }

    /**
     * A batch whose later events all wait for an earlier one another invocation is delivering (a POST of 700 ms)
     * reads that delivery once per look, not once per waiting event: a hanging merchant's payment (8 later
     * events in a batch) read it up to 14 times in the second for each of them. Bound: the plan's read by each of
     * the 4 waiting events, the looks of the one-second wait (after 10, 20, 40, then every 80 ms: at most 14),
     * and one read after it if the intent's index has not caught up. Polled once per waiting event, as before, it
     * was 4 + 4 times the looks (32 where this code read 11, at 500 ms).
     */
    @Test
    void laterEventsWaitingForADeliveryElsewhereReadItOncePerLook() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver()
                .answering(n -> n == 1 ? WebhookReceiver.Answer.slow(Duration.ofMillis(700)) : WebhookReceiver.Answer.status(200));
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());
        List<EventEnvelope> events = WebhookBatchOrderTest.writes(fixture, merchant, 5);
        EventEnvelope first = events.get(0);

        CompletableFuture<Set<String>> elsewhere = CompletableFuture.supplyAsync(() -> fixture.context
                .getBean(WebhookDispatcher.class).dispatch(List.of(message(first))));
        receiver.await(r -> r.size() >= 1, Duration.ofSeconds(20)); // its attempt is under way, under a lease
        sent.clear();
        List<WebhookDispatcher.Message> later = new ArrayList<>(events.subList(1, 5).stream()
                .map(DispatcherLogWritesTest::message).toList());
        java.util.Collections.reverse(later);
        assertEquals(0, dispatcher.dispatch(later).size());
        assertEquals(Set.of(), elsewhere.join());

        assertEquals(events.stream().map(EventEnvelope::id).toList(),
                receiver.requests().stream().map(r -> r.header("webhook-id")).toList(), "in sequence order, each once");
        long reads = deliveryReads(first);
        System.out.println("the earlier delivery, made elsewhere, was read " + reads + " times by the batch of 4 later events");
        assertTrue(reads <= 4 + 14 + 1, reads + " reads of the earlier delivery");
    }

    /**
     * An endpoint whose last attempts failed is not waited for in the invocation: an earlier event's attempt just
     * started there most likely fails too (a hanging endpoint's, after its timeout), and the later event waits
     * for its order wait's end or the earlier one's retry whatever a second here shows. It is deferred at once,
     * the earlier delivery read once as the batch is planned (waited for, it was read up to 14 times in the
     * second, for every later event of every payment of a hanging merchant), to when the earlier attempt is
     * answered: its start + the timeout (1 s here) + the record's margin (1.5 s), not a second later and again
     * at doubling waits.
     */
    @Test
    void aFailingEndpointsLaterEventIsDeferredWithoutWaitingInTheInvocation() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        WebhookEndpoint endpoint = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values()).endpoint();
        Instant since = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        endpoint = fixture.context.getBean(WebhookRepository.class).update(endpoint.withFailingSince(since, since));
        List<EventEnvelope> events = WebhookBatchOrderTest.writes(fixture, merchant, 2);
        // the earlier event's attempt, as another invocation starts it: opened and leased (two timeouts and ten
        // seconds), its POST under way; nothing here ends it, so what the later event sees does not depend on time
        Instant leased = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DeliveryLog shared = fixture.context.getBean(DeliveryLog.class);
        shared.open(events.get(0), endpoint, leased);
        assertTrue(shared.lease(events.get(0).id(), endpoint.id(), 0, leased, leased.plusSeconds(12)).isPresent());

        sent.clear();
        long start = System.nanoTime();
        assertEquals(0, dispatcher.dispatch(List.of(message(events.get(1)))).size());
        long took = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1, deliveryReads(events.get(0)), () -> "requests: " + sent);
        assertEquals(0, receiver.requests().size(), "the later event is not sent before the earlier one");
        System.out.println("a failing endpoint's later event was deferred in " + took + " ms");
        DeliveryMessage deferred = deliveryMessage(events.get(1), Duration.ofSeconds(10));
        assertEquals(1, deferred.attempt());
        long off = deferred.notBefore() - leased.plusMillis(2_500).toEpochMilli();
        assertTrue(Math.abs(off) <= 50, "looked at again when the earlier attempt is answered, not " + off
                + " ms from then");
    }

    /** The dispatcher's own message for {@code event} on its queue, as soon as it is visible. */
    static DeliveryMessage deliveryMessage(EventEnvelope event, Duration within) {
        JsonMapper json = fixture.context.getBean(JsonMapper.class);
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (software.amazon.awssdk.services.sqs.model.Message m : fixture.events.fauxqs().sqs().receiveMessage(r -> r
                    .queueUrl(fixture.events.queue().url()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                DeliveryMessage d = WebhookHangingChainTest.read(json, m.body());
                if (d != null && event.id().equals(d.eventId())) {
                    return d;
                }
            }
        }
        throw new AssertionError("no message for " + event.id() + " on the queue within " + within);
    }
}

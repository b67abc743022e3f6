package io.cauri.store;

import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.testing.DynamoDbLocal;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery log on DynamoDB Local: one attempt per lease, records, restart, an intent's events in order. */
class DynamoDeliveryLogTest {
    final DynamoDeliveryLog log = new DynamoDeliveryLog(DynamoDbLocal.shared().client(), TableNames.defaults(),
            Duration.ofDays(30));
    /** Event items written compact (cauri.delivery-log.compact-events), as once no older release can read the log. */
    final DynamoDeliveryLog compact = new DynamoDeliveryLog(DynamoDbLocal.shared().client(), TableNames.defaults(),
            Duration.ofDays(30), java.time.Clock.systemUTC(), true);
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    final String intentId = Ids.next(Ids.INTENT);

    EventEnvelope event(EventType type, Instant at) {
        String id = Ids.next(Ids.EVENT);
        return new EventEnvelope(id, type, "m_1", Mode.SANDBOX, intentId, at, "{\"id\":\"" + id + "\"}");
    }

    static WebhookEndpoint endpoint() {
        Instant t = Instant.now();
        return new WebhookEndpoint(Ids.next(Ids.WEBHOOK), "m_1", Mode.SANDBOX, "https://shop.example/hooks",
                List.of(EventType.PAYMENT_INTENT_SUCCESSFUL), null, Map.of(), WebhookEndpoint.Status.ENABLED, false,
                "sealed", null, null, t, t, null, 1L);
    }

    @Test
    void anEventIsStoredOnceWithItsExactBody() {
        EventEnvelope e = event(EventType.PAYMENT_INTENT_CREATED, now);
        log.recordEvent(e);
        log.recordEvent(new EventEnvelope(e.id(), e.type(), e.merchantId(), e.mode(), e.intentId(), e.createdAt(), "{}"));
        assertEquals(Optional.of(e), log.event(e.id()));
        assertEquals(Optional.empty(), log.event(Ids.next(Ids.EVENT)));
    }

    /**
     * A successful intent's event as the stream publisher logs it (the intent with its payment and fee, about
     * 1.5 KB of JSON): its item, and its entry in each index, is billed one write unit (a started KB) — the body
     * is stored compressed — and reads back as the very same bytes, non-ASCII ones included.
     */
    @Test
    void aPaymentsEventIsLoggedInOneWriteUnitForTheTableAndForEachIndex() {
        Instant at = now;
        io.cauri.intent.Payment payment = new io.cauri.intent.Payment(Ids.next(Ids.PAYMENT), intentId, at, at,
                io.cauri.intent.PaymentStatus.SUCCESSFUL, 125_000, io.cauri.intent.Currency.XOF, "mobile_money", "CI",
                "orange", "0700000001", null, List.of(new io.cauri.intent.Fee("fee_" + Ids.next("x"),
                        new java.math.BigDecimal("1.5"), io.cauri.intent.Fee.RateType.PERCENT, 1875,
                        io.cauri.intent.Currency.XOF, "Frais de transaction", List.of("TVA"))),
                null, "MP240101.1234.A56789", "gw_" + Ids.next("x"), "https://boutique.example/merci?commande=4521",
                "https://boutique.example/échec?commande=4521");
        io.cauri.intent.PaymentIntent intent = new io.cauri.intent.PaymentIntent(intentId, "m_" + Ids.next("x"),
                Mode.SANDBOX, at, at, "commande-4521-boutique-élégance", "client-88213", io.cauri.intent.IntentStatus.SUCCESSFUL, 125_000,
                io.cauri.intent.Currency.XOF, List.of(payment), null, null, "Boutique Élégance Abidjan", 4L, null);
        io.cauri.event.StatusEvent status = new io.cauri.event.StatusEvent(Ids.next(Ids.EVENT),
                EventType.PAYMENT_INTENT_SUCCESSFUL, at, intent, null);
        EventEnvelope e = io.cauri.stream.EventBodies.envelope(io.micronaut.json.JsonMapper.createDefault(), status,
                "req_" + Ids.next("x"));
        assertTrue(e.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1024, e.body());

        compact.recordEvent(e);
        assertEquals(e, log.event(e.id()).orElseThrow());

        // the stored item, logged again as another event: what DynamoDB bills for writing it
        var client = DynamoDbLocal.shared().client();
        String table = TableNames.defaults().deliveries();
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> stored = client.getItem(r -> r
                .tableName(table).key(Map.of(DeliveryLogSchema.PK, s(e.id()), DeliveryLogSchema.SK,
                        s(DeliveryLogSchema.EVENT_SK))).consistentRead(true)).item();
        String copy = Ids.next(Ids.EVENT);
        var item = new java.util.HashMap<>(stored);
        item.put(DeliveryLogSchema.PK, s(copy));
        item.put(DeliveryLogSchema.INTENT_SORT, s(stored.get(DeliveryLogSchema.INTENT_SORT).s().replace(e.id(), copy)));
        item.put(DeliveryLogSchema.FEED_SORT, s(stored.get(DeliveryLogSchema.FEED_SORT).s().replace(e.id(), copy)));
        var capacity = client.putItem(r -> r.tableName(table).item(item)
                .returnConsumedCapacity(software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        assertEquals(1.0, capacity.table().capacityUnits(), capacity::toString);
        assertEquals(java.util.Set.of(DeliveryLogSchema.BY_INTENT, DeliveryLogSchema.BY_MERCHANT),
                capacity.globalSecondaryIndexes().keySet(), capacity::toString);
        capacity.globalSecondaryIndexes().values().forEach(c -> assertEquals(1.0, c.capacityUnits(), capacity::toString));
    }

    static software.amazon.awssdk.services.dynamodb.model.AttributeValue s(String v) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(v);
    }

    /**
     * An event item logged before bodies were compressed (its body as text, its merchant, mode and creation time
     * apart) reads as it was written.
     */
    @Test
    void byDefaultAnEventIsLoggedInTheFormAnEarlierReleaseReads() {
        // expand, then contract: until compact items are turned on, a function of an earlier release (which reads
        // body, merchantId, mode and createdAt) must be able to read whatever this release logs
        EventEnvelope e = event(EventType.PAYMENT_INTENT_CREATED, now);
        log.recordEvent(e);
        var stored = DynamoDbLocal.shared().client().getItem(r -> r.tableName(TableNames.defaults().deliveries())
                .key(Map.of(DeliveryLogSchema.PK, s(e.id()), DeliveryLogSchema.SK, s(DeliveryLogSchema.EVENT_SK)))).item();
        assertEquals(e.body(), stored.get(DeliveryLogSchema.BODY).s());
        assertEquals(e.merchantId(), stored.get("merchantId").s());
        assertEquals(e.mode().name(), stored.get("mode").s());
        assertEquals(io.cauri.time.Timestamps.format(e.createdAt()), stored.get("createdAt").s());
        assertFalse(stored.containsKey(DeliveryLogSchema.BODY_DEFLATED));
        assertEquals(Optional.of(e), log.event(e.id()));
    }

    @Test
    void anEventLoggedCompactReadsTheSame() {
        EventEnvelope e = event(EventType.PAYMENT_INTENT_SUCCESSFUL, now);
        compact.recordEvent(e);
        var stored = DynamoDbLocal.shared().client().getItem(r -> r.tableName(TableNames.defaults().deliveries())
                .key(Map.of(DeliveryLogSchema.PK, s(e.id()), DeliveryLogSchema.SK, s(DeliveryLogSchema.EVENT_SK)))).item();
        assertTrue(stored.containsKey(DeliveryLogSchema.BODY_DEFLATED));
        assertFalse(stored.containsKey(DeliveryLogSchema.BODY));
        assertFalse(stored.containsKey("merchantId"));
        assertEquals(Optional.of(e), log.event(e.id()));
    }

    @Test
    void anEventLoggedWithItsBodyAsTextStillReads() {
        EventEnvelope e = event(EventType.PAYMENT_INTENT_CREATED, now);
        compact.recordEvent(e);
        var client = DynamoDbLocal.shared().client();
        String table = TableNames.defaults().deliveries();
        var key = Map.of(DeliveryLogSchema.PK, s(e.id()), DeliveryLogSchema.SK, s(DeliveryLogSchema.EVENT_SK));
        client.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("SET #text = :body, merchantId = :m, #mode = :mode, createdAt = :at REMOVE #gz")
                .expressionAttributeNames(Map.of("#text", DeliveryLogSchema.BODY, "#gz", DeliveryLogSchema.BODY_DEFLATED,
                        "#mode", "mode"))
                .expressionAttributeValues(Map.of(":body", s(e.body()), ":m", s(e.merchantId()),
                        ":mode", s(e.mode().name()), ":at", s(io.cauri.time.Timestamps.format(e.createdAt())))));
        assertEquals(Optional.of(e), log.event(e.id()));
    }

    @Test
    void oneLeasePerAttemptAndTheAttemptIsRecordedUnderIt() {
        EventEnvelope e = event(EventType.PAYMENT_INTENT_SUCCESSFUL, now);
        WebhookEndpoint ep = endpoint();
        log.recordEvent(e);
        Delivery opened = log.open(e, ep, now);
        assertEquals(Delivery.Status.PENDING, opened.status());
        assertEquals(0, opened.attempts());
        assertEquals(opened, log.open(e, ep, now.plusSeconds(5))); // a copy of the message opens nothing new

        Optional<String> lease = log.lease(e.id(), ep.id(), 0, now, now.plusSeconds(30));
        assertTrue(lease.isPresent());
        assertEquals(Optional.empty(), log.lease(e.id(), ep.id(), 0, now, now.plusSeconds(30)), "lease held");
        assertFalse(log.recordAttempt(e.id(), ep.id(), "lease_other", new Delivery.Attempt(1, now, 500, null, 3),
                Delivery.Status.PENDING, now.plusSeconds(60)), "only the lease holder records");

        Instant next = now.plusSeconds(60);
        assertTrue(log.recordAttempt(e.id(), ep.id(), lease.get(), new Delivery.Attempt(1, now, 500, null, 12),
                Delivery.Status.PENDING, next));
        Delivery after = log.delivery(e.id(), ep.id()).orElseThrow();
        assertEquals(1, after.attempts());
        assertEquals(next, after.nextAttemptAt());
        assertNull(after.leaseId());
        assertEquals(List.of(new Delivery.Attempt(1, now, 500, null, 12)), after.history());
        assertEquals(Optional.empty(), log.lease(e.id(), ep.id(), 0, now, now.plusSeconds(30)), "attempt 1 is made");

        String second = log.lease(e.id(), ep.id(), 1, now, now.plusSeconds(30)).orElseThrow();
        assertTrue(log.recordAttempt(e.id(), ep.id(), second, new Delivery.Attempt(2, now, 204, null, 8),
                Delivery.Status.SUCCEEDED, null));
        Delivery done = log.delivery(e.id(), ep.id()).orElseThrow();
        assertEquals(Delivery.Status.SUCCEEDED, done.status());
        assertEquals(now, done.deliveredAt());
        assertNull(done.nextAttemptAt());
        assertEquals(Optional.empty(), log.lease(e.id(), ep.id(), 2, now, now.plusSeconds(30)), "delivered: no more");
    }

    /**
     * A delivery keeps its last 20 attempts: the oldest go as new ones are recorded (a resent delivery's), with no
     * read of the delivery (the update returns the history).
     */
    @Test
    void aDeliveryKeepsItsLastTwentyAttemptsWithoutReadingIt() {
        EventEnvelope e = event(EventType.PAYMENT_INTENT_SUCCESSFUL, now);
        WebhookEndpoint ep = endpoint();
        Counted counted = new Counted();
        DynamoDeliveryLog recorder = new DynamoDeliveryLog(counted.client, TableNames.defaults(), Duration.ofDays(30));
        log.recordEvent(e);
        log.open(e, ep, now);
        for (int n = 1; n <= 23; n++) {
            String lease = log.lease(e.id(), ep.id(), n - 1, now, now.plusSeconds(30)).orElseThrow();
            assertTrue(recorder.recordAttempt(e.id(), ep.id(), lease, new Delivery.Attempt(n, now.plusSeconds(n), 500,
                    null, 3), Delivery.Status.PENDING, now.plusSeconds(60)));
            List<Delivery.Attempt> history = log.delivery(e.id(), ep.id()).orElseThrow().history();
            assertEquals(Math.min(n, 20), history.size(), "after attempt " + n);
            assertEquals(n, history.get(history.size() - 1).number());
            assertEquals(Math.max(1, n - 19), history.get(0).number());
        }
        assertEquals(0, counted.gets(), () -> "sent: " + counted.sent);
    }

    /** Opening a delivery answers it as stored without reading it: the written item, or the one that was there. */
    @Test
    void openingADeliveryTwiceAnswersTheStoredOneWithoutAReadBack() {
        EventEnvelope e = event(EventType.PAYMENT_INTENT_SUCCESSFUL, now);
        WebhookEndpoint ep = endpoint();
        Counted counted = new Counted();
        DynamoDeliveryLog opener = new DynamoDeliveryLog(counted.client, TableNames.defaults(), Duration.ofDays(30));
        log.recordEvent(e);

        Delivery first = opener.open(e, ep, now);
        assertEquals(Optional.of(first), log.delivery(e.id(), ep.id()));
        String lease = log.lease(e.id(), ep.id(), 0, now, now.plusSeconds(30)).orElseThrow();
        Delivery second = opener.open(e, ep, now.plusSeconds(5)); // a copy of the message, after the lease
        assertEquals(log.delivery(e.id(), ep.id()), Optional.of(second));
        assertEquals(lease, second.leaseId());
        assertEquals(0, counted.gets(), () -> "sent: " + counted.sent);
    }

    @Test
    void anExpiredLeaseCanBeTakenOver() {
        EventEnvelope e = event(EventType.PAYMENT_PROCESSING, now);
        WebhookEndpoint ep = endpoint();
        log.open(e, ep, now);
        assertTrue(log.lease(e.id(), ep.id(), 0, now, now.plusSeconds(1)).isPresent());
        assertTrue(log.lease(e.id(), ep.id(), 0, now.plusSeconds(2), now.plusSeconds(30)).isPresent());
    }

    @Test
    void restartOnlyAFinishedDeliveryAndCancelOnlyAPendingOne() {
        EventEnvelope e = event(EventType.PAYMENT_PROCESSING, now);
        WebhookEndpoint ep = endpoint();
        log.open(e, ep, now);
        assertFalse(log.restart(e.id(), ep.id(), now), "still pending");
        log.cancel(e.id(), ep.id(), "endpoint deleted", now);
        Delivery canceled = log.delivery(e.id(), ep.id()).orElseThrow();
        assertEquals(Delivery.Status.CANCELED, canceled.status());
        assertEquals("endpoint deleted", canceled.reason());
        assertTrue(log.restart(e.id(), ep.id(), now));
        Delivery restarted = log.delivery(e.id(), ep.id()).orElseThrow();
        assertEquals(Delivery.Status.PENDING, restarted.status());
        assertEquals(0, restarted.attempts());
        assertFalse(log.restart(Ids.next(Ids.EVENT), ep.id(), now), "nothing to restart");
    }

    @Test
    void anIntentsEventsComeOldestFirstWithTheirDeliveries() {
        EventEnvelope created = event(EventType.PAYMENT_INTENT_CREATED, now);
        EventEnvelope paid = event(EventType.PAYMENT_INTENT_SUCCESSFUL, now.plusSeconds(3));
        log.recordEvent(paid);
        log.recordEvent(created);
        WebhookEndpoint a = endpoint();
        WebhookEndpoint b = endpoint();
        log.open(paid, a, now);
        log.open(paid, b, now);
        List<DeliveryLog.LoggedEvent> events = log.eventsOfIntent(intentId);
        assertEquals(List.of(created.id(), paid.id()), events.stream().map(le -> le.event().id()).toList());
        assertEquals(0, events.get(0).deliveries().size());
        assertEquals(2, events.get(1).deliveries().size());
        assertEquals(List.of(), log.eventsOfIntent(Ids.next(Ids.INTENT)));
    }

    @Test
    void everyItemExpires() {
        EventEnvelope e = event(EventType.PAYMENT_INTENT_CREATED, now);
        log.recordEvent(e);
        var item = DynamoDbLocal.shared().client().getItem(r -> r.tableName(TableNames.defaults().deliveries())
                .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(e.id()),
                        "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("event")))).item();
        assertEquals(now.plus(Duration.ofDays(30)).getEpochSecond(), Long.parseLong(item.get("expiresAt").n()));
        var ttl = DynamoDbLocal.shared().client().describeTimeToLive(r -> r.tableName(TableNames.defaults().deliveries()))
                .timeToLiveDescription();
        assertEquals("expiresAt", ttl.attributeName());
    }

    @Test
    void theFeedHoldsEventItemsOnlyInTheOrderLoggedAndIsPerMerchantAndMode() {
        String merchant = Ids.next("m_");
        Instant at = now.minusSeconds(60);
        EventEnvelope first = new EventEnvelope(Ids.next(Ids.EVENT), EventType.PAYMENT_INTENT_CREATED, merchant,
                Mode.SANDBOX, intentId, at, "{}");
        EventEnvelope second = new EventEnvelope(Ids.next(Ids.EVENT), EventType.PAYMENT_INTENT_SUCCESSFUL, merchant,
                Mode.SANDBOX, intentId, at.minusSeconds(30), "{}"); // created earlier, logged later
        EventEnvelope live = new EventEnvelope(Ids.next(Ids.EVENT), EventType.PAYMENT_INTENT_CREATED, merchant,
                Mode.LIVE, intentId, at, "{}");
        log.recordEvent(first);
        log.open(first, endpoint(), now); // a delivery item: never in the feed
        sleepAMillisecond();
        log.recordEvent(second);
        log.recordEvent(live);
        Instant later = Instant.now().plusSeconds(1);

        DeliveryLog.FeedPage page = log.feed(merchant, Mode.SANDBOX, null, java.util.Set.of(), 10, later, later);
        assertEquals(List.of(first, second), page.events());
        assertFalse(page.hasMore());
        assertEquals(second.id(), page.last().eventId());
        assertEquals(List.of(live), log.feed(merchant, Mode.LIVE, null, java.util.Set.of(), 10, later, later).events());
        DeliveryLog.FeedPosition afterFirst = log.feedPosition(merchant, Mode.SANDBOX, first.id(), later).orElseThrow();
        assertEquals(List.of(second), log.feed(merchant, Mode.SANDBOX, afterFirst, java.util.Set.of(), 10, later, later).events());
        assertEquals(Optional.empty(), log.feedPosition(merchant, Mode.LIVE, first.id(), later));
        assertEquals(Optional.empty(), log.feedPosition("m_other", Mode.SANDBOX, first.id(), later));
        // the first one logged once: logging it again (the dispatcher does) does not move it
        log.recordEvent(first);
        assertEquals(afterFirst, log.feedPosition(merchant, Mode.SANDBOX, first.id(), later).orElseThrow());
    }

    @Test
    void aLogTableFromBeforeTheFeedGetsItsIndex() {
        var dynamo = DynamoDbLocal.shared().client();
        String table = "deliveries-before-feed-" + Ids.next("t_").substring(2, 10).toLowerCase(java.util.Locale.ROOT);
        dynamo.createTable(t -> t.tableName(table)
                .billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        a -> a.attributeName(DeliveryLogSchema.PK).attributeType("S"),
                        a -> a.attributeName(DeliveryLogSchema.SK).attributeType("S"))
                .keySchema(k -> k.attributeName(DeliveryLogSchema.PK).keyType("HASH"),
                        k -> k.attributeName(DeliveryLogSchema.SK).keyType("RANGE")));
        TableNames names = new TableNames(null, null, null, null, null, null, table, null, null);
        TableDefinitions.createWebhookTables(dynamo, names);
        assertTrue(dynamo.describeTable(t -> t.tableName(table)).table().globalSecondaryIndexes().stream()
                .anyMatch(i -> DeliveryLogSchema.BY_MERCHANT.equals(i.indexName())));
        TableDefinitions.createWebhookTables(dynamo, names); // and only once
    }

    /** The requests a log sends through a client built for the test. */
    static final class Counted {
        final java.util.List<software.amazon.awssdk.core.SdkRequest> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        final software.amazon.awssdk.services.dynamodb.DynamoDbClient client = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(java.net.URI.create(DynamoDbLocal.shared().endpoint()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                                software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                        sent.add(context.request());
                    }
                }))
                .build();

        long queries() {
            return sent.stream().filter(r -> r instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest).count();
        }

        long gets() {
            return sent.stream().filter(r -> r instanceof software.amazon.awssdk.services.dynamodb.model.GetItemRequest).count();
        }
    }

    /** Writes {@code count} events of the merchant, each logged 1 ms after the last by {@code clock}. */
    private static List<EventEnvelope> write(DynamoDeliveryLog writer, io.cauri.testing.MovableClock clock, String merchant,
                                             Instant createdAt, int count) {
        List<EventEnvelope> events = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            EventEnvelope e = new EventEnvelope(Ids.next(Ids.EVENT), EventType.PAYMENT_INTENT_CREATED, merchant,
                    Mode.SANDBOX, Ids.next(Ids.INTENT), createdAt, "{}");
            writer.recordEvent(e);
            events.add(e);
            clock.advance(Duration.ofMillis(1));
        }
        return events;
    }

    /**
     * Expired events TTL has not yet deleted (it deletes days late) sit at the head of a merchant's feed: logged
     * before now − retention, a first catch-up starts past them without reading them; logged late (a replay of an
     * old event: created 31 days ago, logged 29 days ago), they are read but a call stops after a bounded number of
     * Query pages and hands back the scanned position, so the client goes on with no gap and no duplicate.
     */
    @Test
    void expiredEventsAtTheHeadOfTheFeedCostABoundedRead() {
        String merchant = Ids.next("m_");
        Instant today = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Duration retention = Duration.ofDays(30);
        io.cauri.testing.MovableClock clock = new io.cauri.testing.MovableClock(today.minus(Duration.ofDays(31)));
        DynamoDeliveryLog writer = new DynamoDeliveryLog(DynamoDbLocal.shared().client(), TableNames.defaults(), retention, clock);
        write(writer, clock, merchant, clock.instant(), 200); // logged 31 days ago: expired
        clock.advance(Duration.ofDays(2));
        write(writer, clock, merchant, today.minus(Duration.ofDays(31)), 200); // logged 29 days ago, created 31
        clock.advance(Duration.ofDays(29).minusHours(1));
        List<EventEnvelope> live = write(writer, clock, merchant, clock.instant(), 7);

        Counted counted = new Counted();
        DynamoDeliveryLog reader = new DynamoDeliveryLog(counted.client, TableNames.defaults(), retention, clock);
        Instant now = today.plusSeconds(1);
        List<EventEnvelope> seen = new java.util.ArrayList<>();
        DeliveryLog.FeedPosition position = null;
        int calls = 0;
        boolean more = true;
        while (more) {
            long before = counted.queries();
            DeliveryLog.FeedPage page = reader.feed(merchant, Mode.SANDBOX, position, java.util.Set.of(), 5, now, now);
            long queries = counted.queries() - before;
            assertTrue(queries <= DynamoDeliveryLog.FEED_QUERY_PAGES, "call " + calls + " sent " + queries + " Queries");
            assertTrue(++calls <= 20, "the feed moves on");
            seen.addAll(page.events());
            if (page.hasMore()) {
                assertTrue(position == null || comparePositions(page.last(), position) > 0, "the cursor moves forward");
            }
            position = page.last();
            more = page.hasMore();
        }
        assertEquals(live, seen, "every live event once, in order, none expired");
        System.out.println("feed over 200 late-logged expired events then 7 live ones: " + calls + " calls, "
                + counted.queries() + " Queries");
        assertTrue(counted.queries() < 200 / 6 + 5, "the events logged 31 days ago are never read");
    }

    private static int comparePositions(DeliveryLog.FeedPosition a, DeliveryLog.FeedPosition b) {
        int c = a.loggedAt().compareTo(b.loggedAt());
        return c != 0 ? c : a.eventId().compareTo(b.eventId());
    }

    /** An event's write is bounded, retries included, well inside the feed's settle window (30 s by default). */
    @Test
    void anEventsWriteHasABoundedTime() {
        Counted counted = new Counted();
        new DynamoDeliveryLog(counted.client, TableNames.defaults(), Duration.ofDays(30))
                .recordEvent(event(EventType.PAYMENT_INTENT_CREATED, now));
        var put = (software.amazon.awssdk.services.dynamodb.model.PutItemRequest) counted.sent.stream()
                .filter(r -> r instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest).findFirst().orElseThrow();
        assertEquals(Optional.of(DynamoDeliveryLog.EVENT_WRITE_BOUND),
                put.overrideConfiguration().flatMap(o -> o.apiCallTimeout()));
        assertTrue(DynamoDeliveryLog.EVENT_WRITE_BOUND.multipliedBy(2).compareTo(io.cauri.webhook.EventFeed.DEFAULT_SETTLE) <= 0,
                "the settle window covers the write's bound with margin");
    }

    private static void sleepAMillisecond() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

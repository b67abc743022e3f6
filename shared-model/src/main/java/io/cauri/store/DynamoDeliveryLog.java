package io.cauri.store;

import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import static io.cauri.store.DeliveryLogSchema.BODY;
import static io.cauri.store.DeliveryLogSchema.BODY_DEFLATED;
import static io.cauri.store.DeliveryLogSchema.DELIVERY_SK_PREFIX;
import static io.cauri.store.DeliveryLogSchema.EVENT_SK;
import static io.cauri.store.DeliveryLogSchema.EXPIRES_AT;
import static io.cauri.store.DeliveryLogSchema.FEED_SORT;
import static io.cauri.store.DeliveryLogSchema.INTENT_ID;
import static io.cauri.store.DeliveryLogSchema.INTENT_SORT;
import static io.cauri.store.DeliveryLogSchema.MERCHANT_MODE;
import static io.cauri.store.DeliveryLogSchema.PK;
import static io.cauri.store.DeliveryLogSchema.SK;

/**
 * {@link DeliveryLog} on DynamoDB, with the low-level client: leases and attempt records are conditional
 * UpdateItems on a delivery's status, attempt count and lease, which the enhanced client does not express.
 */
@Singleton
public class DynamoDeliveryLog implements DeliveryLog {
    /** Attempts kept per delivery (ten per round; a resend starts another round). */
    private static final int HISTORY = 20;

    /**
     * The longest an event's write may take, retries included, after its feed position is stamped: the feed's
     * settle window ({@code cauri.events.feed-settle}, 30 s) must cover it with margin for the index's lag.
     */
    public static final Duration EVENT_WRITE_BOUND = Duration.ofSeconds(10);
    /**
     * Margin on the feed's oldest live position for clocks: an event's createdAt and its loggedAt may be stamped by
     * different machines, so loggedAt may precede createdAt by a clock skew (NTP keeps it far below this).
     */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;
    /**
     * Whether event items are written compact (the body deflated in {@value DeliveryLogSchema#BODY_DEFLATED};
     * merchantId, mode and createdAt only inside merchantMode and intentSort): one write unit per event and index
     * where the full form takes two. Off by default for one release (expand, then contract): every function of
     * this release reads both forms, but a function of an earlier one reads only the full form, and would fail on a
     * compact item during a rollout from, or for the retention after a rollback to, such a release. Turned on
     * (template.yaml's DeliveryLogCompactEvents) once no function older than this release can run.
     */
    private final boolean compactEvents;

    public DynamoDeliveryLog(DynamoDbClient dynamo, TableNames names, Duration retention) {
        this(dynamo, names, retention, Clock.systemUTC());
    }

    public DynamoDeliveryLog(DynamoDbClient dynamo, TableNames names, Duration retention, Clock clock) {
        this(dynamo, names, retention, clock, false);
    }

    @Inject
    public DynamoDeliveryLog(DynamoDbClient dynamo, TableNames names,
                             @Value("${cauri.webhooks.retention:30d}") Duration retention, Clock clock,
                             @Value("${cauri.delivery-log.compact-events:false}") boolean compactEvents) {
        this.dynamo = dynamo;
        this.table = names.deliveries();
        this.retention = retention;
        this.clock = clock;
        this.compactEvents = compactEvents;
    }

    @Override
    public void recordEvent(EventEnvelope event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(event.id()));
        item.put(SK, s(EVENT_SK));
        item.put("type", s(event.type().wire()));
        item.put(INTENT_ID, s(event.intentId()));
        item.put(INTENT_SORT, s(intentSort(event, EVENT_SK)));
        if (compactEvents) {
            // merchantId, mode and createdAt are not stored apart: they are in merchantMode and intentSort (and the body)
            item.put(BODY_DEFLATED, AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(deflate(event.body()))));
        } else {
            item.put("merchantId", s(event.merchantId()));
            item.put("mode", s(event.mode().name()));
            item.put("createdAt", s(Timestamps.format(event.createdAt())));
            item.put(BODY, s(event.body()));
        }
        item.put("sequence", n(event.sequence()));
        if (event.correlationId() != null) {
            item.put(EventEnvelope.CORRELATION_ID, s(event.correlationId())); // retries and resends send it too
        }
        item.put(EXPIRES_AT, n(expiry(event)));
        // the feed's keys: put once with the event, so its place in the feed never moves
        item.put(MERCHANT_MODE, s(IntentTableSchema.merchantMode(event.merchantId(), event.mode())));
        item.put(FEED_SORT, s(feedSort(new FeedPosition(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), event.id()))));
        try {
            // bounded, retries included, well inside the feed's settle window (EventFeed): a write stamped now
            // lands within EVENT_WRITE_BOUND or fails (the caller retries, stamping again), never minutes late
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .overrideConfiguration(o -> o.apiCallTimeout(EVENT_WRITE_BOUND)));
        } catch (ConditionalCheckFailedException already) {
            // the same event again: its id fixes its content
        }
    }

    @Override
    public Optional<EventEnvelope> event(String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(eventId, EVENT_SK))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toEvent(item));
    }

    @Override
    public Delivery open(EventEnvelope event, WebhookEndpoint endpoint, Instant now) {
        String sk = DELIVERY_SK_PREFIX + endpoint.id();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(event.id()));
        item.put(SK, s(sk));
        item.put("endpointId", s(endpoint.id()));
        item.put("url", s(endpoint.url()));
        item.put("status", s(Delivery.Status.PENDING.name()));
        item.put("attempts", n(0));
        item.put("scheduledAttempt", n(1));
        item.put("history", AttributeValue.fromL(List.of()));
        item.put("createdAt", s(Timestamps.format(now)));
        item.put(INTENT_ID, s(event.intentId()));
        item.put(INTENT_SORT, s(intentSort(event, sk)));
        item.put(EXPIRES_AT, n(expiry(event)));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
        } catch (ConditionalCheckFailedException already) {
            // opened by an earlier copy of the message: the stored delivery comes back with the refusal (a read
            // where the refusal does not carry it)
            Map<String, AttributeValue> stored = already.item();
            return stored != null && !stored.isEmpty() ? toDelivery(stored)
                    : delivery(event.id(), endpoint.id()).orElseThrow();
        }
        // written: the stored delivery is this item (no one changes it before it exists), so no read after the write
        return toDelivery(item);
    }

    @Override
    public Optional<Delivery> delivery(String eventId, String endpointId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(key(eventId, DELIVERY_SK_PREFIX + endpointId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toDelivery(item));
    }

    @Override
    public Optional<String> lease(String eventId, String endpointId, int attemptsMade, Instant now, Instant leaseUntil) {
        String leaseId = Ids.next("lease_");
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(eventId, DELIVERY_SK_PREFIX + endpointId))
                    .updateExpression("SET leaseId = :lease, leaseUntil = :until")
                    .conditionExpression("#status = :pending AND attempts = :made "
                            + "AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":lease", s(leaseId), ":until", n(leaseUntil.toEpochMilli()),
                            ":pending", s(Delivery.Status.PENDING.name()), ":made", n(attemptsMade),
                            ":now", n(now.toEpochMilli()))));
            return Optional.of(leaseId);
        } catch (ConditionalCheckFailedException taken) {
            return Optional.empty();
        }
    }

    @Override
    public boolean recordAttempt(String eventId, String endpointId, String leaseId, Delivery.Attempt attempt,
                                 Delivery.Status status, Instant nextAttemptAt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":lease", s(leaseId));
        values.put(":n", n(attempt.number()));
        values.put(":status", s(status.name()));
        values.put(":attempt", AttributeValue.fromL(List.of(attemptItem(attempt))));
        values.put(":empty", AttributeValue.fromL(List.of()));
        StringBuilder update = new StringBuilder("SET attempts = :n, #status = :status, "
                + "history = list_append(if_not_exists(history, :empty), :attempt)");
        List<String> remove = new ArrayList<>(List.of("leaseId", "leaseUntil"));
        if (nextAttemptAt != null) {
            update.append(", nextAttemptAt = :next");
            values.put(":next", s(Timestamps.format(nextAttemptAt)));
        } else {
            remove.add("nextAttemptAt");
        }
        if (status == Delivery.Status.SUCCEEDED) {
            update.append(", deliveredAt = :at");
            values.put(":at", s(Timestamps.format(attempt.at())));
        }
        update.append(" REMOVE ").append(String.join(", ", remove));
        Map<String, AttributeValue> updated;
        try {
            // the updated attributes come back (history among them): the trim needs no read
            updated = dynamo.updateItem(r -> r.tableName(table).key(key(eventId, DELIVERY_SK_PREFIX + endpointId))
                    .updateExpression(update.toString())
                    .conditionExpression("leaseId = :lease")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes();
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
        AttributeValue history = updated == null ? null : updated.get("history");
        if (history == null || !history.hasL()) {
            trimHistory(eventId, endpointId); // not returned: read it
        } else if (history.l().size() > HISTORY) {
            dropOldest(eventId, endpointId, history.l().size(), history.l().size() - HISTORY);
        }
        return true;
    }

    @Override
    public void markScheduled(String eventId, String endpointId, int attempt) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(eventId, DELIVERY_SK_PREFIX + endpointId))
                    .updateExpression("SET scheduledAttempt = :a")
                    .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(scheduledAttempt) OR scheduledAttempt < :a)")
                    .expressionAttributeNames(Map.of("#pk", PK))
                    .expressionAttributeValues(Map.of(":a", n(attempt))));
        } catch (ConditionalCheckFailedException alreadyHigher) {
            // another copy got there first
        }
    }

    @Override
    public void cancel(String eventId, String endpointId, String reason, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(eventId, DELIVERY_SK_PREFIX + endpointId))
                    .updateExpression("SET #status = :canceled, lastError = :why REMOVE nextAttemptAt, leaseId, leaseUntil")
                    .conditionExpression("#status = :pending")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":canceled", s(Delivery.Status.CANCELED.name()),
                            ":pending", s(Delivery.Status.PENDING.name()), ":why", s(reason))));
        } catch (ConditionalCheckFailedException notPending) {
            // finished already, or never opened
        }
    }

    @Override
    public boolean restart(String eventId, String endpointId, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(eventId, DELIVERY_SK_PREFIX + endpointId))
                    .updateExpression("SET #status = :pending, attempts = :zero, scheduledAttempt = :one "
                            + "REMOVE nextAttemptAt, leaseId, leaseUntil, lastError")
                    .conditionExpression("attribute_exists(#pk) AND #status <> :pending")
                    .expressionAttributeNames(Map.of("#status", "status", "#pk", PK))
                    .expressionAttributeValues(Map.of(":pending", s(Delivery.Status.PENDING.name()),
                            ":zero", n(0), ":one", n(1))));
            return true;
        } catch (ConditionalCheckFailedException pending) {
            return false;
        }
    }

    @Override
    public List<LoggedEvent> eventsOfIntent(String intentId) {
        Map<String, LoggedEvent> events = new LinkedHashMap<>();
        Map<String, List<Delivery>> deliveries = new HashMap<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(DeliveryLogSchema.BY_INTENT)
                    .keyConditionExpression("#intent = :intent")
                    .expressionAttributeNames(Map.of("#intent", INTENT_ID))
                    .expressionAttributeValues(Map.of(":intent", s(intentId)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String eventId = item.get(PK).s();
                if (EVENT_SK.equals(item.get(SK).s())) {
                    events.put(eventId, new LoggedEvent(toEvent(item), new ArrayList<>()));
                } else {
                    deliveries.computeIfAbsent(eventId, k -> new ArrayList<>()).add(toDelivery(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        List<LoggedEvent> result = new ArrayList<>(events.size());
        events.forEach((id, e) -> result.add(new LoggedEvent(e.event(), List.copyOf(deliveries.getOrDefault(id, List.of())))));
        return result;
    }

    @Override
    public Optional<FeedPosition> feedPosition(String merchantId, Mode mode, String eventId, Instant now) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(eventId, EVENT_SK))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || !item.containsKey(FEED_SORT) || expired(item, now)
                || !item.get(MERCHANT_MODE).s().equals(IntentTableSchema.merchantMode(merchantId, mode))) {
            return Optional.empty();
        }
        return Optional.of(position(item.get(FEED_SORT).s()));
    }

    /** Items read per Query page when a type filter may skip most of them (DynamoDB caps a page at 1 MB too). */
    private static final int FILTERED_PAGE = 200;
    /**
     * Query pages one feed read may take: a rare type, or a run of expired events TTL has not yet deleted, costs a
     * bounded read, then a cursor to go on from where the read stopped.
     */
    static final int FEED_QUERY_PAGES = 10;
    /**
     * Bodies one feed page carries at most (UTF-8 bytes; at least one event): a page must fit Lambda's 6 MB
     * response, and an event may be hundreds of kilobytes (an intent with many attempts).
     */
    static final long FEED_PAGE_BYTES = 4L * 1024 * 1024;

    @Override
    public FeedPage feed(String merchantId, Mode mode, FeedPosition after, Set<EventType> types, int limit,
                         Instant loggedBefore, Instant now) {
        String until = Timestamps.format(loggedBefore); // below every loggedBefore#evt_… key
        // loggedAt ≥ createdAt (an event is logged after it is made) and expiresAt = createdAt + retention, so an
        // event logged before now − retention has expired: start there, not at the first item TTL has not yet
        // deleted (it deletes days late), which would make a first catch-up read every expired event first
        String oldestLive = Timestamps.format(now.minus(retention).minus(CLOCK_MARGIN));
        String from = after == null || feedSort(after).compareTo(oldestLive) < 0 ? oldestLive : feedSort(after);
        if (from.compareTo(until) >= 0) {
            return new FeedPage(List.of(), false, after);
        }
        Map<String, String> names = new HashMap<>(Map.of("#mm", MERCHANT_MODE, "#sort", FEED_SORT, "#exp", EXPIRES_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":mm", s(IntentTableSchema.merchantMode(merchantId, mode)), ":from", s(from), ":until", s(until),
                ":now", n(now.getEpochSecond())));
        // TTL deletes lazily (within days): an expired event is gone for the feed at once
        StringBuilder filter = new StringBuilder("#exp > :now");
        if (!types.isEmpty()) {
            names.put("#type", "type");
            List<String> placeholders = new ArrayList<>();
            for (EventType type : types) {
                String p = ":t" + placeholders.size();
                placeholders.add(p);
                values.put(p, s(type.wire()));
            }
            filter.append(" AND #type IN (").append(String.join(", ", placeholders)).append(")");
        }
        List<EventEnvelope> events = new ArrayList<>();
        FeedPosition last = after;
        long bytes = 0;
        Map<String, AttributeValue> start = null;
        int pages = 0;
        while (true) {
            Map<String, AttributeValue> exclusiveStart = start;
            int want = types.isEmpty() ? limit + 1 - events.size() : FILTERED_PAGE;
            QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(DeliveryLogSchema.BY_MERCHANT)
                    .keyConditionExpression("#mm = :mm AND #sort BETWEEN :from AND :until")
                    .filterExpression(filter.toString())
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .limit(want).exclusiveStartKey(exclusiveStart));
            pages++;
            for (Map<String, AttributeValue> item : page.items()) {
                String sort = item.get(FEED_SORT).s();
                if (sort.equals(from)) {
                    continue; // BETWEEN includes the position read last time
                }
                EventEnvelope event = toEvent(item);
                long size = event.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (events.size() == limit || (!events.isEmpty() && bytes + size > FEED_PAGE_BYTES)) {
                    return new FeedPage(events, true, last);
                }
                events.add(event);
                bytes += size;
                last = position(sort);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (start == null) {
                return new FeedPage(events, false, last);
            }
            if (pages >= FEED_QUERY_PAGES) {
                // read far enough: the next page goes on from where this read stopped, matched or not (expired
                // events left by TTL, or another type's); every item up to there was read and shown or dropped
                FeedPosition scanned = position(start.get(FEED_SORT).s());
                return new FeedPage(events, true, scanned);
            }
        }
    }

    private static String feedSort(FeedPosition position) {
        return Timestamps.format(position.loggedAt()) + "#" + position.eventId();
    }

    private static FeedPosition position(String feedSort) {
        int hash = feedSort.indexOf('#');
        return new FeedPosition(Timestamps.parse(feedSort.substring(0, hash)), feedSort.substring(hash + 1));
    }

    private static boolean expired(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expiresAt = item.get(EXPIRES_AT);
        return expiresAt != null && Long.parseLong(expiresAt.n()) <= now.getEpochSecond();
    }

    private void trimHistory(String eventId, String endpointId) {
        delivery(eventId, endpointId).filter(d -> d.history().size() > HISTORY)
                .ifPresent(d -> dropOldest(eventId, endpointId, d.history().size(), d.history().size() - HISTORY));
    }

    /**
     * Removes the {@code drop} oldest attempts of a history of {@code seen} attempts, only if it still holds
     * {@code seen}: an attempt recorded in between trims for itself (the lease is gone by now, so two recorders
     * each trimming by their own count could otherwise cut it below {@value #HISTORY}).
     */
    private void dropOldest(String eventId, String endpointId, int seen, int drop) {
        StringBuilder remove = new StringBuilder("REMOVE ");
        for (int i = 0; i < drop; i++) {
            remove.append(i == 0 ? "" : ", ").append("history[").append(i).append("]");
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(eventId, DELIVERY_SK_PREFIX + endpointId))
                    .updateExpression(remove.toString())
                    .conditionExpression("size(history) = :seen")
                    .expressionAttributeValues(Map.of(":seen", n(seen))));
        } catch (ConditionalCheckFailedException changed) {
            // another attempt was recorded since: its recorder trims
        }
    }

    private long expiry(EventEnvelope event) {
        return event.createdAt().plus(retention).getEpochSecond();
    }

    private static String intentSort(EventEnvelope event, String sk) {
        return Timestamps.format(event.createdAt()) + "#" + event.id() + "#" + sk;
    }

    private static EventEnvelope toEvent(Map<String, AttributeValue> item) {
        // an event item logged before merchantId, mode and createdAt were folded into merchantMode and intentSort
        // has them apart (and may lack merchantMode: logged before the feed)
        String merchantId;
        Mode mode;
        if (item.containsKey("merchantId")) {
            merchantId = item.get("merchantId").s();
            mode = Mode.valueOf(item.get("mode").s());
        } else {
            String merchantMode = item.get(MERCHANT_MODE).s(); // merchantId#MODE; an id has no '#'
            int hash = merchantMode.lastIndexOf('#');
            merchantId = merchantMode.substring(0, hash);
            mode = Mode.valueOf(merchantMode.substring(hash + 1));
        }
        String createdAt = item.containsKey("createdAt") ? item.get("createdAt").s()
                : item.get(INTENT_SORT).s().substring(0, item.get(INTENT_SORT).s().indexOf('#')); // createdAt#id#sk
        return new EventEnvelope(item.get(PK).s(), EventType.fromWire(item.get("type").s()).orElseThrow(),
                merchantId, mode, item.get(INTENT_ID).s(), Timestamps.parse(createdAt), body(item),
                item.containsKey("sequence") ? Long.parseLong(item.get("sequence").n()) : 0,
                item.containsKey(EventEnvelope.CORRELATION_ID) ? item.get(EventEnvelope.CORRELATION_ID).s() : null);
    }

    /**
     * The event's body as stored: raw deflate of its UTF-8 bytes ({@value DeliveryLogSchema#BODY_DEFLATED}); an
     * item logged before the body was compressed has it as text ({@value DeliveryLogSchema#BODY}). Either way the
     * exact bytes published and signed.
     */
    private static final int MAX_INFLATED_BODY = 4 * 1024 * 1024;

    private static String body(Map<String, AttributeValue> item) {
        AttributeValue deflated = item.get(BODY_DEFLATED);
        if (deflated == null) {
            return item.get(BODY).s();
        }
        Inflater inflater = new Inflater(true);
        try (InflaterInputStream in = new InflaterInputStream(
                new ByteArrayInputStream(deflated.b().asByteArrayUnsafe()), inflater)) {
            // bounded: an item is at most 400 KB, and a body never inflates past this, short of a corrupt item
            byte[] body = in.readNBytes(MAX_INFLATED_BODY + 1);
            if (body.length > MAX_INFLATED_BODY) {
                throw new IOException("inflates past " + MAX_INFLATED_BODY + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the logged body of " + item.get(PK).s() + " cannot be read", e);
        } finally {
            inflater.end();
        }
    }

    /**
     * An event's body is JSON with the same field names again and again (an intent and its payments): deflated it
     * is about half its size, and an event item's write — to the table and to each index — is billed by the
     * started KB. Raw deflate: gzip's 18 bytes of header and trailer would be stored in every item.
     */
    static byte[] deflate(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static Delivery toDelivery(Map<String, AttributeValue> item) {
        List<Delivery.Attempt> history = new ArrayList<>();
        if (item.containsKey("history")) {
            for (AttributeValue a : item.get("history").l()) {
                Map<String, AttributeValue> m = a.m();
                history.add(new Delivery.Attempt(Integer.parseInt(m.get("n").n()), Timestamps.parse(m.get("at").s()),
                        m.containsKey("status") ? Integer.valueOf(m.get("status").n()) : null,
                        m.containsKey("error") ? m.get("error").s() : null, Long.parseLong(m.get("ms").n())));
            }
        }
        return new Delivery(item.get(PK).s(), item.get("endpointId").s(), str(item, "url"),
                Delivery.Status.valueOf(item.get("status").s()), integer(item, "attempts"),
                integer(item, "scheduledAttempt"), Timestamps.parse(str(item, "nextAttemptAt")),
                Timestamps.parse(str(item, "deliveredAt")), str(item, "leaseId"),
                item.containsKey("leaseUntil") ? Instant.ofEpochMilli(Long.parseLong(item.get("leaseUntil").n())) : null,
                Timestamps.parse(str(item, "createdAt")), str(item, "lastError"), history);
    }

    private static AttributeValue attemptItem(Delivery.Attempt a) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("n", n(a.number()));
        m.put("at", s(Timestamps.format(a.at())));
        m.put("ms", n(a.durationMillis()));
        if (a.responseStatus() != null) {
            m.put("status", n(a.responseStatus()));
        }
        if (a.error() != null) {
            m.put("error", s(a.error().length() > 200 ? a.error().substring(0, 200) : a.error()));
        }
        return AttributeValue.fromM(m);
    }

    private static Map<String, AttributeValue> key(String eventId, String sk) {
        return Map.of(PK, s(eventId), SK, s(sk));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static int integer(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? 0 : Integer.parseInt(v.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

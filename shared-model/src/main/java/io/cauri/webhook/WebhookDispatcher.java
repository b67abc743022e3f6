package io.cauri.webhook;

import io.cauri.event.EventEnvelope;
import io.cauri.intent.ConcurrentChangeException;
import io.cauri.merchant.Mode;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.sealing.EncryptionKey;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The webhook dispatcher's work on one batch of queue messages. Two kinds arrive on the queue:
 * <ul>
 *   <li>an event, straight from the topic: it is logged, then every enabled endpoint of its merchant and mode
 *       that subscribes to its type gets attempt 1;</li>
 *   <li>a {@link DeliveryMessage}: attempt n of one event to one endpoint (a retry, or a resend).</li>
 * </ul>
 * Every attempt of the batch runs concurrently, each bounded by the timeout, and each is recorded as soon as
 * its own answer comes, so a slow endpoint costs the others nothing (not even the recording that lets their
 * next event go); a failed attempt schedules the next as its own delayed message, per endpoint. An attempt
 * is made only under a lease on the delivery (PENDING, n - 1 attempts made), so copies of a message never
 * deliver twice, and a final-state event reaches each endpoint once.
 * <p>
 * One intent's events reach one endpoint in order ({@code sequence}): the first attempt of an event waits
 * while a delivery of an earlier event of the same intent to the same endpoint is pending or not yet opened —
 * at most {@code cauri.webhooks.order-wait} (30 s) after its own delivery was opened, so an endpoint that fails
 * or an event that never comes holds nothing for long. If this batch attempts every such earlier event to that
 * endpoint (a payment's events come in quick succession, often in one batch), it follows them, its attempt
 * starting once theirs are recorded and the order checked again. An earlier one that another invocation is
 * about to make or has just started (not opened yet, opened and not yet attempted, or under a lease taken less
 * than a second ago, at an endpoint whose last attempt did not fail) is waited for up to a second in this
 * invocation, read again after 10 ms, then at doubling intervals up to 80 ms, once for all the batch's events
 * that wait for it. Otherwise (or then) it comes back as a delayed message when the earlier one could be
 * over ({@link #overAt}: its retry due, its slow attempt's timeout reached), at least a second later and at the
 * latest at the order wait's end. Either way only that endpoint's deliveries of that intent wait.
 * The stream publisher logs every event before announcing it, so the earlier events are known here.
 * <p>
 * An event too large for the topic arrives as a claim check ({@link io.cauri.stream.EventBodies#forTopic}); its body is read
 * from the delivery log.
 * <p>
 * A message is reported failed (to come back after the queue's visibility timeout) only if its work could
 * not be recorded, or an endpoint's owed {@code webhook_endpoint.disabled} announcement could not be made
 * ({@link EndpointHealth#announcePending}); a failed delivery is not a failed message.
 */
@Singleton
@Requires(beans = {DeliveryQueue.class, EncryptionKey.class})
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** The id of what caused the event's change: the request's {@code Request-Id}, a sweep's, a message's (§5). */
    public static final String CORRELATION_HEADER = "Cauri-Correlation-Id";

    private final WebhookRepository endpoints;
    private final WebhookEndpoints secrets;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final RetryPolicy retries;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration timeout;
    private final Duration orderWait;
    private final BusinessMetrics metrics;
    private final EndpointHealth health;

    public WebhookDispatcher(WebhookRepository endpoints, WebhookEndpoints secrets, DeliveryLog log,
                             DeliveryQueue queue, WebhookSender sender, RetryPolicy retries, JsonMapper json,
                             Clock clock, @Value("${cauri.webhooks.timeout:10s}") Duration timeout,
                             @Value("${cauri.webhooks.order-wait:30s}") Duration orderWait,
                             BusinessMetrics metrics, EndpointHealth health) {
        this.metrics = metrics;
        this.health = health;
        this.endpoints = endpoints;
        this.secrets = secrets;
        this.log = log;
        this.queue = queue;
        this.sender = sender;
        this.retries = retries;
        this.json = json;
        this.clock = clock;
        this.timeout = timeout;
        this.orderWait = orderWait;
    }

    /** The least a later event is deferred by, waiting for an earlier one to the same endpoint. */
    private static final Duration ORDER_HOP = Duration.ofSeconds(1);

    /** One queue message: its id, body and string message attributes. */
    public record Message(String id, String body, Map<String, String> attributes) {
    }

    /** Dispatches a batch; returns the ids of the messages to receive again. */
    public Set<String> dispatch(List<Message> batch) {
        Set<String> failed = new LinkedHashSet<>();
        List<Attempt> attempts = new ArrayList<>();
        List<Waiting> waiting = new ArrayList<>();
        BatchReads reads = new BatchReads();
        for (Message message : batch) {
            try {
                plan(message, reads, attempts, waiting);
            } catch (RuntimeException e) {
                LOG.warn("webhook message {} not dispatched: {}", message.id(), e.toString());
                failed.add(message.id());
            }
        }
        Set<String> unrecorded = java.util.concurrent.ConcurrentHashMap.newKeySet();
        // each attempt's settling, by event and endpoint: what a later event of the batch may follow
        Map<String, CompletableFuture<Void>> settled = new HashMap<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Attempt a : attempts) {
            CompletableFuture<Void> done = run(a, reads, unrecorded);
            settled.put(key(a.event.id(), a.endpoint.id()), done);
            all.add(done);
        }
        // earliest first, so an event's earlier ones are decided before it
        waiting.sort(Comparator.comparingLong(w -> w.event.sequence()));
        Instant now = now();
        // a first attempt deferred by this batch, and until when: a later event of its intent cannot go before it
        Map<String, Instant> deferred = new HashMap<>();
        // an earlier delivery another invocation is making, waited for here: one poll, however many of the batch's
        // later events wait for it (a payment's 8 later events each read it up to 14 times in the second)
        Map<String, CompletableFuture<Void>> elsewhere = new HashMap<>();
        for (Waiting w : waiting) {
            List<CompletableFuture<Void>> earlier = new ArrayList<>();
            List<String> waitHere = new ArrayList<>(); // earlier ones made elsewhere, worth waiting for here
            Instant lookAgain = null; // the latest moment a blocker not worth waiting for here could be over
            for (Blocker b : w.blockers) {
                String k = key(b.eventId(), w.endpoint.id());
                CompletableFuture<Void> inBatch = settled.get(k);
                if (inBatch != null) {
                    earlier.add(inBatch);
                    continue;
                }
                Instant over = deferred.containsKey(k) ? deferred.get(k) : overAt(b.current(), w.endpoint, now);
                if (over == null) {
                    waitHere.add(b.eventId());
                } else if (lookAgain == null || over.isAfter(lookAgain)) {
                    lookAgain = over;
                }
            }
            if (lookAgain == null) {
                // polled only for an event that waits here: one that is deferred would leave its poll reading alone
                for (String eventId : waitHere) {
                    earlier.add(elsewhere.computeIfAbsent(key(eventId, w.endpoint.id()), k -> settledElsewhere(eventId,
                            w.endpoint, now.plus(ELSEWHERE_WAIT), ELSEWHERE_FIRST_HOP_MILLIS, reads)));
                }
            } else {
                try {
                    // an earlier one is not being delivered, or will not be over soon: here or elsewhere
                    deferred.put(key(w.event.id(), w.endpoint.id()), defer(w, lookAgain, now));
                } catch (RuntimeException e) {
                    LOG.warn("webhook message {} not deferred: {}", w.messageId, e.toString());
                    unrecorded.add(w.messageId);
                }
                continue;
            }
            CompletableFuture<Void> done = CompletableFuture.allOf(earlier.toArray(CompletableFuture<?>[]::new))
                    .thenCompose(before -> follow(w, reads, unrecorded));
            settled.put(key(w.event.id(), w.endpoint.id()), done);
            all.add(done);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture<?>[]::new)).join();
        for (Message message : batch) {
            if (unrecorded.contains(message.id())) {
                failed.add(message.id());
            }
        }
        return failed;
    }

    private static String key(String eventId, String endpointId) {
        return eventId + " " + endpointId;
    }

    /** How long a first attempt waits, within the invocation, for an earlier one another invocation is making. */
    private static final Duration ELSEWHERE_WAIT = Duration.ofSeconds(1);
    /**
     * The read again after 10 ms, then each wait doubled up to 80 ms: an earlier delivery another invocation is
     * making is usually over within tens of milliseconds (a POST and its record), so a fixed 50 ms hop added up
     * to 50 ms to each event of a payment's chain; the doubling keeps a long wait at about as few reads (≤ 14 in
     * the second) as the fixed hop's 20.
     */
    private static final long ELSEWHERE_FIRST_HOP_MILLIS = 10;
    private static final long ELSEWHERE_MAX_HOP_MILLIS = 80;

    /**
     * Whether an earlier event's delivery, not attempted by this batch, is being made by another invocation:
     * not opened yet (its event was announced with this one and is being dispatched), opened and not yet
     * attempted, or an attempt in progress under a live lease. One that failed (its retry scheduled) is not:
     * the later event is deferred at once.
     */
    private static boolean inFlight(Delivery current, Instant now) {
        return current == null || current.status() == Delivery.Status.PENDING
                && (current.attempts() == 0 || current.leaseIsLive(now));
    }

    /**
     * When an earlier event's delivery (PENDING, or not opened: null) that holds a later one back could be over,
     * or null if that is likely within {@link #ELSEWHERE_WAIT}, worth waiting for in this invocation: not opened
     * yet, opened and not attempted (about to be, or itself held back: it is read again within the second),
     * an attempt started less than that ago, or one whose timeout is that close. An attempt that has run longer
     * is a slow or hanging endpoint: it is answered by its start plus the timeout (and the record's margin), and
     * it is looked at again after as long again as it has run (a 2 s endpoint's chain waits about twice its time,
     * not the timeout), at the latest then. An attempt at an endpoint whose last attempts failed
     * ({@link WebhookEndpoint#failingSince}) most likely fails again, by its timeout if the endpoint hangs, and
     * the later event then waits for the earlier one's retry or its own order wait's end: however young, it is
     * not waited for here (read up to 14 times in the second) but looked at again once it is answered, not at
     * doubling waits (a hanging endpoint's every later event came back four times before its timeout). A
     * recovered endpoint's chain waits that long until a success stops the failure clock, usually its first. An
     * attempt leased past its answer (its holder stopped, or records slowly) is looked at again at doubling waits
     * up to the lease's end. One that failed is over when its retry is due. Read again every second until then, a
     * hanging endpoint's every later event cost a dispatch a second for the whole order wait (bench/README.md,
     * "Fourth pass: a hanging merchant's chain").
     * <p>
     * The attempt's start is its lease's end less {@link #leaseLength()} at this configuration's timeout: while a
     * change of {@code cauri.webhooks.timeout} rolls out the estimate is off by the change, bounded by the order
     * wait (a start in the future reads as just started: waited for here, unless the endpoint is failing).
     */
    private Instant overAt(Delivery current, WebhookEndpoint endpoint, Instant now) {
        if (current == null || current.status() != Delivery.Status.PENDING) {
            return null;
        }
        if (current.leaseIsLive(now)) {
            Instant started = current.leaseUntil().minus(leaseLength());
            Duration age = Duration.between(started, now);
            Instant answered = started.plus(timeout).plus(RECORD_MARGIN);
            boolean failing = endpoint.failingSince() != null;
            if (age.compareTo(ELSEWHERE_WAIT) < 0 && !failing
                    || now.isBefore(answered) && !now.plus(ELSEWHERE_WAIT).isBefore(answered)) {
                return null; // just started (at an endpoint that answers), or about to be answered
            }
            if (now.isBefore(answered)) {
                if (failing) {
                    return answered;
                }
                Instant doubled = now.plus(age);
                return doubled.isBefore(answered) ? doubled : answered;
            }
            Duration past = Duration.between(answered, now);
            Instant later = now.plus(past.compareTo(ORDER_HOP) > 0 ? past : ORDER_HOP);
            return later.isBefore(current.leaseUntil()) ? later : current.leaseUntil();
        }
        if (current.attempts() == 0) {
            return null;
        }
        return current.nextAttemptAt() != null ? current.nextAttemptAt() : now.plus(ORDER_HOP);
    }

    /** The time an attempt's lease is taken for: two timeouts and ten seconds, more than an attempt can take. */
    private Duration leaseLength() {
        return timeout.plus(timeout).plusSeconds(10);
    }

    /**
     * How long after its timeout an attempt is recorded, most likely: the sender gives an exchange its timeout and
     * a second more ({@link io.cauri.http.HttpWebhookSender}), then the record is a write.
     */
    private static final Duration RECORD_MARGIN = Duration.ofMillis(1500);

    /**
     * Completes once that delivery is no longer in flight (at a failing endpoint: once it is no longer worth
     * waiting for here, {@link #overAt}), or at {@code until}: read again after {@code hopMillis},
     * then after twice that (up to {@value #ELSEWHERE_MAX_HOP_MILLIS} ms), off this batch's other attempts (a
     * delayed task). Never completes exceptionally: the order is decided again from the log afterwards
     * ({@link #follow}).
     */
    private CompletableFuture<Void> settledElsewhere(String eventId, WebhookEndpoint endpoint, Instant until,
                                                     long hopMillis, BatchReads reads) {
        return CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(hopMillis, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(tick -> {
                    Instant now = now();
                    if (!now.isBefore(until)) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    Delivery current = log.delivery(eventId, endpoint.id()).orElse(null);
                    reads.seen(current);
                    // still worth waiting for here; at a failing endpoint, not once it is leased and not about to
                    // be answered (overAt): it most likely fails, and its later events wait for longer than this
                    if (inFlight(current, now)
                            && (endpoint.failingSince() == null || overAt(current, endpoint, now) == null)) {
                        return settledElsewhere(eventId, endpoint, until,
                                Math.min(hopMillis * 2, ELSEWHERE_MAX_HOP_MILLIS), reads);
                    }
                    return CompletableFuture.<Void>completedFuture(null);
                })
                .exceptionally(e -> null);
    }

    /** Makes the attempt and records it; never completes exceptionally (a failure marks the message). */
    private CompletableFuture<Void> run(Attempt a, BatchReads reads, Set<String> unrecorded) {
        return sender.post(URI.create(a.endpoint.url()), a.endpoint.mode(), a.headers, a.event.body(), timeout)
                .thenAccept(result -> settle(a, result, reads))
                .exceptionally(e -> {
                    LOG.warn("delivery of {} to {} not recorded: {}", a.event.id(), a.endpoint.id(), e.toString());
                    unrecorded.add(a.messageId);
                    return null;
                });
    }

    /**
     * A first attempt whose earlier events to the same endpoint were all attempted by this batch (or were in
     * flight in another invocation), once their attempts are recorded (or a short wait is over): the order is
     * decided again from the log, so an earlier one that failed (its retry pending) or is still under way
     * holds this one back (deferred to when it could be over, {@link #overAt}), and one delivered lets it go at
     * once. Only this endpoint's chain waits: every other attempt of the batch runs on its own.
     */
    private CompletableFuture<Void> follow(Waiting w, BatchReads reads, Set<String> unrecorded) {
        try {
            List<Blocker> blockers = new Ordering(w.event, reads, true).blockers(w.endpoint, w.opened);
            if (!blockers.isEmpty()) {
                Instant now = now();
                Instant lookAgain = now.plus(ORDER_HOP); // waited here already: at least a hop away
                for (Blocker b : blockers) {
                    Instant over = overAt(b.current(), w.endpoint, now);
                    if (over != null && over.isAfter(lookAgain)) {
                        lookAgain = over;
                    }
                }
                defer(w, lookAgain, now);
                return CompletableFuture.completedFuture(null);
            }
            Optional<Attempt> attempt = prepare(w.messageId, w.event, w.endpoint, 1, Optional.empty());
            return attempt.isPresent() ? run(attempt.get(), reads, unrecorded) : CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            LOG.warn("webhook message {} not dispatched: {}", w.messageId, e.toString());
            unrecorded.add(w.messageId);
            return CompletableFuture.completedFuture(null);
        }
    }

    /**
     * A first attempt held back by earlier events of its intent to the same endpoint ({@code blockers}): it
     * follows them if each is attempted by this batch or likely over within a second elsewhere, else it is
     * deferred to when the last of them could be over ({@link #overAt}).
     */
    private record Waiting(String messageId, EventEnvelope event, WebhookEndpoint endpoint, Delivery opened,
                           List<Blocker> blockers) {
    }

    /** An earlier event a first attempt waits for, and its delivery to the endpoint as read (null: not opened). */
    private record Blocker(String eventId, Delivery current) {
    }

    /** An attempt about to be made, under a lease. */
    private record Attempt(String messageId, EventEnvelope event, WebhookEndpoint endpoint, int number,
                           String leaseId, Instant at, Map<String, String> headers) {
    }

    /**
     * Adds the message's attempts to {@code attempts}. If one endpoint cannot be prepared the others still
     * go ahead, and the message is failed at the end so that endpoint gets another chance.
     */
    private void plan(Message message, BatchReads reads, List<Attempt> attempts, List<Waiting> waiting) {
        if (DeliveryMessage.KIND_DELIVERY.equals(message.attributes().get(DeliveryMessage.KIND_ATTRIBUTE))) {
            attempts.addAll(planDelivery(message.id(), read(message.body()), reads, waiting));
            return;
        }
        EventEnvelope announced = EventEnvelope.parse(json, message.body());
        EventEnvelope event;
        if (announced.isClaimCheck()) {
            // logged by the stream publisher before it announced it; absent only if the log expired it
            event = log.event(announced.id()).orElse(null);
            if (event == null) {
                LOG.info("event {} is no longer logged; its claim check is dropped", announced.id());
                return;
            }
        } else {
            event = announced;
        }
        metrics.dispatcherLag(event.createdAt(), now()); // straight from the topic: its first arrival here
        RuntimeException first = null;
        Ordering ordering = new Ordering(event, reads, false);
        // the stream publisher logged the event before announcing it; checked once, and only for an event some
        // endpoint gets (retries and resends read it from the log): a read, where an always-refused conditional
        // write per event cost a write unit each, most of them for events no endpoint wants
        boolean logged = announced.isClaimCheck();
        for (WebhookEndpoint endpoint : reads.endpoints(event.merchantId(), event.mode())) {
            if (endpoint.owesAnnouncementOn(event.type())) {
                reads.forgetEndpoints(event.merchantId(), event.mode()); // the announcement changes what they say
                try {
                    health.announcePending(endpoint); // this event's copy may be the message that disabled it
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
            if (endpoint.receives(event.type())) {
                try {
                    if (!logged) {
                        ensureLogged(event);
                        logged = true;
                    }
                    Delivery opened = log.open(event, endpoint, now());
                    List<Blocker> blockers = ordering.blockers(endpoint, opened);
                    if (!blockers.isEmpty()) {
                        waiting.add(new Waiting(message.id(), event, endpoint, opened, blockers));
                        continue;
                    }
                    prepare(message.id(), event, endpoint, 1, Optional.of(opened)).ifPresent(attempts::add);
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * Logs {@code event} unless it is there (an announcement that did not come from the stream publisher, which
     * logs first): a delivery's attempts after the first, and a resend, read the event from the log.
     */
    private void ensureLogged(EventEnvelope event) {
        if (log.event(event.id()).isEmpty()) {
            log.recordEvent(event); // conditional: the same id, the same body
        }
    }

    private List<Attempt> planDelivery(String messageId, DeliveryMessage message, BatchReads reads,
                                       List<Waiting> waiting) {
        Instant now = now();
        Instant notBefore = Instant.ofEpochMilli(message.notBefore());
        if (notBefore.isAfter(now.plusSeconds(1))) {
            queue.send(message, Duration.between(now, notBefore)); // a back-off longer than one SQS delay
            return List.of();
        }
        Optional<EventEnvelope> event = log.event(message.eventId());
        if (event.isEmpty()) {
            LOG.info("event {} is no longer logged; delivery dropped", message.eventId());
            return List.of();
        }
        Mode mode = Mode.fromWire(message.mode()).orElseThrow(() -> new IllegalArgumentException("unknown mode"));
        Optional<WebhookEndpoint> endpoint = endpoints.find(message.merchantId(), mode, message.endpointId());
        if (endpoint.isEmpty() || !endpoint.get().isEnabled()) {
            log.cancel(message.eventId(), message.endpointId(),
                    endpoint.isEmpty() ? "endpoint deleted" : "endpoint disabled", now);
            // read before prepare, so also for the copy of the message that disabled it (its delivery is over):
            // the announcement it owes, if its making failed, is made again; a failure fails the message again
            endpoint.ifPresent(health::announcePending);
            return List.of();
        }
        Optional<Delivery> known = Optional.empty();
        if (message.attempt() == 1) {
            Delivery opened = log.open(event.get(), endpoint.get(), now);
            List<Blocker> blockers = new Ordering(event.get(), reads, false).blockers(endpoint.get(), opened);
            if (!blockers.isEmpty()) {
                waiting.add(new Waiting(messageId, event.get(), endpoint.get(), opened, blockers));
                return List.of();
            }
            known = Optional.of(opened);
        }
        return prepare(messageId, event.get(), endpoint.get(), message.attempt(), known).map(List::of)
                .orElse(List.of());
    }

    /**
     * What a batch reads once, however many of its events need it: a merchant's endpoints (per mode) and an
     * intent's logged events; and what it delivered itself. A payment's events come in one batch (the stream
     * publisher announces a stream batch together), so per event these were a Query of the endpoints and one of
     * the intent's events each, the most of the dispatcher's DynamoDB calls. The endpoints are read while the
     * batch is planned, before any of its attempts, as they were per event. The intent's events are read once as
     * the batch is planned and once more when the first of its followers decides again after its wait
     * ({@link Ordering}); the later followers use that second read (a delivery it shows pending is read again,
     * consistently, and one this batch delivered, or read over, is known).
     * Used from the batch's thread, its attempts' completions and its polls of deliveries made elsewhere:
     * synchronized.
     */
    private final class BatchReads {
        private final Map<String, List<WebhookEndpoint>> endpoints = new HashMap<>();
        private final Map<String, List<DeliveryLog.LoggedEvent>> intents = new HashMap<>();
        private final Map<String, List<DeliveryLog.LoggedEvent>> intentsAfterWait = new HashMap<>();
        private final Set<String> over = new java.util.HashSet<>();

        synchronized List<WebhookEndpoint> endpoints(String merchantId, Mode mode) {
            return endpoints.computeIfAbsent(merchantId + " " + mode.wire(),
                    k -> WebhookDispatcher.this.endpoints.list(merchantId, mode));
        }

        synchronized void forgetEndpoints(String merchantId, Mode mode) {
            endpoints.remove(merchantId + " " + mode.wire());
        }

        /** {@code afterWait}: read again, once per intent, for the followers that decide after their wait. */
        synchronized List<DeliveryLog.LoggedEvent> eventsOfIntent(String intentId, boolean afterWait) {
            return (afterWait ? intentsAfterWait : intents).computeIfAbsent(intentId, log::eventsOfIntent);
        }

        /**
         * A delivery this batch recorded SUCCEEDED (final): a later event of the intent that follows it need not
         * read it again, so a payment's chain of events costs no read of the deliveries before each one.
         */
        synchronized void delivered(String eventId, String endpointId) {
            over.add(key(eventId, endpointId));
        }

        /**
         * A delivery as read consistently by this batch: one no longer PENDING is over, so the batch's later
         * events that follow it need not read it again. Only a merchant's resend ({@link DeliveryLog#restart})
         * makes it PENDING again; one that comes within the batch's life is not seen by its later events, as it
         * was not when the intent's index (read once for them) showed the delivery over.
         */
        synchronized void seen(Delivery current) {
            if (current != null && current.status() != Delivery.Status.PENDING) {
                over.add(key(current.eventId(), current.endpointId()));
            }
        }

        /** Whether this batch recorded, or read, the delivery over. */
        synchronized boolean isOver(String eventId, String endpointId) {
            return over.contains(key(eventId, endpointId));
        }
    }

    /**
     * Whether the first attempt of {@code event} to an endpoint must wait for an earlier event of the same
     * intent: one the endpoint subscribes to, announced after the endpoint existed, whose delivery to it is
     * not opened yet or still PENDING — while this delivery is younger than the order wait. The intent's
     * earlier events are read once per intent as the batch is planned, and once more when its followers decide
     * again after their wait (an index Query, eventually consistent: a delivery it shows pending is read again,
     * consistently, before anyone waits on it; the second read sees an earlier event the first one missed).
     */
    private final class Ordering {
        private final EventEnvelope event;
        private final BatchReads reads;
        private final boolean afterWait;
        private List<DeliveryLog.LoggedEvent> earlier;

        /** {@code afterWait}: decided again once the earlier attempts are over ({@link #follow}). */
        Ordering(EventEnvelope event, BatchReads reads, boolean afterWait) {
            this.event = event;
            this.reads = reads;
            this.afterWait = afterWait;
        }

        /** The earlier events it must wait for; none if it may go. */
        List<Blocker> blockers(WebhookEndpoint endpoint, Delivery delivery) {
            if (event.sequence() <= 0 || delivery.status() != Delivery.Status.PENDING || delivery.attempts() > 0
                    || delivery.createdAt() == null || !now().isBefore(delivery.createdAt().plus(orderWait))) {
                return List.of();
            }
            List<Blocker> blockers = new ArrayList<>();
            if (earlier == null) {
                earlier = reads.eventsOfIntent(event.intentId(), afterWait).stream()
                        .filter(e -> e.event().sequence() > 0 && e.event().sequence() < event.sequence())
                        .toList();
            }
            for (DeliveryLog.LoggedEvent e : earlier) {
                if (!endpoint.subscribesTo(e.event().type()) || e.event().createdAt().isBefore(endpoint.createdAt())
                        || reads.isOver(e.event().id(), endpoint.id())) {
                    continue; // not owed to it, or this batch delivered it or read it over: nothing to read
                }
                Optional<Delivery> seen = e.deliveries().stream().filter(d -> d.endpointId().equals(endpoint.id())).findFirst();
                if (seen.isPresent() && seen.get().status() != Delivery.Status.PENDING) {
                    continue;
                }
                Optional<Delivery> current = log.delivery(e.event().id(), endpoint.id());
                current.ifPresent(reads::seen);
                if (current.isEmpty() || current.get().status() == Delivery.Status.PENDING) {
                    blockers.add(new Blocker(e.event().id(), current.orElse(null)));
                }
            }
            return blockers;
        }
    }

    /**
     * The first attempt again when its earlier events could be over ({@code lookAgain}), as its own message:
     * nothing else in the batch waits for it. At least a hop away, and no later than its order wait's end, when
     * it goes whatever they do. Returns when.
     */
    private Instant defer(Waiting w, Instant lookAgain, Instant now) {
        Instant at = lookAgain;
        if (w.opened.createdAt() != null && at.isAfter(w.opened.createdAt().plus(orderWait))) {
            at = w.opened.createdAt().plus(orderWait);
        }
        if (at.isBefore(now.plus(ORDER_HOP))) {
            at = now.plus(ORDER_HOP);
        }
        queue.send(message(w.event, w.endpoint, 1, at), Duration.between(now, at));
        return at;
    }

    /**
     * Takes the lease for attempt {@code number}, or says why not (done, a copy, or someone else on it).
     * {@code known}: the delivery as this invocation just opened it (written or read consistently a moment ago),
     * so not read again; the lease's condition, not this read, is what keeps a second attempt out.
     */
    private Optional<Attempt> prepare(String messageId, EventEnvelope event, WebhookEndpoint endpoint, int number,
                                      Optional<Delivery> known) {
        Optional<Delivery> stored = known.isPresent() ? known : log.delivery(event.id(), endpoint.id());
        if (stored.isEmpty() || stored.get().status() != Delivery.Status.PENDING) {
            return Optional.empty(); // finished (delivered once is enough) or expired
        }
        Delivery delivery = stored.get();
        if (delivery.attempts() >= number) {
            // already made: only make sure the next one is on its way (its message may not have been sent)
            if (delivery.attempts() == number && delivery.scheduledAttempt() <= number && delivery.nextAttemptAt() != null) {
                schedule(event, endpoint, number + 1, delivery.nextAttemptAt());
            }
            return Optional.empty();
        }
        if (delivery.attempts() < number - 1) {
            return Optional.empty(); // a stale copy from an earlier round
        }
        Instant now = now();
        Optional<String> lease = log.lease(event.id(), endpoint.id(), number - 1, now,
                now.plus(leaseLength()));
        if (lease.isEmpty() && known.isPresent()) {
            // what was opened has moved on (a copy of the message in another invocation): read it, decide again
            return prepare(messageId, event, endpoint, number, Optional.empty());
        }
        if (lease.isEmpty()) {
            throw new IllegalStateException("delivery of " + event.id() + " to " + endpoint.id() + " is in progress");
        }
        WebhookEndpoints.SigningSecrets keys = secrets.signingSecrets(endpoint, now);
        Map<String, String> headers = WebhookSignatures.sign(event.id(), now, event.body(), keys.current(), keys.previous());
        if (event.correlationId() != null) {
            headers = new java.util.LinkedHashMap<>(headers);
            headers.put(CORRELATION_HEADER, event.correlationId()); // on every attempt: read from the log each time
        }
        return Optional.of(new Attempt(messageId, event, endpoint, number, lease.get(), now, headers));
    }

    private void settle(Attempt a, WebhookSender.Result result, BatchReads reads) {
        Delivery.Attempt record = new Delivery.Attempt(a.number, a.at, result.status(), result.error(),
                result.durationMillis());
        metrics.webhookDelivery(result.isSuccess(), result.durationMillis());
        if (result.isSuccess()) {
            if (log.recordAttempt(a.event.id(), a.endpoint.id(), a.leaseId, record, Delivery.Status.SUCCEEDED, null)) {
                reads.delivered(a.event.id(), a.endpoint.id()); // what a later event of the intent follows
            }
            health.succeeded(a.endpoint);
        } else if (result.status() != null && result.status() == 410) {
            log.recordAttempt(a.event.id(), a.endpoint.id(), a.leaseId, record, Delivery.Status.CANCELED, null);
            updateEndpoint(a.endpoint, e -> e.disabled("410 Gone from " + e.url(), now()));
            LOG.info("webhook endpoint {} answered 410 Gone: disabled", a.endpoint.id());
        } else if (retries.hasAttemptAfter(a.number)) {
            Instant next = now().plus(retries.delayAfter(a.number, a.event.id(), a.endpoint.id()));
            if (log.recordAttempt(a.event.id(), a.endpoint.id(), a.leaseId, record, Delivery.Status.PENDING, next)) {
                schedule(a.event, a.endpoint, a.number + 1, next);
            }
            health.failed(a.endpoint, a.at, false); // after the retry is scheduled: a disabled endpoint cancels it
        } else {
            log.recordAttempt(a.event.id(), a.endpoint.id(), a.leaseId, record, Delivery.Status.FAILED, null);
            // before the health work, which may throw: the message's copy would find the delivery FAILED and
            // never send it
            queue.deadLetter(message(a.event, a.endpoint, a.number, a.at));
            health.failed(a.endpoint, a.at, true);
            LOG.warn("webhook {} to endpoint {} failed after {} attempts", a.event.id(), a.endpoint.id(), a.number);
        }
    }

    private void schedule(EventEnvelope event, WebhookEndpoint endpoint, int number, Instant at) {
        queue.send(message(event, endpoint, number, at), Duration.between(now(), at));
        log.markScheduled(event.id(), endpoint.id(), number);
    }

    private static DeliveryMessage message(EventEnvelope event, WebhookEndpoint endpoint, int number, Instant at) {
        return new DeliveryMessage(event.id(), endpoint.id(), endpoint.merchantId(), endpoint.mode().wire(), number,
                at.toEpochMilli());
    }

    /** Re-reads and retries once on a concurrent change: the endpoint's flags are advisory. */
    private void updateEndpoint(WebhookEndpoint endpoint, java.util.function.UnaryOperator<WebhookEndpoint> change) {
        for (int i = 0; i < 3; i++) {
            Optional<WebhookEndpoint> current = endpoints.find(endpoint.merchantId(), endpoint.mode(), endpoint.id());
            if (current.isEmpty()) {
                return;
            }
            try {
                endpoints.update(change.apply(current.get()));
                return;
            } catch (ConcurrentChangeException raced) {
                // read again
            }
        }
    }

    private DeliveryMessage read(String body) {
        try {
            DeliveryMessage m = json.readValue(body, DeliveryMessage.class);
            if (m == null || m.eventId() == null || m.endpointId() == null || m.merchantId() == null || m.attempt() < 1) {
                throw new IllegalArgumentException("incomplete delivery message");
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException("a delivery message must be JSON", e);
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}

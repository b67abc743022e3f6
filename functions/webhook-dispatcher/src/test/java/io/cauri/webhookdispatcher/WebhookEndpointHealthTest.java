package io.cauri.webhookdispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.event.StatusEvent;
import io.cauri.event.StatusEvents;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.local.LoggedOperatorAlarms;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.stream.EventBodies;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.aws.EmfMetrics;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.webhook.Delivery;
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
import io.cauri.webhook.WebhookSignatures;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An endpoint failing through the whole deployed schedule (16 attempts over more than 3 days, with jitter), on a
 * movable clock: the dispatcher's own delayed messages are kept by a queue that behaves as SQS does (at most
 * 900 s of delay a message, so a long wait is several hops) and handed back when the clock reaches them. The
 * endpoint is disabled once and announced once (its merchant's other endpoint of the same mode gets a
 * {@code webhook_endpoint.disabled} event, the alarm port one message, standard output one EMF line); re-enabled,
 * it receives new events. Endpoints, deliveries and events are stored in DynamoDB Local.
 */
class WebhookEndpointHealthTest {
    static final Instant START = Instant.parse("2026-12-04T18:00:00Z"); // a Friday evening
    static ApplicationContext context;
    static MovableClock clock;
    static SqsLikeQueue queue;
    static WebhookDispatcher dispatcher;
    static EndpointHealth health;
    static final List<WebhookReceiver> receivers = new ArrayList<>();

    /** The webhook queue as SQS treats the dispatcher's messages: each delayed at most 900 s. */
    static final class SqsLikeQueue implements DeliveryQueue {
        record Sent(DeliveryMessage message, Instant visibleAt) {
        }

        final List<Sent> sent = new ArrayList<>();
        final List<DeliveryMessage> deadLetters = new ArrayList<>();
        final AtomicInteger hops = new AtomicInteger();

        @Override
        public synchronized void send(DeliveryMessage message, Duration delay) {
            long seconds = Math.min(900, Math.max(0, (delay.toMillis() + 999) / 1000));
            sent.add(new Sent(message, clock.instant().plusSeconds(seconds)));
        }

        @Override
        public synchronized void deadLetter(DeliveryMessage message) {
            deadLetters.add(message);
        }

        synchronized Sent next() {
            Sent first = sent.stream().min(Comparator.comparing(Sent::visibleAt)).orElse(null);
            sent.remove(first);
            return first;
        }
    }

    @BeforeAll
    static void start() {
        clock = new MovableClock(START);
        Map<String, Object> p = new HashMap<>(LocalFunction.properties());
        p.put("cauri.webhooks.encryption-key", LocalEvents.ENCRYPTION_KEY);
        p.put("cauri.webhooks.loopback", "all"); // the receivers are on 127.0.0.1
        p.put("cauri.webhooks.timeout", "2s");
        context = ApplicationContext.builder().properties(p).singletons(clock).start();
        queue = new SqsLikeQueue();
        JsonMapper json = context.getBean(JsonMapper.class);
        health = new EndpointHealth(context.getBean(WebhookRepository.class), context.getBean(DeliveryLog.class), queue,
                context.getBean(LoggedOperatorAlarms.class), json, clock, Duration.ofDays(3),
                context.getBean(BusinessMetrics.class));
        dispatcher = new WebhookDispatcher(context.getBean(WebhookRepository.class),
                context.getBean(WebhookEndpoints.class), context.getBean(DeliveryLog.class), queue,
                context.getBean(WebhookSender.class), RetryPolicy.standard(), json, clock, Duration.ofSeconds(2),
                Duration.ofSeconds(30), context.getBean(BusinessMetrics.class), health);
    }

    @AfterAll
    static void stop() {
        receivers.forEach(WebhookReceiver::close);
        context.close();
    }

    static WebhookReceiver receiver(java.util.function.IntFunction<WebhookReceiver.Answer> answers) {
        WebhookReceiver r = new WebhookReceiver().answering(answers);
        receivers.add(r);
        return r;
    }

    static WebhookEndpoint subscribe(String merchant, Mode mode, String url, EventType... types) {
        return context.getBean(WebhookEndpoints.class).create(Caller.server(merchant, mode),
                new WebhookEndpoints.NewEndpoint(url, List.of(types), null, Map.of())).endpoint();
    }

    static WebhookEndpoint stored(WebhookEndpoint e) {
        return context.getBean(WebhookRepository.class).find(e.merchantId(), e.mode(), e.id()).orElseThrow();
    }

    /** An event of a new intent, as it comes off the topic (raw delivery: the body, no attribute). */
    static EventEnvelope announce(String merchant, Mode mode) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent intent = PaymentIntent.open(Ids.next(Ids.INTENT), merchant, mode, now, "order-1", "cust-1",
                1000, Currency.XOF, null);
        EventType type = EventType.PAYMENT_INTENT_SUCCESSFUL;
        EventEnvelope event = EventBodies.envelope(context.getBean(JsonMapper.class),
                new StatusEvent(StatusEvents.eventId(Ids.next("rec_"), type, intent.id()), type, now, intent, null));
        context.getBean(DeliveryLog.class).recordEvent(event); // the stream publisher logs every event, then announces it
        assertTrue(dispatcher.dispatch(List.of(new WebhookDispatcher.Message(Ids.next("msg_"), event.body(), Map.of())))
                .isEmpty());
        return event;
    }

    /** Hands every queued message back when the clock reaches it, until the queue is empty. */
    static void runQueue() {
        for (SqsLikeQueue.Sent s = queue.next(); s != null; s = queue.next()) {
            if (s.visibleAt().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), s.visibleAt()));
            }
            if (s.message().notBefore() > clock.millis() + 1000) {
                queue.hops.incrementAndGet(); // arrived early: it will be sent on with the time left
            }
            String body;
            try {
                body = new ObjectMapper().writeValueAsString(s.message());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertTrue(dispatcher.dispatch(List.of(new WebhookDispatcher.Message(Ids.next("msg_"), body,
                    Map.of(DeliveryMessage.KIND_ATTRIBUTE, DeliveryMessage.KIND_DELIVERY)))).isEmpty());
        }
    }

    static Instant signedAt(WebhookReceiver.Request r) {
        return Instant.ofEpochSecond(Long.parseLong(r.header(WebhookSignatures.WEBHOOK_TIMESTAMP)));
    }

    @Test
    void anEndpointFailingThroughTheWholeScheduleIsDisabledOnceAnnouncedOnceAndReceivesAgainOnceReEnabled()
            throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        AtomicInteger healthyFrom = new AtomicInteger(Integer.MAX_VALUE);
        WebhookReceiver down = receiver(n -> WebhookReceiver.Answer.status(n >= healthyFrom.get() ? 200 : 503));
        WebhookReceiver other = receiver(n -> WebhookReceiver.Answer.status(200));
        WebhookReceiver otherMode = receiver(n -> WebhookReceiver.Answer.status(200));
        WebhookEndpoint failing = subscribe(merchant, Mode.SANDBOX, down.url(), EventType.PAYMENT_INTENT_SUCCESSFUL,
                EventType.WEBHOOK_ENDPOINT_DISABLED);
        WebhookEndpoint told = subscribe(merchant, Mode.SANDBOX, other.url(), EventType.WEBHOOK_ENDPOINT_DISABLED);
        subscribe(merchant, Mode.LIVE, otherMode.url(), EventType.WEBHOOK_ENDPOINT_DISABLED);
        int alarmsBefore = context.getBean(LoggedOperatorAlarms.class).raised().size();

        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EventEnvelope event;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        EmfMetrics.writeTo(System.out);
        try {
            event = announce(merchant, Mode.SANDBOX);
            runQueue();
        } finally {
            System.setOut(out);
            EmfMetrics.writeTo(out);
        }

        List<WebhookReceiver.Request> attempts = down.requests();
        assertTrue(attempts.size() >= 15 && attempts.size() <= 16, attempts.size() + " attempts");
        assertTrue(attempts.stream().allMatch(r -> event.id().equals(r.header("webhook-id"))));
        Duration span = Duration.between(signedAt(attempts.get(0)), signedAt(attempts.get(attempts.size() - 1)));
        assertTrue(span.compareTo(Duration.ofDays(3)) >= 0, "retried for " + span);
        assertTrue(queue.hops.get() > 100, "waits over 900 s take several hops: " + queue.hops.get());
        Delivery delivery = context.getBean(DeliveryLog.class).delivery(event.id(), failing.id()).orElseThrow();
        assertNotEquals(Delivery.Status.PENDING, delivery.status());
        assertEquals(attempts.size(), delivery.attempts(), "a hop is not an attempt");

        WebhookEndpoint disabled = stored(failing);
        assertEquals(WebhookEndpoint.Status.DISABLED, disabled.status());
        assertTrue(disabled.disabledReason().contains("72 hours"), disabled.disabledReason());
        assertEquals(signedAt(attempts.get(0)), disabled.failingSince().truncatedTo(ChronoUnit.SECONDS));

        // announced once: the other endpoint of the same mode, never the other mode's, nor the disabled one
        List<WebhookReceiver.Request> notices = other.requests();
        assertEquals(1, notices.size());
        JsonNode notice = new ObjectMapper().readTree(notices.get(0).body());
        assertEquals("webhook_endpoint.disabled", notice.get("type").asText());
        assertEquals(failing.id(), notice.get("data").get("id").asText());
        assertEquals("disabled", notice.get("data").get("status").asText());
        assertEquals("sandbox", notice.get("mode").asText());
        assertEquals(merchant, notice.get("merchantId").asText());
        assertTrue(otherMode.requests().isEmpty());
        assertTrue(down.requests().stream().noneMatch(r -> r.body().contains("webhook_endpoint.disabled")));
        assertEquals(Delivery.Status.SUCCEEDED, context.getBean(DeliveryLog.class)
                .delivery(notice.get("id").asText(), told.id()).orElseThrow().status());

        List<LoggedOperatorAlarms.Raised> alarms = context.getBean(LoggedOperatorAlarms.class).raised();
        assertEquals(alarmsBefore + 1, alarms.size());
        assertTrue(alarms.get(alarms.size() - 1).message().contains(failing.id()));
        assertFalse(alarms.get(alarms.size() - 1).message().contains(down.url()), "the host only, not the url");

        List<String> metrics = printed.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("WebhookEndpointsDisabled")).toList();
        assertEquals(1, metrics.size(), metrics.toString());
        JsonNode emf = new ObjectMapper().readTree(metrics.get(0));
        assertEquals(1, emf.get("WebhookEndpointsDisabled").asInt());
        JsonNode declared = emf.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Cauri", declared.get("Namespace").asText());
        assertEquals("WebhookEndpointsDisabled", declared.get("Metrics").get(0).get("Name").asText());
        assertEquals("Count", declared.get("Metrics").get(0).get("Unit").asText());

        // while disabled, new events pass it by
        clock.advance(Duration.ofMinutes(5)); // the feed orders by logging time: not the notice's very millisecond
        EventEnvelope meanwhile = announce(merchant, Mode.SANDBOX);
        runQueue();
        assertTrue(context.getBean(DeliveryLog.class).delivery(meanwhile.id(), failing.id()).isEmpty());

        // the merchant fixes it and re-enables it (PATCH /webhooks/{id} calls this): the clock starts over
        healthyFrom.set(attempts.size() + 1);
        WebhookEndpoint enabled = context.getBean(WebhookEndpoints.class).update(Caller.server(merchant, Mode.SANDBOX),
                failing.id(), new WebhookEndpoints.Change(null, null, true)).orElseThrow();
        assertEquals(WebhookEndpoint.Status.ENABLED, enabled.status());
        assertNull(enabled.failingSince());
        assertNull(enabled.disabledReason());
        clock.advance(Duration.ofMinutes(5));
        EventEnvelope later = announce(merchant, Mode.SANDBOX);
        runQueue();
        assertEquals(later.id(), down.requests().get(down.requests().size() - 1).header("webhook-id"));
        assertEquals(Delivery.Status.SUCCEEDED,
                context.getBean(DeliveryLog.class).delivery(later.id(), failing.id()).orElseThrow().status());
        assertEquals(1, other.requests().size(), "announced once");
        assertEquals(alarmsBefore + 1, context.getBean(LoggedOperatorAlarms.class).raised().size());

        // what it missed is in the merchant's events feed (GET /events reads this page), in order, same ids
        DeliveryLog.FeedPage feed = context.getBean(DeliveryLog.class).feed(merchant, Mode.SANDBOX, null, Set.of(), 100,
                clock.instant().plus(Duration.ofMinutes(1)), clock.instant());
        assertEquals(List.of(event.id(), notice.get("id").asText(), meanwhile.id(), later.id()),
                feed.events().stream().map(EventEnvelope::id).toList());
        assertFalse(feed.hasMore());
    }

    @Test
    void aSuccessStopsTheFailureClock() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver flaky = receiver(n -> WebhookReceiver.Answer.status(n == 1 ? 500 : 200));
        WebhookEndpoint endpoint = subscribe(merchant, Mode.SANDBOX, flaky.url(), EventType.PAYMENT_INTENT_SUCCESSFUL);
        announce(merchant, Mode.SANDBOX);
        assertEquals(clock.instant().truncatedTo(ChronoUnit.MILLIS), stored(endpoint).failingSince());
        runQueue();
        assertEquals(2, flaky.requests().size());
        assertNull(stored(endpoint).failingSince());
        assertEquals(WebhookEndpoint.Status.ENABLED, stored(endpoint).status());
    }

    /** Dispatchers racing on the same stale read of the endpoint: one disables it and announces, the others do not. */
    @Test
    void concurrentFailuresDisableAndAnnounceOnce() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver other = receiver(n -> WebhookReceiver.Answer.status(200));
        WebhookEndpoint endpoint = subscribe(merchant, Mode.SANDBOX, "https://down.example/hooks",
                EventType.PAYMENT_INTENT_SUCCESSFUL);
        subscribe(merchant, Mode.SANDBOX, other.url(), EventType.WEBHOOK_ENDPOINT_DISABLED);
        Instant first = clock.instant();
        assertFalse(health.failed(endpoint, first, false));
        WebhookEndpoint seen = stored(endpoint);
        assertEquals(first.truncatedTo(ChronoUnit.MILLIS), seen.failingSince());
        assertFalse(health.failed(seen, first.plus(Duration.ofDays(3)).minusSeconds(1), false), "not yet 3 days");
        int alarmsBefore = context.getBean(LoggedOperatorAlarms.class).raised().size();

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                racers.add(() -> health.failed(seen, first.plus(Duration.ofDays(3)), false));
            }
            int disabledBy = 0;
            for (Future<Boolean> f : pool.invokeAll(racers)) {
                disabledBy += f.get() ? 1 : 0;
            }
            assertEquals(1, disabledBy);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(WebhookEndpoint.Status.DISABLED, stored(endpoint).status());
        assertEquals(alarmsBefore + 1, context.getBean(LoggedOperatorAlarms.class).raised().size());
        runQueue();
        assertEquals(1, other.requests().size(), "one announcement");
        assertTrue(other.requests().get(0).body().contains(endpoint.id()));
    }
}

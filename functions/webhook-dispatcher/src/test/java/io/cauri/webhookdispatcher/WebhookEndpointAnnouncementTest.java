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
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.stream.EventBodies;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.DeliveryMessage;
import io.cauri.webhook.DeliveryQueue;
import io.cauri.webhook.EndpointHealth;
import io.cauri.webhook.OperatorAlarms;
import io.cauri.webhook.RetryPolicy;
import io.cauri.webhook.WebhookDispatcher;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookRepository;
import io.cauri.webhook.WebhookSender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code webhook_endpoint.disabled} announcement is owed from the write that disables the endpoint
 * ({@code announcementPending}), not from the process that made it: when a step of it fails (here the operators'
 * alarm, once), the message that disabled the endpoint fails, comes back as SQS hands it back, and the dispatcher
 * makes the announcement again when it reads the endpoint for that message — the same event, delivered once to the
 * merchant's other endpoint, then the flag is cleared. Endpoints, deliveries and events in DynamoDB Local; the
 * queue and the alarm port are in-process doubles.
 */
class WebhookEndpointAnnouncementTest {
    static ApplicationContext context;
    static MovableClock clock;
    static SqsLikeQueue queue;
    static FlakyAlarms alarms;
    static EndpointHealth health;
    static final List<WebhookReceiver> receivers = new ArrayList<>();

    /** The webhook queue: delays kept (at most 900 s), a message reported failed comes back after 30 s. */
    static final class SqsLikeQueue implements DeliveryQueue {
        record Sent(WebhookDispatcher.Message message, Instant visibleAt) {
        }

        final List<Sent> sent = new ArrayList<>();
        final List<DeliveryMessage> all = new ArrayList<>();
        final List<DeliveryMessage> deadLetters = new ArrayList<>();
        final AtomicInteger redelivered = new AtomicInteger();

        @Override
        public synchronized void send(DeliveryMessage message, Duration delay) {
            long seconds = Math.min(900, Math.max(0, (delay.toMillis() + 999) / 1000));
            all.add(message);
            String body;
            try {
                body = new ObjectMapper().writeValueAsString(message);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            sent.add(new Sent(new WebhookDispatcher.Message(Ids.next("msg_"), body,
                    Map.of(DeliveryMessage.KIND_ATTRIBUTE, DeliveryMessage.KIND_DELIVERY)),
                    clock.instant().plusSeconds(seconds)));
        }

        @Override
        public synchronized void deadLetter(DeliveryMessage message) {
            deadLetters.add(message);
        }

        synchronized void again(WebhookDispatcher.Message message) {
            redelivered.incrementAndGet();
            sent.add(new Sent(message, clock.instant().plusSeconds(30))); // the visibility timeout
        }

        synchronized Sent next() {
            Sent first = sent.stream().min(Comparator.comparing(Sent::visibleAt)).orElse(null);
            sent.remove(first);
            return first;
        }
    }

    /** The operators' alarm port, failing the next {@code failures} times it is used. */
    static final class FlakyAlarms implements OperatorAlarms {
        final AtomicInteger failures = new AtomicInteger();
        final List<String> raised = new ArrayList<>();

        @Override
        public synchronized void raise(String subject, String message) {
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("alarm topic unavailable");
            }
            raised.add(message);
        }
    }

    @BeforeAll
    static void start() {
        clock = new MovableClock(Instant.parse("2026-12-04T18:00:00Z"));
        Map<String, Object> p = new HashMap<>(LocalFunction.properties());
        p.put("cauri.webhooks.encryption-key", LocalEvents.ENCRYPTION_KEY);
        p.put("cauri.webhooks.loopback", "all"); // the receivers are on 127.0.0.1
        p.put("cauri.webhooks.timeout", "2s");
        context = ApplicationContext.builder().properties(p).singletons(clock).start();
        queue = new SqsLikeQueue();
        alarms = new FlakyAlarms();
        health = new EndpointHealth(context.getBean(WebhookRepository.class), context.getBean(DeliveryLog.class), queue,
                alarms, context.getBean(JsonMapper.class), clock, Duration.ofDays(3),
                context.getBean(BusinessMetrics.class));
    }

    @AfterAll
    static void stop() {
        receivers.forEach(WebhookReceiver::close);
        context.close();
    }

    static WebhookDispatcher dispatcher(RetryPolicy retries) {
        return new WebhookDispatcher(context.getBean(WebhookRepository.class), context.getBean(WebhookEndpoints.class),
                context.getBean(DeliveryLog.class), queue, context.getBean(WebhookSender.class), retries,
                context.getBean(JsonMapper.class), clock, Duration.ofSeconds(2), Duration.ofSeconds(30),
                context.getBean(BusinessMetrics.class), health);
    }

    static WebhookReceiver receiver(int status) {
        WebhookReceiver r = new WebhookReceiver().answering(n -> WebhookReceiver.Answer.status(status));
        receivers.add(r);
        return r;
    }

    static WebhookEndpoint subscribe(String merchant, String url, EventType type) {
        return context.getBean(WebhookEndpoints.class).create(Caller.server(merchant, Mode.SANDBOX),
                new WebhookEndpoints.NewEndpoint(url, List.of(type), null, Map.of())).endpoint();
    }

    static WebhookEndpoint stored(WebhookEndpoint e) {
        return context.getBean(WebhookRepository.class).find(e.merchantId(), e.mode(), e.id()).orElseThrow();
    }

    /** An event of a new intent as it comes off the topic (raw delivery: the body, no attribute). */
    static WebhookDispatcher.Message topicMessage(String merchant) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent intent = PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX, now, "order-1",
                "cust-1", 1000, Currency.XOF, null);
        EventType type = EventType.PAYMENT_INTENT_SUCCESSFUL;
        EventEnvelope event = EventBodies.envelope(context.getBean(JsonMapper.class),
                new StatusEvent(StatusEvents.eventId(Ids.next("rec_"), type, intent.id()), type, now, intent, null));
        return new WebhookDispatcher.Message(Ids.next("msg_"), event.body(), Map.of());
    }

    /** Hands every queued message to {@code dispatcher} when the clock reaches it; a failed one comes back. */
    static void runQueue(WebhookDispatcher dispatcher) {
        for (SqsLikeQueue.Sent s = queue.next(); s != null; s = queue.next()) {
            if (s.visibleAt().isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), s.visibleAt()));
            }
            if (!dispatcher.dispatch(List.of(s.message())).isEmpty()) {
                queue.again(s.message());
            }
        }
    }

    /**
     * The other endpoint's notices: exactly one, of the same event every time the announcement was made;
     * {@code queued} messages for it (a re-made announcement queues none once the notice is delivered).
     */
    static void assertAnnouncedOnce(WebhookReceiver other, WebhookEndpoint failing, WebhookEndpoint told, int queued)
            throws Exception {
        assertEquals(1, other.requests().size(), "one notice");
        JsonNode notice = new ObjectMapper().readTree(other.requests().get(0).body());
        assertEquals("webhook_endpoint.disabled", notice.get("type").asText());
        assertEquals(failing.id(), notice.get("data").get("id").asText());
        String eventId = notice.get("id").asText();
        List<DeliveryMessage> toTold = queue.all.stream().filter(m -> m.endpointId().equals(told.id())).toList();
        assertEquals(queued, toTold.size(), toTold.toString());
        assertTrue(toTold.stream().allMatch(m -> m.eventId().equals(eventId)), "the same event: " + toTold);
        assertEquals(Delivery.Status.SUCCEEDED,
                context.getBean(DeliveryLog.class).delivery(eventId, told.id()).orElseThrow().status());
        assertFalse(stored(failing).announcementPending(), "announced: no longer owed");
        assertEquals(1, alarms.raised.size(), "raised once the re-drive made it");
        assertTrue(alarms.raised.get(0).contains(failing.id()));
    }

    @Test
    void anAnnouncementWhoseAlarmFailsIsMadeAgainWhenTheMessageThatDisabledTheEndpointComesBack() throws Exception {
        alarms.raised.clear();
        queue.all.clear();
        WebhookDispatcher dispatcher = dispatcher(RetryPolicy.standard());
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver down = receiver(503);
        WebhookReceiver other = receiver(200);
        WebhookEndpoint failing = subscribe(merchant, down.url(), EventType.PAYMENT_INTENT_SUCCESSFUL);
        WebhookEndpoint told = subscribe(merchant, other.url(), EventType.WEBHOOK_ENDPOINT_DISABLED);
        assertFalse(health.failed(failing, clock.instant(), false)); // its failure clock starts
        clock.advance(Duration.ofDays(3));

        alarms.failures.set(1);
        WebhookDispatcher.Message message = topicMessage(merchant);
        assertEquals(Set.of(message.id()), dispatcher.dispatch(List.of(message)),
                "the announcement failed: the message that disabled the endpoint is received again");
        WebhookEndpoint disabled = stored(failing);
        assertEquals(WebhookEndpoint.Status.DISABLED, disabled.status());
        assertTrue(disabled.announcementPending(), "owed, durably");
        assertTrue(alarms.raised.isEmpty());

        clock.advance(Duration.ofSeconds(30)); // the visibility timeout
        assertTrue(dispatcher.dispatch(List.of(message)).isEmpty(), "made again on the copy");
        runQueue(dispatcher);
        assertAnnouncedOnce(other, failing, told, 2); // queued by the first making and again by the re-made one
        assertTrue(down.requests().stream().noneMatch(r -> r.body().contains("webhook_endpoint.disabled")));

        // owed no more: another event of the merchant does not announce it again
        assertTrue(dispatcher.dispatch(List.of(topicMessage(merchant))).isEmpty());
        runQueue(dispatcher);
        assertEquals(1, other.requests().size());
        assertEquals(1, alarms.raised.size());
    }

    @Test
    void anEndpointDisabledByItsLastAttemptDeadLettersItEvenIfTheAnnouncementFailsAndAnnouncesOnTheCopy()
            throws Exception {
        alarms.raised.clear();
        queue.all.clear();
        int deadBefore = queue.deadLetters.size();
        int redeliveredBefore = queue.redelivered.get();
        WebhookDispatcher dispatcher = dispatcher(new RetryPolicy(Duration.ofSeconds(60), 2.0, 2)); // 2 attempts
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver down = receiver(503);
        WebhookReceiver other = receiver(200);
        WebhookEndpoint failing = subscribe(merchant, down.url(), EventType.PAYMENT_INTENT_SUCCESSFUL);
        WebhookEndpoint told = subscribe(merchant, other.url(), EventType.WEBHOOK_ENDPOINT_DISABLED);
        assertFalse(health.failed(failing, clock.instant(), false));
        clock.advance(Duration.ofDays(3).minusSeconds(30)); // the first attempt is not due; its retry, the last, is

        alarms.failures.set(1);
        WebhookDispatcher.Message message = topicMessage(merchant);
        assertTrue(dispatcher.dispatch(List.of(message)).isEmpty());
        assertEquals(WebhookEndpoint.Status.ENABLED, stored(failing).status());
        runQueue(dispatcher);

        assertEquals(2, down.requests().size());
        EventEnvelope event = EventEnvelope.parse(context.getBean(JsonMapper.class), message.body());
        assertEquals(Delivery.Status.FAILED,
                context.getBean(DeliveryLog.class).delivery(event.id(), failing.id()).orElseThrow().status());
        List<DeliveryMessage> dead = queue.deadLetters.subList(deadBefore, queue.deadLetters.size());
        assertEquals(1, dead.size(), "dead-lettered before the health work that failed");
        assertEquals(event.id(), dead.get(0).eventId());
        assertEquals(failing.id(), dead.get(0).endpointId());
        assertEquals(1, queue.redelivered.get() - redeliveredBefore, "the last attempt's message came back once");
        assertEquals(WebhookEndpoint.Status.DISABLED, stored(failing).status());
        // the notice, queued by the first making, was delivered before the copy came back: not queued again
        assertAnnouncedOnce(other, failing, told, 1);
    }
}

package io.cauri.webhookdispatcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.webhook.DeliveryLog;
import io.cauri.stream.EventBodies;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventPublisher;
import io.cauri.event.EventType;
import io.cauri.event.StatusEvent;
import io.cauri.event.StatusEvents;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One intent's events reach an endpoint in sequence order however the queue hands them over (here announced
 * newest first), a later event waits for an earlier one at most the order wait, and an event announced as a
 * claim check is delivered whole from the delivery log. Events are logged first, as the stream publisher does.
 * Order wait here 3 s ({@code -Dtest.order-wait=0s} turns the ordering off, to see the test fail without it).
 */
class WebhookOrderTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static DispatcherFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of("cauri.webhooks.order-wait", System.getProperty("test.order-wait", "3s"))).start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static PaymentIntent stored(PaymentIntent i, IntentStatus status, long version, Instant at, List<Payment> payments) {
        return new PaymentIntent(i.id(), i.merchantId(), i.mode(), i.createdAt(), at, i.purchaseReference(),
                i.customerReference(), status, i.amount(), i.currency(), payments, null, null, null, version, i.details());
    }

    /** The events of three writes of one intent: created, action required, successful. */
    static List<EventEnvelope> threeWrites(String merchant) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent open = PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX, t, "order-1", "cust-1",
                1000, Currency.XOF, null);
        JsonMapper json = fixture.context.getBean(JsonMapper.class);
        List<EventEnvelope> events = new ArrayList<>();
        IntentStatus[] statuses = {IntentStatus.PAYMENT_REQUIRED, IntentStatus.ACTION_REQUIRED, IntentStatus.SUCCESSFUL};
        EventType[] types = {EventType.PAYMENT_INTENT_CREATED, EventType.PAYMENT_INTENT_ACTION_REQUIRED,
                EventType.PAYMENT_INTENT_SUCCESSFUL};
        for (int v = 1; v <= 3; v++) {
            PaymentIntent intent = stored(open, statuses[v - 1], v, t.plusMillis(v), List.of());
            events.add(EventBodies.envelope(json, new StatusEvent(StatusEvents.eventId(Ids.next("rec_"), types[v - 1], intent.id()),
                    types[v - 1], intent.updatedAt(), intent, null, StatusEvents.sequence(intent, 0))));
        }
        return events;
    }

    @Test
    void oneIntentsEventsAnnouncedNewestFirstReachTheEndpointInSequenceOrder() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());
        List<EventEnvelope> events = threeWrites(merchant);
        DeliveryLog log = fixture.context.getBean(DeliveryLog.class);
        events.forEach(log::recordEvent);
        EventPublisher topic = fixture.context.getBean(EventPublisher.class);
        for (int i = events.size() - 1; i >= 0; i--) {
            topic.publish(events.get(i));
        }

        List<WebhookReceiver.Request> requests = receiver.await(r -> r.size() >= 3, WAIT);
        assertEquals(events.stream().map(EventEnvelope::id).toList(),
                requests.stream().map(r -> r.header("webhook-id")).toList(), "delivered in sequence order");
        assertEquals(List.of(1000L, 2000L, 3000L), requests.stream().map(r -> sequence(r.body())).toList());
        assertEquals(events.get(2).body(), requests.get(2).body());
    }

    @Test
    void aLaterEventWaitsForAnEarlierOneAtMostTheOrderWait() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());
        List<EventEnvelope> events = threeWrites(merchant);
        DeliveryLog log = fixture.context.getBean(DeliveryLog.class);
        events.forEach(log::recordEvent);
        long start = System.nanoTime();
        fixture.context.getBean(EventPublisher.class).publish(events.get(1)); // the first one is never announced

        List<WebhookReceiver.Request> requests = receiver.await(r -> r.size() >= 1, WAIT);
        long waited = (System.nanoTime() - start) / 1_000_000;
        System.out.println("a later event whose earlier one never came was delivered after " + waited + " ms (order wait 3 s)");
        assertEquals(events.get(1).id(), requests.get(0).header("webhook-id"));
        assertTrue(waited < 10_000, "bounded: " + waited + " ms");
    }

    @Test
    void anEventAnnouncedAsAClaimCheckIsDeliveredWholeFromTheLog() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_CANCELED);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent open = PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX, t, "order-1", "cust-1",
                1000, Currency.XOF, null);
        String url = "https://payer.example/" + "y".repeat(2026);
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < 75; i++) {
            payments.add(new Payment(Ids.next(Ids.PAYMENT), open.id(), t, t, PaymentStatus.FAILED, 1000, Currency.XOF,
                    "mobile_money", "CI", "wave", "00000002", null, List.of(), null, null, null, url, url));
        }
        PaymentIntent canceled = stored(open, IntentStatus.CANCELED, 2, t.plusMillis(1), payments);
        JsonMapper json = fixture.context.getBean(JsonMapper.class);
        EventEnvelope event = EventBodies.envelope(json, new StatusEvent(StatusEvents.eventId(Ids.next("rec_"),
                EventType.PAYMENT_INTENT_CANCELED, open.id()), EventType.PAYMENT_INTENT_CANCELED, t, canceled, null, 2000));
        fixture.context.getBean(DeliveryLog.class).recordEvent(event);
        EventEnvelope announced = EventBodies.forTopic(json, event);
        assertTrue(announced.body().length() < 1024, "a claim check on the topic: " + announced.body().length() + " chars");
        fixture.context.getBean(EventPublisher.class).publish(announced);

        WebhookReceiver.Request request = receiver.await(r -> r.size() >= 1, WAIT).get(0);
        assertEquals(event.body(), request.body(), "the merchant gets the whole event");
        assertTrue(request.body().length() > 262_144, "larger than SNS would take: " + request.body().length());
    }

    static long sequence(String body) {
        try {
            return new ObjectMapper().readTree(body).get("sequence").asLong();
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}

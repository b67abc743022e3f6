package io.cauri.webhookdispatcher;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.webhook.WebhookRepository;
import io.cauri.merchant.Mode;
import io.cauri.testing.SampleEvents;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.testing.WebhookReceiver.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deliveries through SNS → SQS (the emulator) → the real dispatcher handler to local HTTP receivers: retries
 * with a stable webhook-id, 410, timeouts, exhaustion, filters, isolation between merchants and endpoints.
 * Retries here: 1 s apart, 3 attempts, 1 s timeout (configuration; 60 s × 2, 10 attempts, 10 s by default).
 */
class WebhookDispatcherTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static DispatcherFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of()).start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static String merchant() {
        return TestMerchants.fresh().merchantId();
    }

    static Delivery delivery(EventEnvelope event, WebhookEndpoint endpoint) {
        return fixture.context.getBean(DeliveryLog.class).delivery(event.id(), endpoint.id()).orElseThrow();
    }

    static WebhookEndpoint stored(WebhookEndpoint endpoint) {
        return fixture.context.getBean(WebhookRepository.class)
                .find(endpoint.merchantId(), endpoint.mode(), endpoint.id()).orElseThrow();
    }

    static void quietFor(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameWebhookIdAndDeliveredOnce() throws Exception {
        String merchant = merchant();
        WebhookReceiver receiver = fixture.receiver().answering(n -> Answer.status(n == 1 ? 500 : 200));
        WebhookEndpoints.WithSecret endpoint = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(),
                EventType.PAYMENT_INTENT_SUCCESSFUL);
        EventEnvelope event = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL);

        List<WebhookReceiver.Request> requests = receiver.await(r -> r.size() >= 2, WAIT);
        assertEquals(event.id(), requests.get(0).header("webhook-id"));
        assertEquals(event.id(), requests.get(1).header("webhook-id"));
        assertEquals(event.body(), requests.get(0).body());
        assertEquals(event.body(), requests.get(1).body());
        assertTrue(DispatcherFixture.verified(requests.get(1), endpoint.secret()));
        assertTrue(requests.get(1).at().isAfter(requests.get(0).at().plusMillis(900)), "the retry waited the back-off");

        quietFor(Duration.ofSeconds(3));
        assertEquals(2, receiver.requests().size(), "delivered once: no attempt after the 2xx");
        Delivery delivery = delivery(event, endpoint.endpoint());
        assertEquals(Delivery.Status.SUCCEEDED, delivery.status());
        assertEquals(2, delivery.attempts());
        assertEquals(List.of(500, 200), delivery.history().stream().map(Delivery.Attempt::responseStatus).toList());
    }

    @Test
    void gone410DisablesTheEndpointAtOnce() throws Exception {
        String merchant = merchant();
        WebhookReceiver receiver = fixture.receiver().answering(n -> Answer.status(410));
        WebhookEndpoints.WithSecret endpoint = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(),
                EventType.PAYMENT_INTENT_CREATED);
        EventEnvelope first = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED);
        receiver.await(r -> r.size() == 1, WAIT);
        quietFor(Duration.ofSeconds(3));
        assertEquals(1, receiver.requests().size(), "no retry after 410");
        WebhookEndpoint disabled = stored(endpoint.endpoint());
        assertEquals(WebhookEndpoint.Status.DISABLED, disabled.status());
        assertTrue(disabled.disabledReason().contains("410"), disabled.disabledReason());
        assertEquals(Delivery.Status.CANCELED, delivery(first, endpoint.endpoint()).status());

        fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED);
        quietFor(Duration.ofSeconds(3));
        assertEquals(1, receiver.requests().size(), "a disabled endpoint receives nothing");
    }

    @Test
    void anEndpointThatTimesOutIsRetried() {
        String merchant = merchant();
        WebhookReceiver receiver = fixture.receiver()
                .answering(n -> n == 1 ? Answer.slow(Duration.ofSeconds(3)) : Answer.status(204));
        WebhookEndpoints.WithSecret endpoint = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(),
                EventType.PAYMENT_SUCCESSFUL);
        EventEnvelope event = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_SUCCESSFUL);
        List<WebhookReceiver.Request> requests = receiver.await(r -> r.size() >= 2, WAIT);
        assertEquals(requests.get(0).header("webhook-id"), requests.get(1).header("webhook-id"));
        Delivery delivery = awaitStatus(event, endpoint.endpoint(), Delivery.Status.SUCCEEDED);
        assertEquals("timeout", delivery.history().get(0).error());
        assertNull(delivery.history().get(0).responseStatus());
        assertEquals(204, delivery.history().get(1).responseStatus());
    }

    @Test
    void afterTheLastAttemptTheEndpointIsFailingAndTheDeliveryDeadLettered() {
        String merchant = merchant();
        WebhookReceiver receiver = fixture.receiver().answering(n -> Answer.status(503));
        WebhookEndpoints.WithSecret endpoint = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(),
                EventType.PAYMENT_FAILED);
        EventEnvelope event = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_FAILED);
        receiver.await(r -> r.size() >= 3, WAIT);
        Delivery delivery = awaitStatus(event, endpoint.endpoint(), Delivery.Status.FAILED);
        assertEquals(3, delivery.attempts());
        assertEquals(3, receiver.requests().size());
        assertTrue(eventually(() -> stored(endpoint.endpoint()).failing()), "endpoint marked failing");
        assertEquals(WebhookEndpoint.Status.ENABLED, stored(endpoint.endpoint()).status(), "failing, not disabled");

        var sqs = fixture.events.fauxqs().sqs();
        List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(fixture.events.deadLetters().url())
                .maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertTrue(dead.stream().anyMatch(m -> m.body().contains(event.id()) && m.body().contains(endpoint.endpoint().id())),
                dead.toString());
    }

    @Test
    void onlySubscribedTypesAreDelivered() throws Exception {
        String merchant = merchant();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_FAILED);
        fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED);
        fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_SUCCESSFUL);
        EventEnvelope failed = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_FAILED);
        receiver.await(r -> r.size() >= 1, WAIT);
        quietFor(Duration.ofSeconds(2));
        assertEquals(List.of(failed.id()), receiver.requests().stream().map(r -> r.header("webhook-id")).toList());
    }

    @Test
    void anotherMerchantsOrModesEndpointNeverReceives() throws Exception {
        String a = merchant();
        String b = merchant();
        WebhookReceiver ofA = fixture.receiver();
        WebhookReceiver ofB = fixture.receiver();
        WebhookReceiver ofALive = fixture.receiver();
        fixture.subscribe(a, Mode.SANDBOX, ofA.url(), EventType.PAYMENT_INTENT_CREATED);
        fixture.subscribe(b, Mode.SANDBOX, ofB.url(), EventType.PAYMENT_INTENT_CREATED);
        fixture.subscribe(a, Mode.LIVE, ofALive.url(), EventType.PAYMENT_INTENT_CREATED);
        EventEnvelope event = fixture.publish(a, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED);
        ofA.await(r -> r.size() == 1, WAIT);
        quietFor(Duration.ofSeconds(2));
        assertEquals(event.id(), ofA.requests().get(0).header("webhook-id"));
        assertEquals(0, ofB.requests().size());
        assertEquals(0, ofALive.requests().size());
        assertEquals(1, fixture.context.getBean(DeliveryLog.class).eventsOfIntent(event.intentId()).get(0).deliveries().size(),
                "the live endpoint was not even considered");
    }

    @Test
    void aSlowEndpointDoesNotDelayAnother() {
        String merchant = merchant();
        WebhookReceiver slow = fixture.receiver().answering(n -> Answer.slow(Duration.ofSeconds(3)));
        WebhookReceiver fast = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, slow.url(), EventType.PAYMENT_INTENT_CANCELED);
        fixture.subscribe(merchant, Mode.SANDBOX, fast.url(), EventType.PAYMENT_INTENT_CANCELED);
        fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_CANCELED);
        var fastRequest = fast.await(r -> r.size() == 1, WAIT).get(0);
        var slowRequest = slow.await(r -> r.size() >= 1, WAIT).get(0);
        assertTrue(Duration.between(slowRequest.at(), fastRequest.at()).abs().toMillis() < 800,
                "both first attempts ran together");
    }

    @Test
    void aFinalStateEventPublishedTwiceReachesEachEndpointOnce() throws Exception {
        String merchant = merchant();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_SUCCESSFUL);
        EventEnvelope event = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL);
        fixture.context.getBean(io.cauri.event.EventPublisher.class).publish(event); // SNS at-least-once
        receiver.await(r -> r.size() >= 1, WAIT);
        quietFor(Duration.ofSeconds(3));
        assertEquals(1, receiver.requests().size());
    }

    @Test
    void theSampleSqsBatchIsDispatched() throws Exception {
        SampleEvents.storeDemoData();
        SQSEvent batch = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES).build()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(Path.of("../../events/webhook-dispatcher/sqs/webhook-queue-batch.json").toFile(), SQSEvent.class);
        assertEquals(2, batch.getRecords().size());
        // the first record is an event from the topic: the stream publisher logged it before announcing it (the
        // dispatcher logs only an event it delivers); the second, a retry of an event no longer logged
        var json = fixture.context.getBean(io.micronaut.json.JsonMapper.class);
        fixture.context.getBean(DeliveryLog.class).recordEvent(EventEnvelope.parse(json, batch.getRecords().get(0).getBody()));
        SQSBatchResponse response = fixture.handle(batch);
        assertEquals(List.of(), response.getBatchItemFailures());
        var logged = fixture.context.getBean(DeliveryLog.class).eventsOfIntent(SampleEvents.DEMO_INTENT);
        assertFalse(logged.isEmpty());
    }

    @Test
    void aMalformedMessageIsReportedAlone() {
        SQSEvent.SQSMessage bad = new SQSEvent.SQSMessage();
        bad.setMessageId("bad");
        bad.setBody("not json");
        bad.setMessageAttributes(Map.of());
        SQSEvent batch = new SQSEvent();
        batch.setRecords(List.of(bad));
        assertEquals(List.of("bad"), fixture.handle(batch).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    static boolean eventually(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    static Delivery awaitStatus(EventEnvelope event, WebhookEndpoint endpoint, Delivery.Status status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Delivery d = null;
        while (System.nanoTime() < deadline) {
            d = delivery(event, endpoint);
            if (d.status() == status) {
                return d;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("delivery never reached " + status + ": " + d);
    }
}

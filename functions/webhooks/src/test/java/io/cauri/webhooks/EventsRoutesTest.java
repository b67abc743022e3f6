package io.cauri.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.DeliveryMessage;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookRepository;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalRepositories;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /payment-intents/{id}/events} and {@code POST /events/{id}/resend} through the real handler. */
class EventsRoutesTest {
    static LocalEvents events;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        events = new LocalEvents(30);
        function = new LocalFunction(events.properties());
    }

    @BeforeEach
    void freshMerchant() {
        merchant = TestMerchants.fresh(); // each test has its own endpoints
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static ApiGatewayEvents sandbox(ApiGatewayEvents event) {
        return event.auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox");
    }

    static PaymentIntent intent() {
        return LocalRepositories.intents().create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant.merchantId(),
                Mode.SANDBOX, Instant.now().truncatedTo(ChronoUnit.MILLIS), "order-1", "cust-1", 1000, Currency.XOF, null));
    }

    static EventEnvelope logged(PaymentIntent intent, EventType type, int secondsLater) {
        String id = Ids.next(Ids.EVENT);
        String body = "{\"id\":\"" + id + "\",\"type\":\"" + type.wire() + "\",\"createdAt\":\"2026-11-21T10:15:30.123Z\","
                + "\"mode\":\"sandbox\",\"merchantId\":\"" + merchant.merchantId() + "\",\"data\":{\"id\":\"" + intent.id()
                + "\",\"status\":\"payment_required\"}}";
        EventEnvelope event = new EventEnvelope(id, type, merchant.merchantId(), Mode.SANDBOX, intent.id(),
                intent.createdAt().plusSeconds(secondsLater), body);
        function.context().getBean(DeliveryLog.class).recordEvent(event);
        return event;
    }

    static final java.util.concurrent.atomic.AtomicInteger ENDPOINTS = new java.util.concurrent.atomic.AtomicInteger();

    static WebhookEndpoint endpoint(String... types) {
        // one URL per endpoint: the same merchant may not subscribe the same URL twice
        String url = "https://shop.example/hooks/" + ENDPOINTS.incrementAndGet();
        String json = "{\"url\":\"" + url + "\",\"events\":[\"" + String.join("\",\"", types) + "\"]}";
        var created = function.handle(sandbox(ApiGatewayEvents.post("/webhooks", json)));
        assertEquals(201, created.status(), created.body());
        return function.context().getBean(WebhookRepository.class)
                .find(merchant.merchantId(), Mode.SANDBOX, created.json().get("id").asText()).orElseThrow();
    }

    static List<Message> queued() {
        List<Message> all = new ArrayList<>();
        List<Message> page;
        do {
            page = events.fauxqs().sqs().receiveMessage(r -> r.queueUrl(events.queue().url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            for (Message m : page) {
                events.fauxqs().sqs().deleteMessage(r -> r.queueUrl(events.queue().url()).receiptHandle(m.receiptHandle()));
            }
            all.addAll(page);
        } while (!page.isEmpty());
        return all;
    }

    /** Completes a delivery as the dispatcher would, with the given answer. */
    static void deliver(EventEnvelope event, WebhookEndpoint endpoint, int status, Delivery.Status outcome) {
        DeliveryLog log = function.context().getBean(DeliveryLog.class);
        log.open(event, endpoint, Instant.now());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String lease = log.lease(event.id(), endpoint.id(), 0, now, now.plusSeconds(30)).orElseThrow();
        log.recordAttempt(event.id(), endpoint.id(), lease, new Delivery.Attempt(1, now, status, null, 5), outcome, null);
    }

    @Test
    void anIntentsEventsWithTheirDeliveriesOldestFirst() {
        PaymentIntent intent = intent();
        WebhookEndpoint endpoint = endpoint("payment_intent.created", "payment_intent.successful");
        EventEnvelope created = logged(intent, EventType.PAYMENT_INTENT_CREATED, 0);
        EventEnvelope paid = logged(intent, EventType.PAYMENT_INTENT_SUCCESSFUL, 5);
        deliver(created, endpoint, 200, Delivery.Status.SUCCEEDED);

        var response = function.handle(sandbox(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/events")));
        assertEquals(200, response.status(), response.body());
        JsonNode list = response.json();
        assertEquals(2, list.size());
        assertEquals(created.id(), list.get(0).get("id").asText());
        assertEquals("payment_intent.created", list.get(0).get("type").asText());
        assertEquals(intent.id(), list.get(0).get("data").get("id").asText());
        JsonNode delivery = list.get(0).get("deliveries").get(0);
        assertEquals(endpoint.id(), delivery.get("webhookId").asText());
        assertEquals("succeeded", delivery.get("status").asText());
        assertEquals(1, delivery.get("attempts").asInt());
        assertEquals(200, delivery.get("history").get(0).get("responseStatus").asInt());
        assertEquals(paid.id(), list.get(1).get("id").asText());
        assertEquals(0, list.get(1).get("deliveries").size());
    }

    /** The list shows each event's correlationId as the log keeps it (docs/CONTRACT.md §5); none when unknown. */
    @Test
    void anEventsCorrelationIdIsListedWithIt() {
        PaymentIntent intent = intent();
        String requestId = Ids.next(Ids.REQUEST);
        EventEnvelope plain = logged(intent, EventType.PAYMENT_INTENT_CREATED, 0);
        EventEnvelope caused = new EventEnvelope(Ids.next(Ids.EVENT), EventType.PAYMENT_INTENT_CANCELED,
                merchant.merchantId(), Mode.SANDBOX, intent.id(), intent.createdAt().plusSeconds(5),
                plain.body().replace(plain.id(), "x"), 2000, requestId);
        function.context().getBean(DeliveryLog.class).recordEvent(caused);

        var response = function.handle(sandbox(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/events")));
        assertEquals(200, response.status(), response.body());
        JsonNode list = response.json();
        assertEquals(2, list.size(), response.body());
        assertEquals(plain.id(), list.get(0).get("id").asText());
        assertEquals(null, list.get(0).get("correlationId"));
        assertEquals(caused.id(), list.get(1).get("id").asText());
        assertEquals(requestId, list.get(1).get("correlationId").asText());
    }

    @Test
    void anotherMerchantsIntentOrModeIsNotFound() {
        PaymentIntent intent = intent();
        logged(intent, EventType.PAYMENT_INTENT_CREATED, 0);
        TestMerchants.Credentials other = TestMerchants.fresh();
        var asOther = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/events")
                .auth(other.merchantId(), other.sandboxKey(), "sandbox"));
        assertEquals(404, asOther.status());
        var live = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/events")
                .auth(merchant.merchantId(), merchant.liveKey(), "live"));
        assertEquals(404, live.status());
        assertEquals(401, function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/events")).status());
    }

    @Test
    void resendQueuesADeliveryPerSubscribedEndpointOnce() {
        queued();
        PaymentIntent intent = intent();
        WebhookEndpoint subscribed = endpoint("payment_intent.created");
        WebhookEndpoint other = endpoint("payment.failed");
        EventEnvelope event = logged(intent, EventType.PAYMENT_INTENT_CREATED, 0);

        var first = function.handle(sandbox(ApiGatewayEvents.post("/events/" + event.id() + "/resend", null)));
        assertEquals(202, first.status(), first.body());
        assertEquals(event.id(), first.json().get("id").asText());
        assertEquals(1, first.json().get("deliveries").size());
        assertEquals(subscribed.id(), first.json().get("deliveries").get(0).get("webhookId").asText());
        assertEquals("queued", first.json().get("deliveries").get(0).get("outcome").asText());

        List<Message> messages = queued();
        assertEquals(1, messages.size());
        assertEquals("delivery", messages.get(0).messageAttributes().get(DeliveryMessage.KIND_ATTRIBUTE).stringValue());
        assertTrue(messages.get(0).body().contains(event.id()) && messages.get(0).body().contains(subscribed.id()));
        assertTrue(!messages.get(0).body().contains(other.id()));

        var again = function.handle(sandbox(ApiGatewayEvents.post("/events/" + event.id() + "/resend", null)));
        assertEquals("already_pending", again.json().get("deliveries").get(0).get("outcome").asText());
        assertEquals(0, queued().size());
    }

    @Test
    void aDeliveredNonFinalEventIsResentButAFinalOneOnlyOnce() {
        queued();
        PaymentIntent intent = intent();
        WebhookEndpoint endpoint = endpoint("payment_intent.processing", "payment_intent.successful");
        EventEnvelope processing = logged(intent, EventType.PAYMENT_INTENT_PROCESSING, 1);
        EventEnvelope successful = logged(intent, EventType.PAYMENT_INTENT_SUCCESSFUL, 2);
        deliver(processing, endpoint, 200, Delivery.Status.SUCCEEDED);
        deliver(successful, endpoint, 200, Delivery.Status.SUCCEEDED);

        var resentProcessing = function.handle(sandbox(ApiGatewayEvents.post("/events/" + processing.id() + "/resend", null)));
        assertEquals("queued", resentProcessing.json().get("deliveries").get(0).get("outcome").asText());
        var resentFinal = function.handle(sandbox(ApiGatewayEvents.post("/events/" + successful.id() + "/resend", null)));
        assertEquals("already_delivered", resentFinal.json().get("deliveries").get(0).get("outcome").asText());
        assertEquals(1, queued().size());
    }

    @Test
    void aFailedFinalEventCanBeResent() {
        PaymentIntent intent = intent();
        WebhookEndpoint endpoint = endpoint("payment.failed");
        EventEnvelope failed = logged(intent, EventType.PAYMENT_FAILED, 1);
        deliver(failed, endpoint, 500, Delivery.Status.FAILED);
        var resent = function.handle(sandbox(ApiGatewayEvents.post("/events/" + failed.id() + "/resend", null)));
        assertEquals("queued", resent.json().get("deliveries").get(0).get("outcome").asText());
    }

    @Test
    void anotherMerchantsOrAnUnknownEventIsNotFound() {
        PaymentIntent intent = intent();
        EventEnvelope event = logged(intent, EventType.PAYMENT_INTENT_CREATED, 0);
        TestMerchants.Credentials other = TestMerchants.fresh();
        assertEquals(404, function.handle(ApiGatewayEvents.post("/events/" + event.id() + "/resend", null)
                .auth(other.merchantId(), other.sandboxKey(), "sandbox")).status());
        assertEquals(404, function.handle(sandbox(ApiGatewayEvents.post("/events/evt_nope/resend", null))).status());
    }
    /** Attempts recorded before errors were kinds hold the JDK's text: shown as the nearest kind, never as is. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "ConnectException: Connection refused to 10.0.0.7:6379 | connection_refused",
            "HttpTimeoutException: request timed out (10.0.0.7:6379) | timeout",
            "HttpConnectTimeoutException: HTTP connect timed out (10.0.0.7:6379) | timeout",
            "IOException: Connection reset (10.0.0.7:6379) | connection_error"})
    void theHistoryShowsErrorKindsNeverAnExceptionsText(String storedText, String kind) {
        PaymentIntent intent = intent();
        WebhookEndpoint endpoint = endpoint("payment_intent.created");
        EventEnvelope created = logged(intent, EventType.PAYMENT_INTENT_CREATED, 0);
        DeliveryLog log = function.context().getBean(DeliveryLog.class);
        log.open(created, endpoint, Instant.now());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String lease = log.lease(created.id(), endpoint.id(), 0, now, now.plusSeconds(30)).orElseThrow();
        // the JDK's text tells which internal ports answer
        log.recordAttempt(created.id(), endpoint.id(), lease, new Delivery.Attempt(1, now, null,
                storedText, 5), Delivery.Status.PENDING, now.plusSeconds(60));

        var response = function.handle(sandbox(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/events")));
        assertEquals(200, response.status(), response.body());
        JsonNode attempt = response.json().get(0).get("deliveries").get(0).get("history").get(0);
        assertEquals(kind, attempt.get("error").asText());
        assertFalse(response.body().contains("6379"), response.body());
    }
}

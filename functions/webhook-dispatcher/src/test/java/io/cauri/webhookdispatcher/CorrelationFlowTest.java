package io.cauri.webhookdispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.correlation.Correlation;
import io.cauri.event.EventType;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.payment.IntentLifecycle;
import io.cauri.store.TableNames;
import io.cauri.streampublisher.StreamPublisherHandler;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.MoneyOutBooks;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.transfer.Transfer;
import io.cauri.webhook.WebhookDeliveries;
import io.cauri.webhook.WebhookDispatcher;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correlation id from the write to the merchant's endpoint, each part real (DynamoDB Local and its streams, the
 * stream-publisher handler, the emulator's topic and queue, the dispatcher handler): what a change was written under
 * ({@link Correlation}, as the request filter, the queue handler and the sweep open it) is the
 * {@code Cauri-Correlation-Id} header and the body's {@code correlationId} of the events it causes — on every attempt,
 * the retries and a resend included, which read the event back from the log.
 */
class CorrelationFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static DispatcherFixture fixture;
    static StreamPublisherHandler publisher;
    static StreamPoller intents;
    static StreamPoller ledger;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of()).start();
        publisher = new StreamPublisherHandler(ApplicationContext.builder().properties(fixture.properties));
        intents = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> publisher.handleRequest(batch, new MockLambdaContext()), 100).start(100);
        ledger = DynamoDbLocal.shared().streamPoller(TableNames.defaults().ledger(),
                batch -> publisher.handleRequest(batch, new MockLambdaContext()), 100).start(100);
    }

    @AfterAll
    static void stop() {
        intents.close();
        ledger.close();
        publisher.close();
        fixture.close();
    }

    static JsonNode json(WebhookReceiver.Request request) {
        try {
            return JSON.readTree(request.body());
        } catch (Exception e) {
            throw new AssertionError(request.body(), e);
        }
    }

    static List<WebhookReceiver.Request> about(WebhookReceiver receiver, String objectId, String type) {
        return receiver.requests().stream()
                .filter(r -> json(r).get("data").get("id").asText().equals(objectId)
                        && json(r).get("type").asText().equals(type))
                .toList();
    }

    @Test
    void anIntentsEventCarriesTheIdItsWriteWasMadeUnderOnEveryAttemptAndOnAResend() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        // the first POST fails: the retry reads the event back from the log, and must carry the same id
        WebhookReceiver receiver = fixture.receiver().answering(n -> WebhookReceiver.Answer.status(n == 1 ? 500 : 200));
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_CREATED);

        String requestId = Ids.next(Ids.REQUEST);
        PaymentIntent intent;
        try (Correlation.Scope cause = Correlation.open(requestId)) {
            intent = fixture.context.getBean(IntentLifecycle.class).create(Caller.server(merchant, Mode.SANDBOX),
                    new IntentLifecycle.NewIntent("order-correl-1", "cust-1", 1000, Currency.XOF, null));
        }
        receiver.await(r -> about(receiver, intent.id(), "payment_intent.created").size() == 2, Duration.ofSeconds(30));
        List<WebhookReceiver.Request> attempts = about(receiver, intent.id(), "payment_intent.created");
        assertEquals(2, attempts.size(), "the failed attempt and its retry");
        for (WebhookReceiver.Request attempt : attempts) {
            assertEquals(requestId, attempt.header(WebhookDispatcher.CORRELATION_HEADER), "attempt " + attempt.number());
            assertEquals(requestId, json(attempt).get("correlationId").asText(), "the body says it too (and is signed)");
        }

        // a resend: a delivery message, the event read from the log again
        String eventId = json(attempts.get(0)).get("id").asText();
        var resent = fixture.context.getBean(WebhookDeliveries.class).resend(Caller.server(merchant, Mode.SANDBOX), eventId);
        assertTrue(resent.isPresent() && !resent.get().isEmpty(), String.valueOf(resent));
        receiver.await(r -> about(receiver, intent.id(), "payment_intent.created").size() == 3, Duration.ofSeconds(30));
        WebhookReceiver.Request again = about(receiver, intent.id(), "payment_intent.created").get(2);
        assertEquals(eventId, again.header("webhook-id"));
        assertEquals(requestId, again.header(WebhookDispatcher.CORRELATION_HEADER));
    }

    @Test
    void aTransfersEventCarriesTheIdItsWriteWasMadeUnder() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.TRANSFER_CREATED);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MoneyOutBooks.fund(merchant, Mode.SANDBOX, 50_000, t0);

        String requestId = Ids.next(Ids.REQUEST);
        Transfer transfer;
        try (Correlation.Scope cause = Correlation.open(requestId)) {
            transfer = MoneyOutBooks.createTransfer(merchant, Mode.SANDBOX, 10_000, t0.plusMillis(1));
        }
        receiver.await(r -> !about(receiver, transfer.id(), "transfer.created").isEmpty(), Duration.ofSeconds(30));
        WebhookReceiver.Request delivered = about(receiver, transfer.id(), "transfer.created").get(0);
        assertEquals(requestId, delivered.header(WebhookDispatcher.CORRELATION_HEADER));
        assertEquals(requestId, json(delivered).get("correlationId").asText());
    }

    @Test
    void aChangeWrittenOutsideAnyScopeHasNoCorrelationId() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.PAYMENT_INTENT_CREATED);
        PaymentIntent intent = fixture.context.getBean(IntentLifecycle.class).create(Caller.server(merchant, Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order-correl-2", "cust-1", 1000, Currency.XOF, null));
        receiver.await(r -> !about(receiver, intent.id(), "payment_intent.created").isEmpty(), Duration.ofSeconds(30));
        WebhookReceiver.Request delivered = about(receiver, intent.id(), "payment_intent.created").get(0);
        assertNull(delivered.header(WebhookDispatcher.CORRELATION_HEADER));
        assertNull(json(delivered).get("correlationId"));
    }
}

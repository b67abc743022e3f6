package io.cauri.webhookdispatcher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.event.EventType;
import io.cauri.id.Ids;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.cauri.refund.RefundStatus;
import io.cauri.store.TableNames;
import io.cauri.streampublisher.StreamPublisherHandler;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.MoneyOutBooks;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.WebhookEndpoints;
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
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refunds and transfers to merchants' endpoints, each part real: items written to DynamoDB Local's ledger table with
 * their postings (as the money-out operations write them); the ledger stream, read like the event source mapping,
 * feeds the real stream-publisher handler; the events go through the emulator's topic and queue to the real
 * dispatcher handler, which POSTs them, signed, to local receivers — only to endpoints subscribed to their type, one
 * object's events in order, and once each even when the stream delivers its records again.
 */
class MoneyOutWebhookFlowTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static DispatcherFixture fixture;
    static StreamPublisherHandler publisher;
    static StreamPoller stream;
    static final List<DynamodbEvent> batches = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of()).start();
        publisher = new StreamPublisherHandler(ApplicationContext.builder().properties(fixture.properties));
        stream = DynamoDbLocal.shared().streamPoller(TableNames.defaults().ledger(), batch -> {
            batches.add(batch);
            return publisher.handleRequest(batch, new MockLambdaContext());
        }, 100).start(100);
    }

    @AfterAll
    static void stop() {
        stream.close();
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

    static List<String> delivered(WebhookReceiver receiver, String objectId) {
        return receiver.requests().stream().filter(r -> r.header("webhook-id") != null).map(MoneyOutWebhookFlowTest::json)
                .filter(e -> e.get("data").get("id").asText().equals(objectId)).map(e -> e.get("type").asText()).toList();
    }

    @Test
    void aTransferAndARefundReachTheSubscribedEndpointsInOrderAndOnceEvenWhenTheStreamRepeatsItself() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        // the first POST fails: the object's next event must wait for it (per-object order)
        WebhookReceiver all = fixture.receiver().answering(n -> WebhookReceiver.Answer.status(n == 1 ? 500 : 200));
        WebhookEndpoints.WithSecret everything = fixture.subscribe(merchant, Mode.SANDBOX, all.url(),
                EventType.REFUND_CREATED, EventType.REFUND_SUCCEEDED, EventType.REFUND_FAILED,
                EventType.TRANSFER_CREATED, EventType.TRANSFER_SUCCEEDED, EventType.TRANSFER_FAILED);
        WebhookReceiver paidOnly = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, paidOnly.url(), EventType.TRANSFER_SUCCEEDED);
        WebhookReceiver intentsOnly = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, intentsOnly.url(), EventType.PAYMENT_INTENT_SUCCESSFUL);

        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        batches.clear();
        MoneyOutBooks.fund(merchant, Mode.SANDBOX, 50_000, t0);
        Transfer transfer = MoneyOutBooks.createTransfer(merchant, Mode.SANDBOX, 30_000, t0.plusMillis(1));
        Refund refund = MoneyOutBooks.createRefund(merchant, Mode.SANDBOX, 5_000, t0.plusMillis(2));
        transfer = MoneyOutBooks.settle(transfer, TransferStatus.SUCCESSFUL, t0.plusMillis(3));
        refund = MoneyOutBooks.settle(refund, RefundStatus.FAILED, t0.plusMillis(4));

        String transferId = transfer.id();
        String refundId = refund.id();
        all.await(r -> delivered(all, transferId).contains("transfer.succeeded")
                && delivered(all, refundId).contains("refund.failed"), Duration.ofSeconds(45));
        paidOnly.await(r -> r.size() == 1, Duration.ofSeconds(15));

        // what a redelivered stream record must not cause: the same batches handed to the publisher again
        List<DynamodbEvent> seen = List.copyOf(batches);
        assertTrue(seen.stream().mapToInt(b -> b.getRecords().size()).sum() >= 5, "the ledger stream's records");
        for (DynamodbEvent batch : seen) {
            assertEquals(List.of(), publisher.handleRequest(batch, new MockLambdaContext()).getBatchItemFailures());
        }
        Thread.sleep(4000); // the repeated events' time to cross the topic, the queue and the dispatcher

        List<WebhookReceiver.Request> ok = all.requests().stream().filter(r -> r.number() != 1).toList();
        List<String> transferTypes = ok.stream().map(MoneyOutWebhookFlowTest::json)
                .filter(e -> e.get("data").get("id").asText().equals(transferId)).map(e -> e.get("type").asText()).toList();
        List<String> refundTypes = ok.stream().map(MoneyOutWebhookFlowTest::json)
                .filter(e -> e.get("data").get("id").asText().equals(refundId)).map(e -> e.get("type").asText()).toList();
        assertEquals(List.of("transfer.created", "transfer.succeeded"), transferTypes, "in order, once each");
        assertEquals(List.of("refund.created", "refund.failed"), refundTypes, "in order, once each");
        assertEquals(5, all.requests().size(), "4 events, one of them twice (its first POST failed): "
                + all.requests().stream().map(r -> r.number() + ":" + json(r).get("type").asText()).toList());
        assertEquals(List.of("transfer.succeeded"), paidOnly.requests().stream().map(r -> json(r).get("type").asText()).toList(),
                "an endpoint gets only the types it subscribed to, once");
        assertEquals(List.of(), intentsOnly.requests());

        for (WebhookReceiver.Request request : all.requests()) {
            assertTrue(DispatcherFixture.verified(request, everything.secret()), "both signatures: " + request.headers());
            JsonNode event = json(request);
            assertEquals(request.header("webhook-id"), event.get("id").asText());
            assertEquals(merchant, event.get("merchantId").asText());
            assertEquals("sandbox", event.get("mode").asText());
        }
        JsonNode paid = json(paidOnly.requests().get(0)).get("data");
        assertEquals("successful", paid.get("status").asText());
        assertEquals(30_000, paid.get("amount").asLong());

        DeliveryLog log = fixture.context.getBean(DeliveryLog.class);
        for (String id : List.of(transferId, refundId)) {
            List<DeliveryLog.LoggedEvent> events = log.eventsOfIntent(id);
            assertEquals(2, events.size(), id);
            for (DeliveryLog.LoggedEvent e : events) {
                for (Delivery d : e.deliveries()) {
                    assertEquals(Delivery.Status.SUCCEEDED, d.status(), e.event().type().wire());
                }
            }
        }
        assertTrue(Ids.looksLike(Ids.TRANSFER, transferId));
    }
}

package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.event.EventEnvelope;
import io.cauri.id.Ids;
import io.cauri.localaws.Fauxqs;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.cauri.refund.RefundStatus;
import io.cauri.store.MoneyOutItems;
import io.cauri.store.TableNames;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.MoneyOutBooks;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import io.cauri.webhook.DeliveryLog;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refund and transfer events through the real stream-publisher handler, fed the ledger table's stream (DynamoDB
 * Local, read like the event source mapping — here without its filter, so the journal and balance records reach the
 * handler too), to the emulator's topic: exactly one event per change, logged before announced; the ledger's own
 * items announce nothing; a record delivered again yields the same events; a poison record is parked.
 */
class MoneyOutEventsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalEvents events;
    static Fauxqs.Queue failures;
    static StreamPublisherHandler handler;
    /** Every batch the handler got, and how many records each held (journal and balance ones included). */
    static final List<DynamodbEvent> batches = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        events = new LocalEvents(30);
        failures = events.fauxqs().createQueue("stream-failures-" + UUID.randomUUID().toString().substring(0, 8), 30);
        Map<String, Object> properties = new HashMap<>(events.properties());
        properties.put("cauri.events.failures-queue-url", failures.url());
        handler = new StreamPublisherHandler(ApplicationContext.builder().properties(properties));
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    static StreamPoller ledgerStream() {
        return DynamoDbLocal.shared().streamPoller(TableNames.defaults().ledger(), batch -> {
            batches.add(batch);
            return handler.handleRequest(batch, new MockLambdaContext());
        }, 100);
    }

    static List<Message> drain(Fauxqs.Queue queue, int expected) {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (all.size() < expected && System.nanoTime() < deadline) {
            List<Message> page = events.fauxqs().sqs().receiveMessage(r -> r.queueUrl(queue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages();
            for (Message m : page) {
                events.fauxqs().sqs().deleteMessage(r -> r.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
            }
            all.addAll(page);
        }
        return all;
    }

    /** What else arrives within {@code seconds} (nothing, when all was drained). */
    static List<Message> rest(Fauxqs.Queue queue, int seconds) {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            all.addAll(events.fauxqs().sqs().receiveMessage(r -> r.queueUrl(queue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
        }
        return all;
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    /** Polls until the stream is quiet (every record written so far handed over). */
    static void pollAll(StreamPoller poller) {
        int quiet = 0;
        while (quiet < 2) {
            quiet = poller.pollOnce() == 0 ? quiet + 1 : 0;
        }
    }

    /** The events announced, per object, in the order they left. */
    static Map<String, List<String>> typesByObject(List<Message> messages) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Message m : messages) {
            JsonNode e = json(m.body());
            out.computeIfAbsent(e.get("data").get("id").asText(), k -> new ArrayList<>()).add(e.get("type").asText());
        }
        return out;
    }

    @Test
    void aRefundAndTransfersGoingPendingToFinalYieldExactlyTheirEventsAndTheLedgersOwnItemsNone() {
        try (StreamPoller poller = ledgerStream()) {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String merchant = Ids.next("m_");
            MoneyOutBooks.fund(merchant, Mode.SANDBOX, 100_000, t0);
            Transfer paid = MoneyOutBooks.createTransfer(merchant, Mode.SANDBOX, 25_000, t0.plusMillis(1));
            paid = MoneyOutBooks.noteReference(paid, "orange-ref-1", t0.plusMillis(2));
            paid = MoneyOutBooks.settle(paid, TransferStatus.SUCCESSFUL, t0.plusMillis(3));
            Transfer returned = MoneyOutBooks.createTransfer(merchant, Mode.SANDBOX, 10_000, t0.plusMillis(4));
            returned = MoneyOutBooks.settle(returned, TransferStatus.FAILED, t0.plusMillis(5));
            Refund refused = MoneyOutBooks.createRefund(merchant, Mode.SANDBOX, 3_000, t0.plusMillis(6));
            refused = MoneyOutBooks.settle(refused, RefundStatus.FAILED, t0.plusMillis(7));
            Refund refunded = MoneyOutBooks.createRefund(merchant, Mode.SANDBOX, 2_000, t0.plusMillis(8));
            refunded = MoneyOutBooks.settle(refunded, RefundStatus.SUCCEEDED, t0.plusMillis(9));

            batches.clear();
            pollAll(poller);
            assertEquals(0, poller.retries(), "no record failed");
            List<String> sortKeys = batches.stream().flatMap(b -> b.getRecords().stream())
                    .map(r -> r.getDynamodb().getKeys().get("sk").getS()).toList();
            assertEquals(9, sortKeys.stream().filter(k -> k.startsWith("transfer#") || k.startsWith("refund#")).count(),
                    "4 creations, 1 reference noted, 4 final statuses");
            assertEquals(9, sortKeys.stream().filter(k -> k.startsWith("txn#")).count(), "the funding and 8 postings");
            assertTrue(sortKeys.stream().anyMatch(k -> k.startsWith("balance#")), "the handler got balance records too");

            List<Message> messages = drain(events.queue(), 8);
            assertEquals(Map.of(
                    paid.id(), List.of("transfer.created", "transfer.succeeded"),
                    returned.id(), List.of("transfer.created", "transfer.failed"),
                    refused.id(), List.of("refund.created", "refund.failed"),
                    refunded.id(), List.of("refund.created", "refund.succeeded")), typesByObject(messages));
            assertEquals(List.of(), rest(events.queue(), 3), "nothing else: no event for the reference note, "
                    + "the journal or the balances");

            DeliveryLog log = handler.getApplicationContext().getBean(DeliveryLog.class);
            for (Message m : messages) {
                JsonNode e = json(m.body());
                assertTrue(Ids.looksLike(Ids.EVENT, e.get("id").asText()), m.body());
                assertEquals(merchant, e.get("merchantId").asText());
                assertEquals("sandbox", e.get("mode").asText());
                assertEquals(e.get("type").asText(), m.messageAttributes().get("type").stringValue());
                assertEquals(merchant, m.messageAttributes().get("merchantId").stringValue());
                EventEnvelope logged = log.event(e.get("id").asText()).orElseThrow(() -> new AssertionError(
                        "logged before it was announced: " + m.body()));
                assertEquals(m.body(), logged.body(), "what was announced is what was logged");
                assertEquals(e.get("data").get("id").asText(), logged.intentId(), "ordered per refund or transfer");
            }
            List<DeliveryLog.LoggedEvent> ofPaid = log.eventsOfIntent(paid.id());
            assertEquals(List.of("transfer.created", "transfer.succeeded"),
                    ofPaid.stream().map(e -> e.event().type().wire()).toList());
            assertTrue(ofPaid.get(0).event().sequence() < ofPaid.get(1).event().sequence());

            JsonNode succeeded = body(messages, paid.id(), "transfer.succeeded");
            assertEquals("successful", succeeded.get("data").get("status").asText());
            assertEquals(25_000, succeeded.get("data").get("amount").asLong());
            assertEquals("XOF", succeeded.get("data").get("currency").asText());
            assertEquals(paid.reference(), succeeded.get("data").get("reference").asText());
            assertEquals("+2250700000001", succeeded.get("data").get("destination").get("msisdn").asText());
            assertEquals("orange", succeeded.get("data").get("destination").get("provider").asText());
            assertEquals(io.cauri.time.Timestamps.format(paid.updatedAt()), succeeded.get("createdAt").asText());
            assertNull(succeeded.get("data").get("failure"));
            assertEquals(3_000, succeeded.get("sequence").asLong(), "version 3 (created, reference noted, paid)");
            JsonNode created = body(messages, paid.id(), "transfer.created");
            assertEquals("pending", created.get("data").get("status").asText());
            assertEquals(io.cauri.time.Timestamps.format(paid.createdAt()), created.get("createdAt").asText());

            JsonNode failed = body(messages, returned.id(), "transfer.failed").get("data");
            assertEquals("failed", failed.get("status").asText());
            assertEquals("recipient_unreachable", failed.get("failure").get("code").asText());

            JsonNode refund = body(messages, refused.id(), "refund.failed").get("data");
            assertEquals("failed", refund.get("status").asText());
            assertEquals(refused.paymentId(), refund.get("paymentId").asText());
            assertEquals(refused.intentId(), refund.get("paymentIntentId").asText());
            assertEquals("provider_refused", refund.get("failure").get("code").asText());
            assertEquals("succeeded", body(messages, refunded.id(), "refund.succeeded").get("data").get("status").asText());
        }
    }

    static JsonNode body(List<Message> messages, String objectId, String type) {
        return messages.stream().map(m -> json(m.body()))
                .filter(e -> e.get("type").asText().equals(type) && e.get("data").get("id").asText().equals(objectId))
                .findFirst().orElseThrow(() -> new AssertionError(type + " of " + objectId));
    }

    @Test
    void aLedgerRecordDeliveredTwiceYieldsTheSameEvents() {
        try (StreamPoller poller = ledgerStream()) {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String merchant = Ids.next("m_");
            MoneyOutBooks.fund(merchant, Mode.SANDBOX, 5_000, t0);
            Transfer t = MoneyOutBooks.createTransfer(merchant, Mode.SANDBOX, 5_000, t0.plusMillis(1));
            MoneyOutBooks.settle(t, TransferStatus.SUCCESSFUL, t0.plusMillis(2));
            batches.clear();
            pollAll(poller);
            List<String> first = drain(events.queue(), 2).stream().map(m -> json(m.body()).get("id").asText()).toList();
            assertEquals(2, first.size());

            // Lambda delivers the same batches again (a retry after a timeout, say): the same event ids
            for (DynamodbEvent batch : List.copyOf(batches)) {
                StreamsEventResponse response = handler.handleRequest(batch, new MockLambdaContext());
                assertEquals(List.of(), response.getBatchItemFailures());
            }
            assertEquals(first, drain(events.queue(), 2).stream().map(m -> json(m.body()).get("id").asText()).toList());
        }
    }

    @Test
    void aLedgerRecordThatCanNeverBePublishedIsParkedAndSkippedWhileOtherTransfersEventsFlow() {
        try (StreamPoller poller = ledgerStream()) {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String merchant = Ids.next("m_");
            String poison = Ids.next(Ids.TRANSFER);
            // a transfer item no transfer maps from (an unknown status), written straight to the table
            Map<String, AttributeValue> item = new HashMap<>(MoneyOutItems.item(new Transfer(poison, merchant, Mode.SANDBOX,
                    "ref", 100, io.cauri.intent.Currency.XOF, null,
                    new io.cauri.transfer.Destination("mobile_money", "CI", "A", "+2250700000002", "mtn"),
                    TransferStatus.PENDING, null, null, null, null, t0, t0, 1L)));
            item.put("status", AttributeValue.fromS("exploded"));
            DynamoDbLocal.shared().client().putItem(r -> r.tableName(TableNames.defaults().ledger()).item(item));
            MoneyOutBooks.fund(merchant, Mode.SANDBOX, 1_000, t0);
            Transfer next = MoneyOutBooks.createTransfer(merchant, Mode.SANDBOX, 1_000, t0.plusMillis(1));

            pollAll(poller);
            assertEquals(0, poller.retries(), "the poison record is not retried at the head of the shard");
            List<Message> announced = drain(events.queue(), 1);
            assertEquals(List.of(next.id()), announced.stream().map(m -> json(m.body()).get("data").get("id").asText()).toList());
            List<Message> parked = drain(failures, 1);
            assertEquals(1, parked.size(), "the poison record is parked");
            JsonNode record = json(parked.get(0).body());
            assertEquals(poison, record.get("intentId").asText(), "the parked record names the transfer");
            assertTrue(record.get("error").asText().contains("exploded") || record.get("error").asText().length() > 0,
                    parked.get(0).body());
        }
    }

    @Test
    void theSampleLedgerStreamBatchBecomesATransfersTwoEventsAndNothingForItsPostings() throws Exception {
        DynamodbEvent batch = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
                .readValue(Path.of("../../events/stream-publisher/ledger-stream-batch.json").toFile(), DynamodbEvent.class);
        assertEquals(4, batch.getRecords().size());
        assertEquals(List.of(), handler.handleRequest(batch, new MockLambdaContext()).getBatchItemFailures());
        List<Message> messages = drain(events.queue(), 2);
        assertEquals(List.of("transfer.created", "transfer.succeeded"),
                messages.stream().map(m -> json(m.body()).get("type").asText()).toList());
        assertEquals(List.of(), rest(events.queue(), 3));
        JsonNode paid = json(messages.get(1).body());
        assertEquals("tr_SampleTransfer0000001", paid.get("data").get("id").asText());
        assertEquals("m_demo", paid.get("merchantId").asText());
        assertEquals("successful", paid.get("data").get("status").asText());
    }
}

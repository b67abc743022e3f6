package io.cauri.streampublisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.webhook.DeliveryLog;
import io.cauri.event.EventEnvelope;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.Failure;
import io.cauri.intent.FailureCode;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.localaws.Fauxqs;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalRepositories;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One payer must not stall the event stream for every merchant: an intent however large (built here straight
 * in DynamoDB Local, past any cap on attempts) yields messages SNS accepts (at most 256 KiB), the large event
 * travelling as a claim check on the delivery log; and a record that can never be published is parked in the
 * stream-failures queue and skipped, while other intents' events flow.
 */
class BoundedEventsTest {
    static final int SNS_LIMIT = 262_144;
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalEvents events;
    static Fauxqs.Queue failures;
    static StreamPublisherHandler handler;

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

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    static PaymentIntent open(String merchant, Instant now) {
        return LocalRepositories.intents().create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX, now,
                "order-1", "cust-1", 1000, Currency.XOF, null));
    }

    /** {@code n} failed attempts, each with two redirection URLs of 2,048 characters, and the intent canceled. */
    static PaymentIntent bloat(PaymentIntent intent, int n, Instant now) {
        String url = "https://payer.example/" + "x".repeat(2048 - 22);
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            payments.add(new Payment(Ids.next(Ids.PAYMENT), intent.id(), now, now, PaymentStatus.FAILED, 1000, Currency.XOF,
                    "mobile_money", "CI", "wave", "00000002",
                    new Failure(FailureCode.values()[0], "failed", List.of()), List.of(), null, null, null, url, url));
        }
        return new PaymentIntent(intent.id(), intent.merchantId(), intent.mode(), intent.createdAt(), now,
                intent.purchaseReference(), intent.customerReference(), IntentStatus.CANCELED, intent.amount(),
                intent.currency(), payments, null, null, null, intent.version(), intent.details());
    }

    @Test
    void aBloatedIntentsEventsStayUnderTheSnsLimitAndOtherIntentsEventsFlow() {
        try (StreamPoller poller = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 100)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            PaymentIntent bloated = open(Ids.next("m_"), now);
            LocalRepositories.intents().update(bloat(bloated, 75, now.plusMillis(1)));
            PaymentIntent other = open(Ids.next("m_"), now.plusMillis(2));

            for (int i = 0; i < 5; i++) {
                poller.pollOnce();
            }
            assertEquals(0, poller.retries(), "no record failed");
            // created + 75 payment.failed + payment_intent.canceled, then the other merchant's created
            List<Message> messages = drain(events.queue(), 78);
            assertEquals(78, messages.size());
            int largest = 0;
            JsonNode canceled = null;
            for (Message m : messages) {
                largest = Math.max(largest, m.body().getBytes(StandardCharsets.UTF_8).length);
                JsonNode event = json(m.body());
                if (event.get("type").asText().equals("payment_intent.canceled")) {
                    canceled = event;
                }
                assertTrue(event.get("sequence").asLong() > 0, "every event has its intent's sequence: " + m.body());
            }
            System.out.println("bloated intent: largest message on the topic " + largest + " bytes (SNS limit " + SNS_LIMIT + ")");
            assertTrue(largest < SNS_LIMIT, "every message fits in SNS: " + largest);
            assertTrue(messages.stream().anyMatch(m -> json(m.body()).path("data").path("id").asText().equals(other.id())),
                    "the other merchant's intent was announced");

            assertTrue(canceled != null);
            assertNull(canceled.get("data"), "too large for the topic: a claim check");
            assertEquals("log", canceled.get("claimCheck").asText());
            assertEquals(bloated.id(), canceled.get("intentId").asText());
            EventEnvelope logged = handler.getApplicationContext().getBean(DeliveryLog.class)
                    .event(canceled.get("id").asText()).orElseThrow();
            System.out.println("bloated intent: its payment_intent.canceled event is " + logged.body().length()
                    + " bytes, in the delivery log");
            assertTrue(logged.body().length() > SNS_LIMIT, "the event itself is whole: " + logged.body().length());
            assertEquals(75, json(logged.body()).get("data").get("payments").size());
            assertEquals(canceled.get("sequence").asLong(), json(logged.body()).get("sequence").asLong());
        }
    }

    @Test
    void aRecordThatCanNeverBePublishedIsParkedAndSkippedWhileOtherIntentsEventsFlow() {
        try (StreamPoller poller = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 100)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String poison = Ids.next(Ids.INTENT);
            // an item no intent maps from (an unknown status), written straight to the table
            DynamoDbLocal.shared().client().putItem(r -> r.tableName(TableNames.defaults().intents()).item(Map.of(
                    "id", AttributeValue.fromS(poison), "merchantMode", AttributeValue.fromS("m_x#SANDBOX"),
                    "status", AttributeValue.fromS("exploded"), "version", AttributeValue.fromN("1"))));
            PaymentIntent next = open(Ids.next("m_"), now);

            int accepted = poller.pollOnce() + poller.pollOnce();
            assertEquals(0, poller.retries(), "the poison record is not retried at the head of the shard");
            assertEquals(2, accepted);
            List<Message> announced = drain(events.queue(), 1);
            assertEquals(List.of(next.id()), announced.stream().map(m -> json(m.body()).get("data").get("id").asText()).toList());
            List<Message> parked = drain(failures, 1);
            assertEquals(1, parked.size(), "the poison record is parked");
            JsonNode record = json(parked.get(0).body());
            assertEquals(poison, record.get("intentId").asText());
            assertTrue(record.get("sequenceNumber").asText().length() > 0, parked.get(0).body());
        }
    }
}

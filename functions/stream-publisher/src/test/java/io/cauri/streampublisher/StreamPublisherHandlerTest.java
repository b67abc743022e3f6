package io.cauri.streampublisher;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
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
import software.amazon.awssdk.services.sqs.model.Message;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream-publisher Lambda fed stream batches — the sample batch, and DynamoDB Local's own stream through
 * {@link StreamPoller} (the event source mapping) — publishing to the emulator's topic, read back from a
 * queue subscribed with raw delivery.
 */
class StreamPublisherHandlerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalEvents events;
    static StreamPublisherHandler handler;

    @BeforeAll
    static void start() {
        events = new LocalEvents(30);
        Map<String, Object> properties = new HashMap<>(events.properties());
        properties.put("test.crash-publisher", "true");
        handler = new StreamPublisherHandler(ApplicationContext.builder().properties(properties));
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    static List<Message> drain(int expected) {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (all.size() < expected && System.nanoTime() < deadline) {
            List<Message> page = events.fauxqs().sqs().receiveMessage(r -> r.queueUrl(events.queue().url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages();
            for (Message m : page) {
                events.fauxqs().sqs().deleteMessage(r -> r.queueUrl(events.queue().url()).receiptHandle(m.receiptHandle()));
            }
            all.addAll(page);
        }
        return all;
    }

    static JsonNode json(Message m) {
        try {
            return JSON.readTree(m.body());
        } catch (Exception e) {
            throw new AssertionError(m.body(), e);
        }
    }

    @Test
    void theSampleStreamBatchBecomesFiveEventsInOrder() throws Exception {
        DynamodbEvent batch = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
                .readValue(Path.of("../../events/stream-publisher/intents-stream-batch.json").toFile(), DynamodbEvent.class);
        assertEquals(3, batch.getRecords().size());
        StreamsEventResponse response = handler.handleRequest(batch, new MockLambdaContext());
        assertEquals(List.of(), response.getBatchItemFailures());

        List<Message> messages = drain(5);
        assertEquals(List.of("payment_intent.created", "payment.action_required", "payment_intent.action_required",
                        "payment.successful", "payment_intent.successful"),
                messages.stream().map(m -> json(m).get("type").asText()).toList());
        for (Message m : messages) {
            JsonNode event = json(m);
            assertTrue(Ids.looksLike(Ids.EVENT, event.get("id").asText()), m.body());
            assertEquals("m_demo", event.get("merchantId").asText());
            assertEquals("sandbox", event.get("mode").asText());
            assertNull(event.get("data").get("token"), "no client token in events");
            assertEquals(event.get("type").asText(), m.messageAttributes().get("type").stringValue());
            assertEquals("m_demo", m.messageAttributes().get("merchantId").stringValue());
            assertEquals("sandbox", m.messageAttributes().get("mode").stringValue());
        }
        JsonNode paid = json(messages.get(4)).get("data");
        assertEquals("pi_z1urYtVFgEebtcj8fxp4v", paid.get("id").asText());
        assertEquals("successful", paid.get("status").asText());
        assertEquals("successful", paid.get("payments").get(0).get("status").asText());
        assertEquals("2026-11-21T10:15:45.789Z", json(messages.get(4)).get("createdAt").asText());
        JsonNode payment = json(messages.get(3)).get("data");
        assertEquals("pay_SampleAttempt00000001", payment.get("id").asText());
        assertEquals("pi_z1urYtVFgEebtcj8fxp4v", payment.get("intentId").asText());

        // the same batch again (a Lambda retry): the same ids
        handler.handleRequest(batch, new MockLambdaContext());
        assertEquals(messages.stream().map(m -> json(m).get("id").asText()).toList(),
                drain(5).stream().map(m -> json(m).get("id").asText()).toList());
    }

    @Test
    void aPublisherKilledOnRecordKResumesFromKWithTheSameIdsAndLosesNothing() {
        try (StreamPoller poller = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 10)) {
            List<String> intentIds = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            String merchant = Ids.next("m_");
            for (int i = 0; i < 5; i++) {
                PaymentIntent intent = LocalRepositories.intents().create(PaymentIntent.open(Ids.next(Ids.INTENT),
                        merchant, Mode.SANDBOX, now, "order-" + i, "cust-1", 1000 + i, Currency.XOF, null));
                intentIds.add(intent.id());
            }
            CrashingPublisher.crashOnIntent.set(intentIds.get(2)); // record k = 3rd of the batch

            int first = poller.pollOnce();
            assertEquals(2, first, "records before k were accepted");
            assertEquals(1, poller.retries());
            int second = poller.pollOnce();
            assertEquals(3, second, "records k.. were delivered again and published");

            List<Message> messages = drain(5);
            assertEquals(5, messages.size());
            List<String> published = messages.stream().map(m -> json(m).get("data").get("id").asText()).toList();
            assertEquals(intentIds, published, "each intent announced once, in stream order");
            List<String> ids = messages.stream().map(m -> json(m).get("id").asText()).toList();
            assertEquals(5, new HashSet<>(ids).size());
            assertTrue(ids.contains(CrashingPublisher.refused.get(0)),
                    "the record re-delivered after the crash yields the id it had: " + CrashingPublisher.refused);
            assertFalse(drain(1).size() > 0, "nothing published twice");
        }
    }
}

package io.cauri.streampublisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.aws.SnsEventPublisher;
import io.cauri.event.EventType;
import io.cauri.localaws.Fauxqs;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoWebhookRepository;
import io.cauri.store.TableNames;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalRepositories;
import io.cauri.webhook.WebhookEndpoint;
import io.cauri.webhook.WebhookRepository;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The stream publisher announces a stream batch's events in PublishBatch requests of up to ten (SNS bills per
 * request), after logging them all, and maps a failed entry back to its record: the batch resumes there, the
 * records before it are not announced again. DynamoDB Local's stream (through {@link StreamPoller}, the event
 * source mapping) and the emulator's topic; the SNS requests counted by {@link CountingSnsPublisher}'s client.
 */
class StreamPublisherBatchTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalEvents events;
    static StreamPublisherHandler handler;

    @BeforeAll
    static void start() {
        events = new LocalEvents(30);
        Map<String, Object> properties = new HashMap<>(events.properties());
        properties.put("test.counting-sns", "true");
        handler = new StreamPublisherHandler(ApplicationContext.builder().properties(properties));
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @BeforeEach
    void reset() {
        CountingSnsPublisher.requests.clear();
        CountingSnsPublisher.failEntryOf.set(null);
    }

    static List<String> createIntents(int n) {
        List<String> ids = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String merchant = Ids.next("m_");
        for (int i = 0; i < n; i++) {
            ids.add(LocalRepositories.intents().create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX,
                    now, "order-" + i, "cust-1", 1000 + i, Currency.XOF, null)).id());
        }
        return ids;
    }

    /** Every message on the queue until {@code expected} arrived (or 15 s), then whatever follows within a second. */
    static List<String> announcedIntents(int expected) {
        return announcedIntents(events.queue(), expected);
    }

    static List<String> announcedIntents(Fauxqs.Queue queue, int expected) {
        List<String> all = new ArrayList<>();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Message> page = events.fauxqs().sqs().receiveMessage(r -> r.queueUrl(queue.url())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message m : page) {
                events.fauxqs().sqs().deleteMessage(r -> r.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
                try {
                    JsonNode event = JSON.readTree(m.body());
                    all.add(event.get("data").get("id").asText());
                } catch (Exception e) {
                    throw new AssertionError(m.body(), e);
                }
            }
            if (page.isEmpty() && all.size() >= expected) {
                break;
            }
        }
        return all;
    }

    @Test
    void aBatchOfTwelveEventsTakesTwoSnsRequestsInStreamOrder() {
        try (StreamPoller poller = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 100)) {
            List<String> intentIds = createIntents(12); // 12 records, one payment_intent.created each

            assertEquals(12, poller.pollOnce());

            assertEquals(intentIds, announcedIntents(12), "each intent announced once, in stream order");
            assertEquals(List.of("PublishBatchRequest", "PublishBatchRequest"), CountingSnsPublisher.requests,
                    "ceil(12 / 10) requests, no single Publish");
        }
    }

    @Test
    void aFailedEntryResumesTheBatchAtItsRecordAndRepublishesNothingBeforeIt() {
        try (StreamPoller poller = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 100)) {
            List<String> intentIds = createIntents(6);
            CountingSnsPublisher.failEntryOf.set(intentIds.get(3)); // the 4th record's entry fails once

            assertEquals(3, poller.pollOnce(), "the records before the failed entry's were accepted");
            assertEquals(1, poller.retries(), "the batch was answered with the failed entry's record");
            assertEquals(3, poller.pollOnce(), "read again from that record, and published");

            List<String> announced = announcedIntents(6);
            // the 5th and 6th went out in the first request too, and again from the 4th on: at least once after
            // the failure, nothing before it twice
            assertEquals(intentIds.subList(0, 3), announced.subList(0, 3), "the records before it, once, in order");
            assertEquals(List.of(intentIds.get(4), intentIds.get(5), intentIds.get(3), intentIds.get(4), intentIds.get(5)),
                    announced.subList(3, announced.size()), "the failed record and those after it, again");
            assertEquals(List.of("PublishBatchRequest", "PublishBatchRequest"), CountingSnsPublisher.requests);
        }
    }

    /**
     * Each event is marked for the webhook queue's filter (template.yaml's, local-api's): its events reach the webhook
     * queue where an endpoint of the merchant and mode subscribes to their type and is enabled, or disabled with its
     * announcement owed (made again when such an event comes: docs/CONTRACT.md, section 5); the events of a merchant
     * with no endpoint, none subscribed to their type, only a disabled one owing nothing, or one in the other mode
     * stay out. The topic's other subscribers get every event.
     */
    @Test
    void theEventsNoEndpointWantsStayOutOfTheWebhookQueue() {
        Fauxqs.Queue webhooks = events.fauxqs().createQueue("webhooks-filtered-" + System.nanoTime(), 30);
        String subscription = events.fauxqs().subscribeRaw(events.topicArn(), webhooks,
                SnsEventPublisher.WEBHOOK_QUEUE_FILTER_POLICY);
        WebhookRepository endpoints = new DynamoWebhookRepository(LocalRepositories.enhancedClient(), TableNames.defaults());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String noEndpoint = Ids.next("m_");
        String otherType = Ids.next("m_");
        String subscribed = Ids.next("m_");
        String disabledOwing = Ids.next("m_");
        String disabledQuiet = Ids.next("m_");
        String otherMode = Ids.next("m_");
        endpoints.create(endpoint(otherType, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL));
        endpoints.create(endpoint(subscribed, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED));
        WebhookEndpoint owing = endpoints.create(endpoint(disabledOwing, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED));
        endpoints.update(owing.disabled("failing", now).withAnnouncementPending(true, now));
        WebhookEndpoint quiet = endpoints.create(endpoint(disabledQuiet, Mode.SANDBOX, EventType.PAYMENT_INTENT_CREATED));
        endpoints.update(quiet.disabled("410 Gone", now));
        endpoints.create(endpoint(otherMode, Mode.LIVE, EventType.PAYMENT_INTENT_CREATED));
        List<String> intentIds = new ArrayList<>();
        try (StreamPoller poller = DynamoDbLocal.shared().streamPoller(TableNames.defaults().intents(),
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 100)) {
            for (String merchant : List.of(noEndpoint, otherType, subscribed, disabledOwing, disabledQuiet, otherMode,
                    subscribed)) {
                intentIds.add(LocalRepositories.intents().create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant,
                        Mode.SANDBOX, now, "order", "cust-1", 1000, Currency.XOF, null)).id());
            }

            assertEquals(7, poller.pollOnce());

            assertEquals(intentIds, announcedIntents(7), "every event on the topic");
            assertEquals(List.of(intentIds.get(2), intentIds.get(3), intentIds.get(6)), announcedIntents(webhooks, 3),
                    "only the events an endpoint subscribes to on the webhook queue");
        } finally {
            events.fauxqs().sns().unsubscribe(r -> r.subscriptionArn(subscription));
        }
    }

    static WebhookEndpoint endpoint(String merchant, Mode mode, EventType subscribed) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return new WebhookEndpoint(Ids.next(Ids.WEBHOOK), merchant, mode, "https://shop.example/hooks",
                List.of(subscribed), null, Map.of(), WebhookEndpoint.Status.ENABLED, false, "local1.sealed", null, null,
                now, now, null, null);
    }
}

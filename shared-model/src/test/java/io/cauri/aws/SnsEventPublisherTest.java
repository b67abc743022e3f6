package io.cauri.aws;

import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.localaws.Fauxqs;
import io.cauri.event.EventPublisher;
import io.cauri.merchant.Mode;
import io.cauri.stream.PoisonRecordException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SNS adapter against the emulator: body as is, routing facts as message attributes, raw to SQS. */
class SnsEventPublisherTest {

    @Test
    void publishesTheBodyWithTypeMerchantAndModeAttributes() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-test", 5);
        fauxqs.subscribeRaw(topic, queue);

        String body = "{\"id\":\"evt_1\",\"type\":\"payment.successful\"}";
        new SnsEventPublisher(fauxqs.sns(), topic).publish(new EventEnvelope("evt_1", EventType.PAYMENT_SUCCESSFUL,
                "m_1", Mode.LIVE, "pi_1", Instant.now(), body));

        List<Message> messages = fauxqs.sqs().receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(5)
                .messageAttributeNames("All")).messages();
        assertEquals(1, messages.size());
        assertEquals(body, messages.get(0).body());
        assertEquals("payment.successful", messages.get(0).messageAttributes().get("type").stringValue());
        assertEquals("m_1", messages.get(0).messageAttributes().get("merchantId").stringValue());
        assertEquals("live", messages.get(0).messageAttributes().get("mode").stringValue());
        assertEquals(null, messages.get(0).messageAttributes().get("correlationId"), "none known, none sent");
    }

    @Test
    void addsTheCorrelationIdAttributeWhenTheEventHasOne() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-correlation-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-correlation-test", 5);
        fauxqs.subscribeRaw(topic, queue);

        String body = "{\"id\":\"evt_2\",\"type\":\"refund.created\",\"correlationId\":\"req_cause\"}";
        new SnsEventPublisher(fauxqs.sns(), topic).publish(new EventEnvelope("evt_2", EventType.REFUND_CREATED,
                "m_1", Mode.SANDBOX, "re_1", Instant.now(), body, 1000, "req_cause"));

        List<Message> messages = fauxqs.sqs().receiveMessage(r -> r.queueUrl(queue.url()).waitTimeSeconds(5)
                .messageAttributeNames("All")).messages();
        assertEquals(1, messages.size());
        assertEquals(body, messages.get(0).body());
        assertEquals("req_cause", messages.get(0).messageAttributes().get("correlationId").stringValue());
        assertEquals("refund.created", messages.get(0).messageAttributes().get("type").stringValue());
    }

    /** A client on the emulator that adds to {@code entriesPerRequest}, per request, its entries (0: a single Publish). */
    static SnsClient counted(Fauxqs fauxqs, List<Integer> entriesPerRequest) {
        return SnsClient.builder().endpointOverride(URI.create(fauxqs.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        entriesPerRequest.add(context.request() instanceof PublishBatchRequest batch
                                ? batch.publishBatchRequestEntries().size() : 0);
                    }
                })).build();
    }

    static List<EventEnvelope> events(String prefix, int n, int bodyChars) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "{\"id\":\"" + prefix + i + "\",\"pad\":\"" + "x".repeat(bodyChars) + "\"}";
            events.add(new EventEnvelope(prefix + i, EventType.PAYMENT_SUCCESSFUL, "m_1", Mode.LIVE, "pi_1",
                    Instant.now(), body));
        }
        return events;
    }

    static List<String> drain(Fauxqs fauxqs, Fauxqs.Queue queue, int expected) {
        List<String> bodies = new ArrayList<>();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (bodies.size() < expected && System.nanoTime() < deadline) {
            for (Message m : fauxqs.sqs().receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                fauxqs.sqs().deleteMessage(r -> r.queueUrl(queue.url()).receiptHandle(m.receiptHandle()));
                bodies.add(m.body());
            }
        }
        return bodies;
    }

    @Test
    void publishAllSendsUpToTenEventsARequestInOrder() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-batch-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-batch-test", 5);
        fauxqs.subscribeRaw(topic, queue);
        List<Integer> requests = new CopyOnWriteArrayList<>();
        List<EventEnvelope> events = events("evt_b", 23, 10);

        assertEquals(Optional.empty(), new SnsEventPublisher(counted(fauxqs, requests), topic).publishAll(events));

        assertEquals(List.of(10, 10, 3), requests, "ceil(23 / 10) PublishBatch requests");
        assertEquals(events.stream().map(EventEnvelope::body).toList(), drain(fauxqs, queue, 23));
    }

    @Test
    void publishAllKeepsEachRequestWithinSnsSizeLimit() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-size-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-size-test", 5);
        fauxqs.subscribeRaw(topic, queue);
        List<Integer> requests = new CopyOnWriteArrayList<>();
        List<EventEnvelope> events = events("evt_s", 4, 100_000); // 3 of them together pass SNS's 256 KB a request

        assertEquals(Optional.empty(), new SnsEventPublisher(counted(fauxqs, requests), topic).publishAll(events));

        assertEquals(List.of(2, 2), requests);
        assertEquals(events.stream().map(EventEnvelope::body).toList(), drain(fauxqs, queue, 4));
    }

    @Test
    void aRefusedEntryIsReportedAtItsIndexAsTheRefusalASinglePublishWouldThrow() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-refused-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-refused-test", 5);
        fauxqs.subscribeRaw(topic, queue);
        List<EventEnvelope> events = new ArrayList<>(events("evt_r", 3, 10));
        events.set(1, events("evt_big", 1, 300_000).get(0)); // larger than SNS takes: refused for what it is

        Optional<EventPublisher.Unpublished> failed = new SnsEventPublisher(fauxqs.sns(), topic).publishAll(events);

        assertEquals(1, failed.orElseThrow().index());
        assertTrue(PoisonRecordException.isDeterministic(failed.get().failure()), failed.get().failure().toString());
        assertEquals(List.of(events.get(0).body()), drain(fauxqs, queue, 1), "the event before it went out");
    }
    @Test
    void aBatchRefusedAsAWholeGoesOutOneByOneSoThatNoGoodEventIsParked() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-whole-refusal-test");
        Fauxqs.Queue queue = fauxqs.createQueue("events-publisher-whole-refusal-test", 5);
        fauxqs.subscribeRaw(topic, queue);
        List<EventEnvelope> events = events("evt_w", 4, 10);
        // SNS refusing the request itself (BatchRequestTooLong, as if the sizes were counted otherwise): a 400 that
        // names no entry, which the caller would otherwise take as the first event's fault and park its record
        SnsClient refusesBatches = SnsClient.builder().endpointOverride(URI.create(fauxqs.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof PublishBatchRequest) {
                            throw software.amazon.awssdk.services.sns.model.BatchRequestTooLongException.builder()
                                    .statusCode(400).message("The length of all the messages put together is more than the limit.")
                                    .build();
                        }
                    }
                })).build();

        assertEquals(Optional.empty(), new SnsEventPublisher(refusesBatches, topic).publishAll(events));

        assertEquals(events.stream().map(EventEnvelope::body).toList(), drain(fauxqs, queue, 4), "each sent alone, in order");
    }

    /**
     * The webhook queue, subscribed with template.yaml's filter, receives the events some endpoint may want and those
     * not marked (an earlier publisher's, or endpoints not read), not those no endpoint wants; a queue subscribed
     * without the filter (a merchant's own subscriber) receives them all. Batched or one by one, the same.
     */
    @Test
    void theWebhookQueuesFilterLeavesOutOnlyTheEventsNoEndpointWants() {
        Fauxqs fauxqs = Fauxqs.shared();
        String topic = fauxqs.createTopic("events-publisher-filter-test");
        Fauxqs.Queue webhooks = fauxqs.createQueue("events-publisher-filter-webhooks", 5);
        Fauxqs.Queue everything = fauxqs.createQueue("events-publisher-filter-everything", 5);
        fauxqs.subscribeRaw(topic, webhooks, SnsEventPublisher.WEBHOOK_QUEUE_FILTER_POLICY);
        fauxqs.subscribeRaw(topic, everything);
        List<EventEnvelope> events = events("evt_f", 6, 10);
        // wanted, not wanted, not known; twice
        java.util.Map<String, Boolean> want = new java.util.HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            want.put(events.get(i).id(), i % 3 == 0 ? Boolean.TRUE : i % 3 == 1 ? Boolean.FALSE : null);
        }
        SnsEventPublisher publisher = new SnsEventPublisher(fauxqs.sns(), topic);

        assertEquals(Optional.empty(), publisher.publishAll(events.subList(0, 3), e -> want.get(e.id())));
        publisher.publishAll(events.subList(3, 4), e -> want.get(e.id())); // a batch of one
        publisher.publishAll(events.subList(4, 6), e -> want.get(e.id()));

        assertEquals(List.of(events.get(0).body(), events.get(2).body(), events.get(3).body(), events.get(5).body()),
                drain(fauxqs, webhooks, 4));
        assertEquals(events.stream().map(EventEnvelope::body).toList(), drain(fauxqs, everything, 6));
        assertEquals(List.of(), drain(fauxqs, webhooks, 1), "nothing more reaches the webhook queue");
    }
}

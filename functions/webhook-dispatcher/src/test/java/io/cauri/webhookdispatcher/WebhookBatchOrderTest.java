package io.cauri.webhookdispatcher;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.event.StatusEvent;
import io.cauri.event.StatusEvents;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.stream.EventBodies;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.testing.WebhookReceiver.Answer;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.DeliveryMessage;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One intent's events to one endpoint that arrive in the same batch (a payment's events are written in quick
 * succession, some by one write) go out in that one dispatch, one after the other in sequence order, instead
 * of the later one coming back a second later; an earlier one that fails still holds the later one back; and
 * one endpoint's chain costs another endpoint nothing. The batch is handed to the handler directly (no poller),
 * so what the dispatcher sent to its queue stays there to be read.
 */
class WebhookBatchOrderTest {
    static DispatcherFixture fixture;

    @BeforeAll
    static void start() {
        // a 3 s timeout: long enough that a loaded machine's scheduling is not mistaken for a chain's wait
        fixture = new DispatcherFixture(Map.of("cauri.webhooks.timeout", "3s"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** The events of {@code writes} writes of one new intent, logged as the stream publisher does. */
    static List<EventEnvelope> writes(String merchant, int writes) {
        return writes(fixture, merchant, writes);
    }

    static List<EventEnvelope> writes(DispatcherFixture fixture, String merchant, int writes) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PaymentIntent open = PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX, t, "order-1", "cust-1",
                1000, Currency.XOF, null);
        JsonMapper json = fixture.context.getBean(JsonMapper.class);
        List<EventEnvelope> events = new ArrayList<>();
        for (int v = 1; v <= writes; v++) {
            // created, then action required (as often as asked), then successful if there are three or more
            int step = v == 1 ? 0 : v == writes && writes >= 3 ? 2 : 1;
            IntentStatus status = List.of(IntentStatus.PAYMENT_REQUIRED, IntentStatus.ACTION_REQUIRED,
                    IntentStatus.SUCCESSFUL).get(step);
            EventType type = List.of(EventType.PAYMENT_INTENT_CREATED, EventType.PAYMENT_INTENT_ACTION_REQUIRED,
                    EventType.PAYMENT_INTENT_SUCCESSFUL).get(step);
            PaymentIntent intent = WebhookOrderTest.stored(open, status, v, t.plusMillis(v), List.of());
            events.add(EventBodies.envelope(json, new StatusEvent(StatusEvents.eventId(Ids.next("rec_"), type,
                    intent.id()), type, intent.updatedAt(), intent, null, StatusEvents.sequence(intent, 0))));
        }
        events.forEach(fixture.context.getBean(DeliveryLog.class)::recordEvent);
        return events;
    }

    /** A batch of the events as the topic hands them over, newest first. */
    static SQSEvent newestFirst(List<EventEnvelope> events) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0; i--) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m-" + events.get(i).id());
            m.setBody(events.get(i).body());
            m.setMessageAttributes(Map.of());
            records.add(m);
        }
        SQSEvent batch = new SQSEvent();
        batch.setRecords(records);
        return batch;
    }

    /** The delivery messages for these events that the dispatcher put on its queue (read for a while). */
    static List<DeliveryMessage> queued(List<EventEnvelope> events, Duration during) {
        JsonMapper json = fixture.context.getBean(JsonMapper.class);
        List<String> ids = events.stream().map(EventEnvelope::id).toList();
        List<DeliveryMessage> found = new ArrayList<>();
        long deadline = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> received = fixture.events.fauxqs().sqs().receiveMessage(r -> r
                    .queueUrl(fixture.events.queue().url()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (Message m : received) {
                try {
                    DeliveryMessage d = json.readValue(m.body(), DeliveryMessage.class);
                    if (d != null && ids.contains(d.eventId())) {
                        found.add(d);
                    }
                } catch (Exception notADeliveryMessage) {
                    // another test's leftovers
                }
            }
        }
        return found;
    }

    @Test
    void oneIntentsEventsInOneBatchAreAllDeliveredByThatDispatchInSequenceOrder() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());
        List<EventEnvelope> events = writes(merchant, 3);

        SQSBatchResponse response = fixture.handle(newestFirst(events));

        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(events.stream().map(EventEnvelope::id).toList(),
                receiver.requests().stream().map(r -> r.header("webhook-id")).toList(),
                "all three delivered by the one dispatch, in sequence order");
        assertEquals(List.of(), queued(events, Duration.ofSeconds(3)), "nothing deferred");
    }

    @Test
    void aLaterEventOfTheBatchIsDeferredWhenTheEarlierOneFails() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver().answering(n -> n == 1 ? Answer.status(500) : Answer.status(200));
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());
        List<EventEnvelope> events = writes(merchant, 2);

        fixture.handle(newestFirst(events));

        assertEquals(List.of(events.get(0).id()), receiver.requests().stream().map(r -> r.header("webhook-id")).toList(),
                "the later event is not delivered before the earlier one");
        List<DeliveryMessage> queued = queued(events, Duration.ofSeconds(3));
        assertTrue(queued.stream().anyMatch(m -> m.eventId().equals(events.get(0).id()) && m.attempt() == 2),
                "the earlier one's retry: " + queued);
        assertTrue(queued.stream().anyMatch(m -> m.eventId().equals(events.get(1).id()) && m.attempt() == 1),
                "the later one deferred: " + queued);
    }

    @Test
    void aHangingEndpointsChainDoesNotDelayAnotherEndpoint() {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver hanging = fixture.receiver().answering(n -> Answer.slow(Duration.ofSeconds(10)));
        WebhookReceiver other = fixture.receiver();
        fixture.subscribe(merchant, Mode.SANDBOX, hanging.url(), EventType.values());
        fixture.subscribe(merchant, Mode.SANDBOX, other.url(), EventType.values());
        List<EventEnvelope> events = writes(merchant, 3);

        long start = System.nanoTime();
        fixture.handle(newestFirst(events));
        long took = (System.nanoTime() - start) / 1_000_000;

        List<WebhookReceiver.Request> got = other.requests();
        assertEquals(events.stream().map(EventEnvelope::id).toList(), got.stream().map(r -> r.header("webhook-id")).toList());
        Instant hangingFirst = hanging.requests().get(0).at();
        long lag = Duration.between(hangingFirst, got.get(2).at()).toMillis();
        System.out.println("the other endpoint had the third event " + lag + " ms after the hanging one's first request"
                + " (dispatch took " + took + " ms, timeout 3 s)");
        assertTrue(lag < 2_000, "not held by the hanging endpoint's 3 s timeout: " + lag + " ms");
        assertEquals(1, hanging.requests().size(), "the hanging endpoint's later events wait");
    }

    /** Dispatches the later event while another invocation is still making the earlier one's attempt. */
    static List<EventEnvelope> laterWhileEarlierUnderWayElsewhere(WebhookReceiver receiver) {
        String merchant = TestMerchants.fresh().merchantId();
        fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(), EventType.values());
        List<EventEnvelope> events = writes(merchant, 2);
        CompletableFuture<SQSBatchResponse> elsewhere =
                CompletableFuture.supplyAsync(() -> fixture.handle(newestFirst(events.subList(0, 1))));
        receiver.await(r -> r.size() >= 1, Duration.ofSeconds(20)); // the earlier one's attempt is under way
        fixture.handle(newestFirst(events.subList(1, 2)));
        elsewhere.join();
        return events;
    }

    @Test
    void aLaterEventFollowsAnEarlierOneAnotherInvocationIsDelivering() {
        WebhookReceiver receiver = fixture.receiver()
                .answering(n -> n == 1 ? Answer.slow(Duration.ofMillis(600)) : Answer.status(200));
        List<EventEnvelope> events = laterWhileEarlierUnderWayElsewhere(receiver);

        assertEquals(events.stream().map(EventEnvelope::id).toList(),
                receiver.requests().stream().map(r -> r.header("webhook-id")).toList(),
                "the later one delivered by its own invocation, after the earlier one");
        assertEquals(List.of(), queued(events, Duration.ofSeconds(3)), "nothing deferred");
    }

    @Test
    void aLaterEventIsDeferredWhenTheEarlierOneFailsInAnotherInvocation() {
        WebhookReceiver receiver = fixture.receiver()
                .answering(n -> n == 1 ? new Answer(500, Duration.ofMillis(600)) : Answer.status(200));
        List<EventEnvelope> events = laterWhileEarlierUnderWayElsewhere(receiver);

        assertEquals(List.of(events.get(0).id()), receiver.requests().stream().map(r -> r.header("webhook-id")).toList());
        List<DeliveryMessage> queued = queued(events, Duration.ofSeconds(3));
        assertTrue(queued.stream().anyMatch(m -> m.eventId().equals(events.get(1).id()) && m.attempt() == 1),
                "the later one deferred: " + queued);
    }
}

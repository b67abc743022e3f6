package io.cauri.webhookdispatcher;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.localaws.SqsPoller;
import io.cauri.merchant.Mode;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.testing.WebhookReceiver.Answer;
import io.cauri.webhook.DeliveryMessage;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hanging endpoint's later event is not dispatched again every second while the earlier one hangs: it comes
 * back when the earlier attempt has run twice as long, when its timeout is reached, then (the earlier one's retry
 * being a minute away) when its order wait ends, and goes. Every dispatch of a hanging chain is work the merchants
 * beside it share: dispatched every second for the whole order wait, a hanging merchant's payments slowed
 * everyone's events (bench/README.md, "Fourth pass: a hanging merchant's chain"). The queue's messages are handed
 * to the handler by the test as they become visible, as the event source mapping would, and counted.
 */
class WebhookHangingChainTest {
    static DispatcherFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of("cauri.webhooks.timeout", "2s", "cauri.webhooks.order-wait", "8s",
                "cauri.webhooks.retry.first-delay", "60s"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aHangingEndpointsLaterEventIsDispatchedAFewTimesNotEverySecondOfTheOrderWait() {
        WebhookReceiver hanging = fixture.receiver().answering(n -> Answer.slow(Duration.ofSeconds(30)));
        String merchant = TestMerchants.fresh().merchantId();
        fixture.subscribe(merchant, Mode.SANDBOX, hanging.url(), EventType.values());
        List<EventEnvelope> events = WebhookBatchOrderTest.writes(fixture, merchant, 2);
        String later = events.get(1).id();

        long start = System.nanoTime();
        CompletableFuture<SQSBatchResponse> elsewhere = CompletableFuture.supplyAsync(
                () -> fixture.handle(WebhookBatchOrderTest.newestFirst(events.subList(0, 1))));
        hanging.await(r -> r.size() >= 1, Duration.ofSeconds(20)); // the earlier one's attempt hangs
        fixture.handle(WebhookBatchOrderTest.newestFirst(events.subList(1, 2)));
        int dispatches = 1;
        JsonMapper json = fixture.context.getBean(JsonMapper.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
        while (hanging.requests().stream().noneMatch(r -> later.equals(r.header("webhook-id")))
                && System.nanoTime() < deadline) {
            List<Message> received = fixture.events.fauxqs().sqs().receiveMessage(r -> r
                    .queueUrl(fixture.events.queue().url()).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            for (Message m : received) {
                fixture.events.fauxqs().sqs().deleteMessage(r -> r.queueUrl(fixture.events.queue().url())
                        .receiptHandle(m.receiptHandle()));
                DeliveryMessage d = read(json, m.body());
                if (d != null && later.equals(d.eventId())) {
                    dispatches++;
                    fixture.handle(SqsPoller.event(fixture.events.queue().arn(), List.of(m)));
                }
            }
        }
        elsewhere.join();
        long took = (System.nanoTime() - start) / 1_000_000;

        List<String> order = hanging.requests().stream().map(r -> r.header("webhook-id")).toList();
        System.out.println("a hanging endpoint's later event was dispatched " + dispatches + " times and sent after "
                + took + " ms (timeout 2 s, order wait 8 s)");
        assertEquals(List.of(events.get(0).id(), later), order, "in order, each once");
        // dispatched every second, it was 8 or 9: the first (waiting a second for the earlier one), then every
        // second until the order wait's end; now the first, at twice the earlier attempt's age, at its timeout (and
        // the record's margin), at the order wait's end: 4, one more if a record is late on a loaded machine
        assertTrue(dispatches <= 5, "dispatched " + dispatches + " times");
        assertTrue(took >= 7_000, "held by the earlier one until about the order wait's end: " + took + " ms");
    }

    static DeliveryMessage read(JsonMapper json, String body) {
        try {
            return json.readValue(body, DeliveryMessage.class);
        } catch (Exception notADeliveryMessage) {
            return null;
        }
    }
}

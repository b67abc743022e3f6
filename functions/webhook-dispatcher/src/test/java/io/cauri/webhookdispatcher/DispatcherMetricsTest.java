package io.cauri.webhookdispatcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.event.EventEnvelope;
import io.cauri.event.EventType;
import io.cauri.merchant.Mode;
import io.cauri.testing.EmfLines;
import io.cauri.testing.TestMerchants;
import io.cauri.testing.WebhookReceiver;
import io.cauri.testing.WebhookReceiver.Answer;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.webhook.WebhookEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The business metrics the dispatcher emits, read from its output as CloudWatch reads Embedded Metric Format
 * lines: one delivery per attempt with its outcome and latency, and the lag of an event when it first
 * arrives from the topic (not again when its retry comes back as a delivery message).
 */
class DispatcherMetricsTest {
    static DispatcherFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DispatcherFixture(Map.of()).start();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aFailedThenDeliveredAttemptCountsBothOutcomesTheirLatencyAndOneLag() throws Exception {
        String merchant = TestMerchants.fresh().merchantId();
        WebhookReceiver receiver = fixture.receiver().answering(n -> n == 1 ? Answer.status(500)
                : new Answer(200, Duration.ofMillis(300)));
        WebhookEndpoints.WithSecret endpoint = fixture.subscribe(merchant, Mode.SANDBOX, receiver.url(),
                EventType.PAYMENT_INTENT_SUCCESSFUL);
        List<JsonNode> lines = EmfLines.parse(EmfLines.capture(() -> {
            EventEnvelope event = fixture.publish(merchant, Mode.SANDBOX, EventType.PAYMENT_INTENT_SUCCESSFUL);
            receiver.await(r -> r.size() >= 2, Duration.ofSeconds(20));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (fixture.context.getBean(DeliveryLog.class).delivery(event.id(), endpoint.endpoint().id()).orElseThrow()
                    .status() != Delivery.Status.SUCCEEDED && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500); // the settled attempt's lines are written before its record; let the poller go idle
        }));

        List<JsonNode> deliveries = EmfLines.withMetric(lines, "WebhookDeliveries");
        assertEquals(List.of("failed", "delivered"), deliveries.stream().map(l -> l.get("Outcome").asText()).toList());
        for (JsonNode line : deliveries) {
            assertEquals(1, line.get("WebhookDeliveries").asInt());
            assertEquals("Count", EmfLines.unit(line, "WebhookDeliveries"));
            assertEquals(List.of(List.of("Outcome")), EmfLines.dimensionSets(line, "WebhookDeliveries"));
            assertEquals("Cauri", EmfLines.namespace(line, "WebhookDeliveries"));
        }
        List<JsonNode> latencies = EmfLines.withMetric(lines, "WebhookDeliveryLatency");
        assertEquals(2, latencies.size(), "one per attempt");
        assertEquals("Milliseconds", EmfLines.unit(latencies.get(1), "WebhookDeliveryLatency"));
        assertEquals(List.of(List.of()), EmfLines.dimensionSets(latencies.get(1), "WebhookDeliveryLatency"));
        assertTrue(latencies.get(1).get("WebhookDeliveryLatency").asLong() >= 300, "the endpoint took 300 ms: " + latencies);

        List<JsonNode> lags = EmfLines.withMetric(lines, "DispatcherLag");
        assertEquals(1, lags.size(), "the event's first arrival only, not its retry: " + lags);
        assertEquals("Milliseconds", EmfLines.unit(lags.get(0), "DispatcherLag"));
        assertTrue(lags.get(0).get("DispatcherLag").asLong() >= 0 && lags.get(0).get("DispatcherLag").asLong() < 20_000,
                lags.toString());
    }
}

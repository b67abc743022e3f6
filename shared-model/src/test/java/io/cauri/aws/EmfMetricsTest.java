package io.cauri.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.intent.Currency;
import io.cauri.intent.Failure;
import io.cauri.intent.FailureCode;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.metrics.BusinessMetrics;
import io.cauri.testing.EmfLines;
import io.cauri.web.log.RequestLog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The EMF adapter and the request log's metrics, read back from their output as CloudWatch would read them
 * ({@link EmfLines}); and that check itself, which must refuse what CloudWatch would not extract.
 */
class EmfMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BusinessMetrics METRICS = new BusinessMetrics(new EmfMetrics());
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00.000Z");

    @Test
    void theCheckRefusesLinesCloudWatchWouldNotExtract() throws Exception {
        String valid = "{\"Mode\":\"live\",\"X\":1,\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Cauri\","
                + "\"Dimensions\":[[\"Mode\"]],\"Metrics\":[{\"Name\":\"X\",\"Unit\":\"Count\"}]}]}}";
        EmfLines.check(JSON.readTree(valid));
        for (String broken : List.of(valid.replace("\"X\":1,", ""), valid.replace("\"Mode\":\"live\",", ""),
                valid.replace("\"Unit\":\"Count\"", "\"Unit\":\"Ms\""), valid.replace("\"Timestamp\":1,", ""),
                valid.replace("\"X\":1", "\"X\":\"1\""), valid.replace("\"Namespace\":\"Cauri\",", ""))) {
            assertThrows(AssertionError.class, () -> EmfLines.check(JSON.readTree(broken)), broken);
        }
    }

    @Test
    void aRequestLineIsAlsoTheRoutesMetricsByFunctionAndRouteTemplate() throws Exception {
        String log = EmfLines.capture(() -> {
            RequestLog.write("req_1", null, "GET", "/payment-intents/url/{token}", 404, 12, null);
            RequestLog.write("req_2", null, "POST", "/payment-intents", 503, 30, "SdkClientException");
            RequestLog.write("req_3", null, "POST", "/payment-intents", 201, -1, null);
        });
        List<JsonNode> lines = EmfLines.parse(log);
        assertEquals(3, lines.size(), log);
        assertEquals(3, log.strip().split("\n").length, "one line per request, not a second one:\n" + log);
        for (JsonNode line : lines) {
            assertEquals("request", line.get("type").asText());
            assertEquals("local", line.get("Function").asText());
            assertEquals(line.get("route").asText(), line.get("Route").asText());
            for (String name : List.of("Requests", "ClientErrors", "ServerErrors", "Latency")) {
                assertEquals("Cauri", EmfLines.namespace(line, name));
                assertEquals(List.of(List.of("Function"), List.of("Function", "Route")), EmfLines.dimensionSets(line, name));
                assertEquals(name.equals("Latency") ? "Milliseconds" : "Count", EmfLines.unit(line, name));
            }
            assertEquals(1, line.get("Requests").asInt());
        }
        assertEquals("/payment-intents/url/{token}", lines.get(0).get("Route").asText());
        assertEquals(List.of(1, 0, 12), List.of(lines.get(0).get("ClientErrors").asInt(),
                lines.get(0).get("ServerErrors").asInt(), lines.get(0).get("Latency").asInt()));
        assertEquals(List.of(0, 1, 30), List.of(lines.get(1).get("ClientErrors").asInt(),
                lines.get(1).get("ServerErrors").asInt(), lines.get(1).get("Latency").asInt()));
        assertEquals(List.of(0, 0, 0), List.of(lines.get(2).get("ClientErrors").asInt(),
                lines.get(2).get("ServerErrors").asInt(), lines.get(2).get("Latency").asInt()));
    }

    @Test
    void anIntentsChangesCountCreationAttemptsOutcomesAndTimeToFinalStatus() throws Exception {
        PaymentIntent created = PaymentIntent.open("pi_1", "m_1", Mode.LIVE, T0, "o", "c", 1000, Currency.XOF, null);
        Payment processing = payment("pay_1", "CI", "mtn", PaymentStatus.PROCESSING, null, T0.plusSeconds(5));
        Payment failed = payment("pay_1", "CI", "mtn", PaymentStatus.FAILED,
                new Failure(FailureCode.CUSTOMER_INSUFFICIENT_FUNDS, "no", List.of()), T0.plusSeconds(17));
        Payment paid = payment("pay_2", "SN", "orange", PaymentStatus.SUCCESSFUL, null, T0.plusSeconds(30));

        List<JsonNode> lines = EmfLines.parse(EmfLines.capture(() -> {
            METRICS.intentChanged(null, created);
            METRICS.intentChanged(created, with(created, processing));
            METRICS.intentChanged(with(created, processing), with(created, failed));
            METRICS.intentChanged(with(created, failed), with(created, failed)); // no status change: nothing
            METRICS.intentChanged(with(created, failed), with(created, failed, paid)); // new and final at once
            METRICS.intentChanged(with(created, failed, paid), null); // a removal: nothing
        }));

        List<JsonNode> createdLines = EmfLines.withMetric(lines, "IntentsCreated");
        assertEquals(1, createdLines.size());
        assertEquals("live", createdLines.get(0).get("Mode").asText());
        assertEquals(List.of(List.of("Mode")), EmfLines.dimensionSets(createdLines.get(0), "IntentsCreated"));

        List<JsonNode> attempts = EmfLines.withMetric(lines, "PaymentAttempts");
        assertEquals(List.of("CI/mtn", "SN/orange"), attempts.stream()
                .map(l -> l.get("Country").asText() + "/" + l.get("Operator").asText()).toList());
        assertEquals(List.of(List.of("Mode", "Country", "Operator")), EmfLines.dimensionSets(attempts.get(0), "PaymentAttempts"));

        List<JsonNode> failures = EmfLines.withMetric(lines, "PaymentsFailed");
        assertEquals(1, failures.size());
        assertEquals("customer_insufficient_funds", failures.get(0).get("FailureCode").asText());
        assertEquals(List.of(List.of("Mode", "Country", "Operator"), List.of("Mode", "Country", "Operator", "FailureCode")),
                EmfLines.dimensionSets(failures.get(0), "PaymentsFailed"));

        List<JsonNode> successes = EmfLines.withMetric(lines, "PaymentsSucceeded");
        assertEquals(1, successes.size());
        assertEquals("orange", successes.get(0).get("Operator").asText());
        assertEquals("SN", successes.get(0).get("Country").asText());

        List<JsonNode> times = EmfLines.withMetric(lines, "TimeToFinalStatus");
        assertEquals(List.of(12_000L, 0L), times.stream().map(l -> l.get("TimeToFinalStatus").asLong()).toList());
        assertEquals("Milliseconds", EmfLines.unit(times.get(0), "TimeToFinalStatus"));
        assertEquals(List.of(List.of("Mode", "Operator")), EmfLines.dimensionSets(times.get(0), "TimeToFinalStatus"));
        assertEquals(1 + 2 + 1 + 1 + 2, lines.size(), "nothing else: " + lines);
    }

    @Test
    void deliveriesLagsAndDisabledEndpoints() throws Exception {
        List<JsonNode> lines = EmfLines.parse(EmfLines.capture(() -> {
            METRICS.webhookDelivery(true, 120);
            METRICS.webhookDelivery(false, 10_000);
            METRICS.streamPublisherLag(T0, T0.plusMillis(850));
            METRICS.dispatcherLag(T0, T0.minusMillis(5)); // clocks that disagree: never negative
            METRICS.webhookEndpointDisabled();
        }));
        assertEquals(List.of("delivered", "failed"), EmfLines.withMetric(lines, "WebhookDeliveries").stream()
                .map(l -> l.get("Outcome").asText()).toList());
        assertEquals(List.of(List.of("Outcome")), EmfLines.dimensionSets(lines.get(0), "WebhookDeliveries"));
        assertEquals(List.of(120L, 10_000L), EmfLines.withMetric(lines, "WebhookDeliveryLatency").stream()
                .map(l -> l.get("WebhookDeliveryLatency").asLong()).toList());
        JsonNode lag = EmfLines.withMetric(lines, "StreamPublisherLag").get(0);
        assertEquals(850, lag.get("StreamPublisherLag").asLong());
        assertEquals(List.of(List.of()), EmfLines.dimensionSets(lag, "StreamPublisherLag"));
        assertEquals(0, EmfLines.withMetric(lines, "DispatcherLag").get(0).get("DispatcherLag").asLong());
        assertEquals(1, EmfLines.withMetric(lines, "WebhookEndpointsDisabled").size());
        assertTrue(lines.stream().allMatch(l -> l.get("_aws").get("Timestamp").asLong() > T0.toEpochMilli()));
    }

    private static Payment payment(String id, String country, String operator, PaymentStatus status, Failure failure,
                                   Instant updatedAt) {
        Instant created = status == PaymentStatus.SUCCESSFUL ? updatedAt : T0.plusSeconds(5);
        return new Payment(id, "pi_1", created, updatedAt, status, 1000, Currency.XOF, "mobile_money", country, operator,
                "00000001", failure, List.of(), null, null, null, null, null);
    }

    private static PaymentIntent with(PaymentIntent i, Payment... payments) {
        return new PaymentIntent(i.id(), i.merchantId(), i.mode(), i.createdAt(), i.updatedAt(), i.purchaseReference(),
                i.customerReference(), i.status(), i.amount(), i.currency(), List.of(payments), i.nextAction(),
                i.lastPaymentFailure(), i.overrideBusinessName(), i.version(), i.details());
    }
}

package io.cauri.createintent;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.EmfLines;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route metrics a request emits, read from what the function writes (CloudWatch Embedded Metric Format on
 * the request's one log line): requests answered 201, 400, 401 and refused before routing each give one line
 * that parses as EMF and carries Requests, ClientErrors, ServerErrors and Latency by Function and by Function
 * and route template; no second line, and the creation itself counts nothing at request time (intents
 * created are counted by the stream publisher).
 */
class RequestMetricsTest {
    static final String VALID = "{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_1\",\"amount\":1000,\"currency\":\"XOF\"}";

    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    @Test
    void eachRequestsLineIsAnEmfDocumentWithItsRoutesMetrics() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        String log = EmfLines.capture(() -> {
            statuses.add(function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                    .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox")).status());
            statuses.add(function.handle(ApiGatewayEvents.post("/payment-intents", "{\"amount\":-1}")
                    .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox")).status());
            statuses.add(function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                    .auth(merchant.merchantId(), merchant.sandboxKey() + "x", "sandbox")).status());
            statuses.add(function.handle(ApiGatewayEvents.post("/payment-intents", VALID)
                    .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox").header("Content-Type", "text/plain")
                    .base64Body(new byte[] {(byte) 0xff})).status());
        });
        assertEquals(List.of(201, 400, 401), statuses.subList(0, 3));
        assertTrue(statuses.get(3) >= 400 && statuses.get(3) < 500, "refused: " + statuses);

        List<JsonNode> lines = EmfLines.parse(log);
        assertEquals(statuses.size(), lines.size(), "one EMF line per request, and no other:\n" + log);
        long requestLines = log.lines().filter(l -> l.contains("\"type\":\"request\"")).count();
        assertEquals(statuses.size(), requestLines, "the metrics ride on the request line, not a second line:\n" + log);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            int status = statuses.get(i);
            assertEquals("request", line.get("type").asText(), line.toString());
            assertEquals(status, line.get("status").asInt());
            assertEquals("local", line.get("Function").asText(), "no AWS_LAMBDA_FUNCTION_NAME here");
            assertEquals(line.get("route").asText(), line.get("Route").asText());
            assertFalse(line.get("Route").asText().contains(merchant.sandboxKey()));
            for (String name : List.of("Requests", "ClientErrors", "ServerErrors", "Latency")) {
                assertEquals("Cauri", EmfLines.namespace(line, name), line.toString());
                assertEquals(List.of(List.of("Function"), List.of("Function", "Route")), EmfLines.dimensionSets(line, name));
            }
            assertEquals("Count", EmfLines.unit(line, "Requests"));
            assertEquals("Milliseconds", EmfLines.unit(line, "Latency"));
            assertEquals(1, line.get("Requests").asInt());
            assertEquals(status >= 400 && status < 500 ? 1 : 0, line.get("ClientErrors").asInt(), line.toString());
            assertEquals(0, line.get("ServerErrors").asInt());
            assertEquals(line.get("latencyMs").asLong(), line.get("Latency").asLong());
        }
        assertEquals("/payment-intents", lines.get(0).get("Route").asText());
        assertTrue(EmfLines.withMetric(lines, "IntentsCreated").isEmpty(), "counted by the stream publisher, not here");
    }
}

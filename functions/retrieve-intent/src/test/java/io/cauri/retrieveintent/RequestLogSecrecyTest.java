package io.cauri.retrieveintent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.intent.PaymentIntent;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.Fixtures;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import io.cauri.web.log.RequestLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the function writes to its logs (standard output and error, which Lambda ships to CloudWatch) while
 * serving requests that carry secrets — API keys in headers and as Bearer, intent tokens in the query and in
 * the path, the signing key behind them — answered 200, 401, 404 and 503: one JSON line per request with its
 * request id, merchant, route, status and latency, and none of the secrets, no Authorization value, no stack
 * trace.
 */
class RequestLogSecrecyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    static LocalFunction function;
    static LocalDynamoDb dynamo;
    static LocalFunction outageFunction;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials outageMerchant;

    @BeforeAll
    static void start() throws Exception {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        dynamo = DynamoDbLocal.stoppable(data);
        outageFunction = new LocalFunction(Map.of("cauri.dynamodb.endpoint", dynamo.endpoint()));
        outageMerchant = TestMerchants.fresh(dynamo.client());
    }

    @AfterAll
    static void stop() {
        function.close();
        outageFunction.close();
        dynamo.close();
    }

    @Test
    void requestLinesCarryTheRequestAndNoSecret() throws Exception {
        PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
        String token = Fixtures.token(function, intent);
        String id = intent.id();
        List<Integer> statuses = new ArrayList<>();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        RequestLog.writeTo(capture);
        try {
            statuses.add(function.handle(ApiGatewayEvents.get("/payment-intents/" + id)
                    .auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox")).status());
            statuses.add(function.handle(ApiGatewayEvents.get("/payment-intents/" + id).query("token", token)).status());
            statuses.add(function.handle(ApiGatewayEvents.get("/payment-intents/url/" + token)).status());
            statuses.add(function.handle(ApiGatewayEvents.get("/api/v1/payment-intents/" + id)
                    .header("Authorization", "Bearer " + merchant.sandboxKey())).status());
            statuses.add(function.handle(ApiGatewayEvents.get("/payment-intents/" + id)
                    .auth(merchant.merchantId(), merchant.sandboxKey() + "x", "sandbox")).status());
            statuses.add(function.handle(ApiGatewayEvents.get("/api/v1/payment-intents/" + id)
                    .header("Authorization", "Bearer " + merchant.liveKey())).status());
            statuses.add(function.handle(ApiGatewayEvents.get("/payment-intents/" + id + "/status")
                    .query("token", token + "tampered")).status());
            dynamo.stop();
            statuses.add(outageFunction.handle(ApiGatewayEvents.get("/payment-intents/" + id)
                    .auth(outageMerchant.merchantId(), outageMerchant.sandboxKey(), "sandbox")).status());
        } finally {
            System.setOut(out);
            System.setErr(err);
            RequestLog.writeTo(out);
            dynamo.restart();
        }
        assertEquals(List.of(200, 200, 200, 200, 401, 404, 401, 503), statuses);

        String log = captured.toString(StandardCharsets.UTF_8);
        System.out.println("captured log of " + statuses.size() + " requests:\n" + log);
        for (String secret : List.of(merchant.sandboxKey(), merchant.liveKey(), outageMerchant.sandboxKey(), token,
                LocalFunction.SIGNING_KEY, "Bearer ")) {
            assertFalse(log.contains(secret), "the log shows a secret: " + secret);
        }
        // no part of the token either (its payload and signature are base64url segments)
        for (String part : token.split("\\.")) {
            assertFalse(log.contains(part), "the log shows part of a token");
        }
        assertFalse(log.contains("\tat ") || log.contains("Exception:"), "a stack trace in the log:\n" + log);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith("{") && line.contains("\"type\":\"request\"")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertEquals(statuses.size(), lines.size(), "one request line per request:\n" + log);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertEquals(statuses.get(i).intValue(), line.get("status").asInt());
            assertTrue(line.get("requestId").asText().matches("req_[A-Za-z0-9_-]{21}"), line.toString());
            assertTrue(line.get("latencyMs").asLong() >= 0, line.toString());
            assertNotNull(line.get("route").asText());
            assertTrue(line.get("route").asText().startsWith("/payment-intents") || line.get("route").asText()
                    .startsWith("/api/v1/"), line.toString());
        }
        assertEquals(merchant.merchantId(), lines.get(0).get("merchantId").asText());
        assertEquals("sandbox", lines.get(0).get("mode").asText());
        assertEquals("/payment-intents/url/{token}", lines.get(2).get("route").asText()); // the template, not the path
        assertTrue(lines.get(4).get("merchantId").isNull(), "a refused key names no merchant");
        assertEquals("ERROR", lines.get(7).get("level").asText());
        assertTrue(lines.get(7).get("failure").asText().contains("SdkClientException"), lines.get(7).toString());
    }
}

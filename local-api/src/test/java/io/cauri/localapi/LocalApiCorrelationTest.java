package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The correlation id end to end, in local-api as on AWS (the functions' real jars, DynamoDB Local and its streams,
 * the stream publisher, the SNS/SQS emulator, the dispatcher): the {@code Request-Id} a request is answered with is
 * the {@code Cauri-Correlation-Id} header, and the body's {@code correlationId}, of the webhooks of the changes it
 * made — an intent's creation, a payment made in the attempt itself, a refund's creation — and a change the
 * simulated payer makes later, through the provider-events queue, carries that delivery's own {@code msg_} id.
 */
class LocalApiCorrelationTest {
    static final String MERCHANT = "m_correlation";
    static final String KEY = "sk_correlation_0123456789";
    static final String HEADER = "Cauri-Correlation-Id";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    static LocalApi api;
    static HttpServer receiver;
    /** Each webhook received: its correlation header and its body. */
    static final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        api = LocalApi.start(new Options(0, MERCHANT, KEY, dataDir, Path.of("../template.yaml"), false));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String[]{exchange.getRequestHeaders().getFirst(HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        HttpResponse<String> subscribed = send("POST", "/webhooks", "{\"url\":\"" + url + "\",\"events\":"
                + "[\"payment_intent.created\",\"payment_intent.successful\",\"refund.created\"]}", null);
        assertEquals(201, subscribed.statusCode(), subscribed.body());
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (api != null) {
            api.close();
        }
    }

    static HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path));
        if (token == null) {
            request.header("ApiKey", KEY).header("MerchantId", MERCHANT).header("Environment", "sandbox");
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The webhook of {@code type} about {@code objectId}, waited for up to 30 s: {header, body}. */
    static String[] webhook(String type, String objectId) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String[] r : received) {
                JsonNode event = JSON.readTree(r[1]);
                if (type.equals(event.get("type").asText()) && objectId.equals(event.get("data").get("id").asText())) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type + " webhook for " + objectId + " within 30 s; received " + received.size());
    }

    static String requestId(HttpResponse<String> response) {
        String id = response.headers().firstValue("Request-Id").orElseThrow();
        assertTrue(id.startsWith("req_"), id);
        return id;
    }

    static void assertCausedBy(String correlationId, String[] webhook) throws Exception {
        assertEquals(correlationId, webhook[0], "the header");
        assertEquals(correlationId, JSON.readTree(webhook[1]).get("correlationId").asText(), "the body");
    }

    @Test
    void theRequestIdOfEachRequestIsTheCorrelationIdOfTheWebhooksOfTheChangesItMade() throws Exception {
        HttpResponse<String> created = send("POST", "/payment-intents",
                "{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_1\",\"amount\":1000,\"currency\":\"XOF\"}", null);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode intent = JSON.readTree(created.body());
        String intentId = intent.get("id").asText();
        assertCausedBy(requestId(created), webhook("payment_intent.created", intentId));

        // an OTP given with the attempt: the payment succeeds within that request
        HttpResponse<String> attempted = send("POST", "/payment-intents/" + intentId + "/payments",
                "{\"token\":\"" + intent.get("token").asText() + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"orange\",\"mobileMoney\":{\"msisdn\":\"00000001\",\"otp\":\"1234\"}}", "token");
        assertEquals(201, attempted.statusCode(), attempted.body());
        assertEquals("successful", JSON.readTree(attempted.body()).get("status").asText(), attempted.body());
        assertCausedBy(requestId(attempted), webhook("payment_intent.successful", intentId));

        HttpResponse<String> refunded = send("POST", "/refunds",
                "{\"paymentIntentId\":\"" + intentId + "\",\"amount\":400,\"reason\":\"requested_by_customer\"}", null);
        assertEquals(201, refunded.statusCode(), refunded.body());
        String refundId = JSON.readTree(refunded.body()).get("id").asText();
        assertCausedBy(requestId(refunded), webhook("refund.created", refundId));
        assertNotEquals(requestId(created), requestId(refunded));
    }

    @Test
    void aPaymentTheSimulatedPayerCompletesLaterCarriesItsOwnMessageId() throws Exception {
        HttpResponse<String> created = send("POST", "/payment-intents",
                "{\"customerReference\":\"cust_2\",\"purchaseReference\":\"order_2\",\"amount\":1000,\"currency\":\"XOF\"}", null);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode intent = JSON.readTree(created.body());
        String intentId = intent.get("id").asText();
        // USSD: the payer answers 3 s later, through the provider-events queue, not within this request
        HttpResponse<String> attempted = send("POST", "/payment-intents/" + intentId + "/payments",
                "{\"token\":\"" + intent.get("token").asText() + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\","
                        + "\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}", "token");
        assertEquals(201, attempted.statusCode(), attempted.body());
        String[] paid = webhook("payment_intent.successful", intentId);
        assertTrue(paid[0] != null && paid[0].startsWith("msg_"), "the payer's answer is its own cause: " + paid[0]);
        assertEquals(paid[0], JSON.readTree(paid[1]).get("correlationId").asText());
        assertNotEquals(requestId(attempted), paid[0]);
    }
}

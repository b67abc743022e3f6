package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Isolation, over HTTP through every function's real shaded jar (local-api): two merchants × two modes ×
 * every route that addresses an object. Each object is made by merchant A in sandbox; each route is then
 * called on it by the three other (merchant, mode) cells — each must get 404, as if the object did not exist —
 * and last by its owner, who gets 2xx. Each list route likewise: the object is in the owner's list only. Every cell is asserted and counted: the test prints
 * "cells asserted N/N".
 * <p>
 * Money out: a transfer and refunds made by A in sandbox (from a paid intent's money) are read, listed and — for
 * refunds, which address a payment — created only by A in sandbox; any other cell gets 404.
 * <p>
 * Live mode: Cauri wires no live provider yet, so live attempts are refused 400 — but only after the lookup,
 * so on another cell's object a live caller still gets 404, which is what this test checks.
 */
class IsolationMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = """
            {"customerReference":"cust_1","purchaseReference":"order_1","amount":1000,"currency":"XOF"}""";

    @TempDir
    static Path dataDir;
    static LocalApi api;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static Cell ownerSandbox;
    static List<Cell> others = new ArrayList<>();
    static int cells;
    static int asserted;

    /** One (merchant, mode) with the key of that mode. */
    record Cell(String name, String merchantId, String key, String mode) {
        HttpRequest.Builder hub2(HttpRequest.Builder b) {
            return b.header("ApiKey", key).header("MerchantId", merchantId).header("Environment", mode);
        }

        HttpRequest.Builder bearer(HttpRequest.Builder b) {
            return b.header("Authorization", "Bearer " + key);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        // no rate limits: every cell comes from 127.0.0.1 (the limits have their own tests, HttpEdgeTest)
        api = LocalApi.start(new Options(0, "m_owner", "sk_owner_0123456789", dataDir, Path.of("../template.yaml"), false));
        SandboxMerchant.Credentials a = api.merchant();
        SandboxMerchant.Credentials b;
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(URI.create(System.getProperty("cauri.dynamodb.endpoint")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            b = SandboxMerchant.seed(dynamo, "m_other", null);
        }
        ownerSandbox = new Cell("A/sandbox", a.merchantId(), a.sandboxKey(), "sandbox");
        others.add(new Cell("A/live", a.merchantId(), a.liveKey(), "live"));
        others.add(new Cell("B/sandbox", b.merchantId(), b.sandboxKey(), "sandbox"));
        others.add(new Cell("B/live", b.merchantId(), b.liveKey(), "live"));
    }

    @AfterAll
    static void stop() {
        System.out.println("isolation matrix: cells asserted " + asserted + "/" + cells
                + " (2 merchants x 2 modes x " + (cells / 4) + " routes)");
        if (api != null) {
            api.close();
        }
    }

    static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + pathAndQuery));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    static JsonNode intent() throws Exception {
        HttpResponse<String> created = send(ownerSandbox.hub2(request("/payment-intents"))
                .header("Content-Type", "application/json").POST(json(CREATE)));
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    static String attemptBody(JsonNode intent, String provider, String country) {
        return "{\"token\":\"" + intent.get("token").asText() + "\",\"paymentMethod\":\"mobile_money\",\"country\":\""
                + country + "\",\"provider\":\"" + provider + "\",\"mobileMoney\":{\"msisdn\":\"00000001\"}}";
    }

    static JsonNode attempted(JsonNode intent, String provider) throws Exception {
        HttpResponse<String> r = send(request("/payment-intents/" + intent.get("id").asText() + "/payments")
                .header("Content-Type", "application/json").POST(json(attemptBody(intent, provider, "CI"))));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    interface CallAs {
        HttpRequest.Builder as(Cell cell) throws Exception;
    }

    /** The three other cells get 404 (with the HUB2 body), then the owner gets {@code ownerStatus}. */
    static void assertIsolated(String route, CallAs call, int ownerStatus) throws Exception {
        for (Cell other : others) {
            cells++;
            HttpResponse<String> response = send(call.as(other));
            assertEquals(404, response.statusCode(), route + " as " + other.name() + ": " + response.body());
            assertEquals("not_found", JSON.readTree(response.body()).get("code").asText(), route + " as " + other.name());
            asserted++;
        }
        cells++;
        HttpResponse<String> owner = send(call.as(ownerSandbox));
        assertEquals(ownerStatus, owner.statusCode(), route + " as owner: " + owner.body());
        asserted++;
    }

    /** The three other cells' lists (200) do not hold the object; the owner's does. */
    static void assertListedOnlyForOwner(String route, String objectId, CallAs call) throws Exception {
        for (Cell other : others) {
            cells++;
            HttpResponse<String> response = send(call.as(other));
            assertEquals(200, response.statusCode(), route + " as " + other.name() + ": " + response.body());
            assertFalse(response.body().contains(objectId), route + " as " + other.name() + " lists " + objectId);
            asserted++;
        }
        cells++;
        HttpResponse<String> owner = send(call.as(ownerSandbox));
        assertEquals(200, owner.statusCode(), route + " as owner: " + owner.body());
        assertTrue(owner.body().contains(objectId), route + " as owner does not list " + objectId + ": " + owner.body());
        asserted++;
    }

    @Test
    void everyObjectIsVisibleOnlyToItsOwnerInItsMode() throws Exception {
        JsonNode intent = intent();
        String id = intent.get("id").asText();
        assertIsolated("GET /payment-intents/{id}", c -> c.hub2(request("/payment-intents/" + id)).GET(), 200);
        assertIsolated("GET /payment-intents/{id}/status", c -> c.hub2(request("/payment-intents/" + id + "/status")).GET(), 200);
        assertIsolated("GET /api/v1/payment-intents/{id}", c -> c.bearer(request("/api/v1/payment-intents/" + id)).GET(), 200);
        assertIsolated("GET /payment-intents/{id}/payment-fees", c -> c.hub2(request("/payment-intents/" + id
                + "/payment-fees?country=CI&provider=orange&paymentMethod=mobile_money")).GET(), 200);
        assertIsolated("GET /payment-intents/{id}/events", c -> c.hub2(request("/payment-intents/" + id + "/events")).GET(), 200);
        assertIsolated("PATCH /api/v1/payment-intents/{id}", c -> c.bearer(request("/api/v1/payment-intents/" + id))
                .header("Content-Type", "application/json").method("PATCH", json("{\"description\":\"by owner\"}")), 200);

        // attempts: the server headers decide the caller (the intent's token is in the body)
        JsonNode toAttempt = intent();
        assertIsolated("POST /payment-intents/{id}/payments", c -> c.hub2(request("/payment-intents/"
                        + toAttempt.get("id").asText() + "/payments")).header("Content-Type", "application/json")
                .POST(json(attemptBody(toAttempt, "mtn", "CI"))), 201);
        JsonNode toSync = intent();
        assertIsolated("POST /payment-intents/{id}/payments/sync", c -> c.hub2(request("/payment-intents/"
                        + toSync.get("id").asText() + "/payments/sync")).header("Content-Type", "application/json")
                .POST(json(attemptBody(toSync, "wave", "SN"))), 201);
        JsonNode toConfirm = intent();
        assertIsolated("POST /api/v1/payment-intents/{id}/confirm", c -> c.bearer(request("/api/v1/payment-intents/"
                        + toConfirm.get("id").asText() + "/confirm")).header("Content-Type", "application/json")
                .POST(json("{\"payment_method\":{\"type\":\"mobile_money\",\"mobile_money\":{\"country\":\"CI\","
                        + "\"operator\":\"mtn\",\"msisdn\":\"00000001\"}}}")), 201);

        JsonNode otp = attempted(intent(), "orange");
        String otpId = otp.get("id").asText();
        assertIsolated("POST /payment-intents/{id}/authentication", c -> c.hub2(request("/payment-intents/" + otpId
                        + "/authentication")).header("Content-Type", "application/json")
                .POST(json("{\"token\":\"" + otp.get("token").asText() + "\",\"confirmationCode\":\"1234\"}")), 201);

        String paymentId = attempted(intent(), "mtn").get("payments").get(0).get("id").asText();
        assertIsolated("GET /payments/{id}/status", c -> c.hub2(request("/payments/" + paymentId + "/status")).GET(), 200);

        JsonNode toCancel = intent();
        assertIsolated("POST /api/v1/payment-intents/{id}/cancel", c -> c.bearer(request("/api/v1/payment-intents/"
                + toCancel.get("id").asText() + "/cancel")).header("Content-Type", "application/json").POST(json("{}")), 200);

        java.util.concurrent.atomic.AtomicInteger hooks = new java.util.concurrent.atomic.AtomicInteger();
        Supplier<String> webhook = () -> {
            try {
                // a URL of its own each: the same URL twice is refused
                HttpResponse<String> created = send(ownerSandbox.hub2(request("/webhooks")).header("Content-Type", "application/json")
                        .POST(json("{\"url\":\"https://shop.example/hooks/" + hooks.incrementAndGet()
                                + "\",\"events\":[\"payment_intent.successful\"]}")));
                assertEquals(201, created.statusCode(), created.body());
                return JSON.readTree(created.body()).get("id").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String toRotate = webhook.get();
        assertIsolated("POST /webhooks/{id}/secret/rotate", c -> c.hub2(request("/webhooks/" + toRotate + "/secret/rotate"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
        String toDelete = webhook.get();
        assertIsolated("DELETE /webhooks/{id}", c -> c.hub2(request("/webhooks/" + toDelete)).DELETE(), 200);

        // the list routes: the newest object of each kind is in its owner's first page, and in no other cell's
        String listed = intent().get("id").asText();
        assertListedOnlyForOwner("GET /payment-intents", listed, c -> c.hub2(request("/payment-intents?perPage=100")).GET());
        assertListedOnlyForOwner("GET /api/v1/payment-intents", listed, c -> c.bearer(request("/api/v1/payment-intents?limit=100")).GET());
        String listedPayment = attempted(intent(), "mtn").get("payments").get(0).get("id").asText();
        assertListedOnlyForOwner("GET /payments", listedPayment, c -> c.hub2(request("/payments?perPage=100")).GET());
        String listedWebhook = webhook.get();
        assertListedOnlyForOwner("GET /webhooks", listedWebhook, c -> c.hub2(request("/webhooks")).GET());

        // money out: a paid intent funds the owner's sandbox balance; its transfer and refunds are the owner's only
        JsonNode paid = intent();
        String paidId = paid.get("id").asText();
        HttpResponse<String> payment = send(request("/payment-intents/" + paidId + "/payments")
                .header("Content-Type", "application/json").POST(json(attemptBody(paid, "orange", "CI")
                        .replace("\"msisdn\":\"00000001\"", "\"msisdn\":\"00000001\",\"otp\":\"1234\""))));
        assertEquals("successful", JSON.readTree(payment.body()).get("status").asText(), payment.body());
        HttpResponse<String> transfer = send(ownerSandbox.hub2(request("/transfers")).header("Content-Type", "application/json")
                .POST(json("{\"reference\":\"payout-1\",\"amount\":500,\"currency\":\"XOF\",\"destination\":{"
                        + "\"type\":\"mobile_money\",\"country\":\"CI\",\"recipientName\":\"Awa Konan\","
                        + "\"msisdn\":\"00000001\",\"provider\":\"orange\"}}")));
        assertEquals(201, transfer.statusCode(), transfer.body());
        String transferId = JSON.readTree(transfer.body()).get("id").asText();
        assertIsolated("GET /transfers/{id}", c -> c.hub2(request("/transfers/" + transferId)).GET(), 200);
        assertIsolated("GET /api/v1/payouts/{id}", c -> c.bearer(request("/api/v1/payouts/" + transferId)).GET(), 200);
        assertIsolated("POST /refunds", c -> c.hub2(request("/refunds")).header("Content-Type", "application/json")
                .POST(json("{\"paymentIntentId\":\"" + paidId + "\",\"amount\":100}")), 201);
        assertIsolated("POST /api/v1/refunds", c -> c.bearer(request("/api/v1/refunds")).header("Content-Type", "application/json")
                .POST(json("{\"payment_intent\":\"" + paidId + "\",\"amount\":100}")), 201);
        HttpResponse<String> refunds = send(ownerSandbox.bearer(request("/api/v1/refunds?payment_intent=" + paidId)).GET());
        String refundId = JSON.readTree(refunds.body()).get("data").get(0).get("id").asText();
        assertIsolated("GET /refunds/{id}", c -> c.hub2(request("/refunds/" + refundId)).GET(), 200);
        assertIsolated("GET /api/v1/refunds/{id}", c -> c.bearer(request("/api/v1/refunds/" + refundId)).GET(), 200);
        assertListedOnlyForOwner("GET /transfers", transferId, c -> c.hub2(request("/transfers")).GET());
        assertListedOnlyForOwner("GET /api/v1/payouts", transferId, c -> c.bearer(request("/api/v1/payouts")).GET());
        assertListedOnlyForOwner("GET /refunds", refundId, c -> c.hub2(request("/refunds")).GET());
        assertListedOnlyForOwner("GET /api/v1/refunds", refundId, c -> c.bearer(request("/api/v1/refunds")).GET());

        assertEquals(cells, asserted);
        assertEquals(4 * 28, cells, "20 object routes and 8 list routes of both families (POST /events/{id}/resend is "
                + "not in the matrix: its events come from the stream pipeline)");
    }
}

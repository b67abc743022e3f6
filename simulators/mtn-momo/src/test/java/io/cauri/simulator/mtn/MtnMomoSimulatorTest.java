package io.cauri.simulator.mtn;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator speaks MTN's protocol strictly: what it refuses, what it answers over time, what it calls back. */
class MtnMomoSimulatorTest {
    private static final MtnMomoSimulator.Credentials CREDENTIALS =
            new MtnMomoSimulator.Credentials("sub-key", "5a0d8d0c-7a0a-4d2b-9a57-8a3c51f2e9b1", "api-key");
    private static final Duration PAYER_DELAY = Duration.ofMillis(300);
    private static final String BODY = "{\"amount\":\"600\",\"currency\":\"EUR\",\"externalId\":\"pay_1\","
            + "\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"%s\"},\"payerMessage\":\"Paiement\",\"payeeNote\":\"note\"}";

    private final HttpClient client = HttpClient.newHttpClient();
    private MtnMomoSimulator simulator;
    private HttpServer receiver;
    private final List<String> callbacks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        simulator = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(CREDENTIALS).withPayerDelay(PAYER_DELAY), 0);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        receiver.createContext("/mtn", exchange -> {
            callbacks.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
        receiver.stop(0);
    }

    private HttpResponse<String> tokenRequest(String user, String key, String subscriptionKey, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/collection/token/"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + key)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (subscriptionKey != null) {
            request.header("Ocp-Apim-Subscription-Key", subscriptionKey);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token() throws Exception {
        HttpResponse<String> response = tokenRequest(CREDENTIALS.apiUser(), CREDENTIALS.apiKey(),
                CREDENTIALS.subscriptionKey(), null);
        assertEquals(200, response.statusCode(), response.body());
        return ((String) ((Map<?, ?>) Json.parse(response.body())).get("access_token"));
    }

    private HttpResponse<String> requestToPay(String token, String reference, String body, String callbackUrl)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/collection/v1_0/requesttopay"))
                .header("Authorization", "Bearer " + token)
                .header("X-Reference-Id", reference)
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", CREDENTIALS.subscriptionKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (callbackUrl != null) {
            request.header("X-Callback-Url", callbackUrl);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<?, ?> status(String token, String reference, int expected) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + "/collection/v1_0/requesttopay/" + reference))
                .header("Authorization", "Bearer " + token)
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", CREDENTIALS.subscriptionKey())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), response.body());
        return (Map<?, ?>) Json.parse(response.body());
    }

    @Test
    void theTokenNeedsTheApiUserItsKeyAndTheSubscriptionKeyAndNoBody() throws Exception {
        HttpResponse<String> granted = tokenRequest(CREDENTIALS.apiUser(), CREDENTIALS.apiKey(),
                CREDENTIALS.subscriptionKey(), null);
        assertEquals(200, granted.statusCode());
        Map<?, ?> token = (Map<?, ?>) Json.parse(granted.body());
        assertTrue(token.get("access_token") instanceof String);
        assertEquals("access_token", token.get("token_type"));
        assertEquals(3600, ((Number) token.get("expires_in")).intValue());

        assertEquals(401, tokenRequest(CREDENTIALS.apiUser(), "wrong", CREDENTIALS.subscriptionKey(), null).statusCode());
        assertEquals(401, tokenRequest(CREDENTIALS.apiUser(), CREDENTIALS.apiKey(), "wrong", null).statusCode());
        assertEquals(401, tokenRequest(CREDENTIALS.apiUser(), CREDENTIALS.apiKey(), null, null).statusCode());
        assertEquals(400, tokenRequest(CREDENTIALS.apiUser(), CREDENTIALS.apiKey(), CREDENTIALS.subscriptionKey(),
                "{}").statusCode());
        assertEquals(5, simulator.tokenRequests());
    }

    @Test
    void aRequestToPayIsPendingThenFinalAndCalledBackOnce() throws Exception {
        String token = token();
        String reference = UUID.randomUUID().toString();
        String callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/mtn";

        HttpResponse<String> accepted = requestToPay(token, reference, BODY.formatted("23423423450"), callbackUrl);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals("", accepted.body());
        assertEquals("PENDING", status(token, reference, 200).get("status"));

        Thread.sleep(PAYER_DELAY.plusMillis(400).toMillis());
        Map<?, ?> done = status(token, reference, 200);
        assertEquals("SUCCESSFUL", done.get("status"));
        assertEquals("600", done.get("amount"));
        assertEquals("pay_1", done.get("externalId"));
        assertTrue(done.get("financialTransactionId") instanceof String);
        assertEquals(1, callbacks.size(), callbacks.toString());
        assertTrue(callbacks.get(0).startsWith("PUT {"), callbacks.get(0));
        assertTrue(callbacks.get(0).contains("\"status\":\"SUCCESSFUL\""), callbacks.get(0));

        String failing = UUID.randomUUID().toString();
        assertEquals(202, requestToPay(token, failing, BODY.formatted("46733123451"), null).statusCode());
        Thread.sleep(PAYER_DELAY.plusMillis(100).toMillis());
        Map<?, ?> failed = status(token, failing, 200);
        assertEquals("FAILED", failed.get("status"));
        assertEquals("APPROVAL_REJECTED", failed.get("reason"));

        assertEquals("RESOURCE_NOT_FOUND", status(token, UUID.randomUUID().toString(), 404).get("code"));
    }

    @Test
    void aReusedReferenceIsA409AndEveryPostIsCounted() throws Exception {
        String token = token();
        String reference = UUID.randomUUID().toString();
        assertEquals(202, requestToPay(token, reference, BODY.formatted("23423423450"), null).statusCode());
        HttpResponse<String> again = requestToPay(token, reference, BODY.formatted("23423423450"), null);
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("RESOURCE_ALREADY_EXIST"), again.body());
        assertEquals(2, simulator.requestToPayPosts(reference));
        assertEquals(1, simulator.acceptedRequestsFor("pay_1"));
    }

    @Test
    void wrongHeadersFieldTypesAndAmountFormatsAre400AndTakeNothing() throws Exception {
        String token = token();
        String v3 = UUID.nameUUIDFromBytes("pay_1".getBytes(StandardCharsets.UTF_8)).toString();
        assertEquals(400, requestToPay(token, v3, BODY.formatted("23423423450"), null).statusCode(),
                "a name-based (version 3) UUID is not a version 4 reference id");
        assertEquals(400, requestToPay(token, "not-a-uuid", BODY.formatted("23423423450"), null).statusCode());
        for (String body : List.of(
                BODY.formatted("23423423450").replace("\"600\"", "600"),          // amount as a number
                BODY.formatted("23423423450").replace("\"600\"", "\"6,00\""),     // not digits
                BODY.formatted("23423423450").replace("\"600\"", "\"-600\""),
                BODY.formatted("23423423450").replace("\"600\"", "\"0\""),
                BODY.formatted("23423423450").replace("\"EUR\"", "\"XOF\""),      // not the environment's currency
                BODY.formatted("+23423423450"),                                   // MSISDN with a +
                BODY.formatted("23423423450").replace("\"MSISDN\"", "\"PHONE\""),
                BODY.formatted("23423423450").replace("\"pay_1\"", "1"),          // externalId as a number
                BODY.formatted("23423423450").replace("\"Paiement\"", "\"l'achat\""), // apostrophe
                BODY.formatted("23423423450").replace("\"Paiement\"", "\"" + "x".repeat(161) + "\""),
                "[]", "{", "")) {
            assertEquals(400, requestToPay(token, UUID.randomUUID().toString(), body, null).statusCode(), body);
        }
        assertEquals(401, requestToPay("not-a-token", UUID.randomUUID().toString(), BODY.formatted("23423423450"), null)
                .statusCode());
        assertEquals(0, simulator.acceptedRequestsFor("pay_1"));
    }

    @Test
    void faultSwitches() throws Exception {
        String token = token();
        String callbackUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/mtn";

        simulator.faults().failInitiates(1, 503, true);
        String taken = UUID.randomUUID().toString();
        assertEquals(503, requestToPay(token, taken, BODY.formatted("23423423450"), null).statusCode());
        assertEquals("PENDING", status(token, taken, 200).get("status"), "taken before the 503");

        simulator.faults().failInitiates(1, 500, false);
        String notTaken = UUID.randomUUID().toString();
        assertEquals(500, requestToPay(token, notTaken, BODY.formatted("23423423450"), null).statusCode());
        status(token, notTaken, 404);

        simulator.faults().callbackCopies(2);
        assertEquals(202, requestToPay(token, UUID.randomUUID().toString(), BODY.formatted("23423423450"), callbackUrl)
                .statusCode());
        Thread.sleep(PAYER_DELAY.plusMillis(400).toMillis());
        assertEquals(2, callbacks.size(), "duplicated callback");

        simulator.faults().reset();
        simulator.faults().dropCallbacks(true);
        assertEquals(202, requestToPay(token, UUID.randomUUID().toString(), BODY.formatted("23423423450"), callbackUrl)
                .statusCode());
        Thread.sleep(PAYER_DELAY.plusMillis(400).toMillis());
        assertEquals(2, callbacks.size(), "dropped callback");

        simulator.faults().reset();
        simulator.faults().tokenLifetime(Duration.ofSeconds(1));
        String shortLived = token();
        Thread.sleep(1_100);
        status(token, taken, 200);
        assertEquals("UNAUTHORIZED", status(shortLived, taken, 401).get("code"), "expired token");
        simulator.expireTokens();
        status(token, taken, 401);
    }

    @Test
    void memoryIsBoundedTheOldestRequestsAreForgotten() throws Exception {
        simulator.close();
        simulator = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(CREDENTIALS).withMaxEntries(3), 0);
        String token = token();
        List<String> references = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (String reference : references) {
            assertEquals(202, requestToPay(token, reference, BODY.formatted("23423423450"), null).statusCode());
        }
        status(token, references.get(0), 404);
        status(token, references.get(3), 200);
    }
}

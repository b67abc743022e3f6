package io.cauri.simulator.mtn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Disbursement side speaks MTN's protocol strictly: its own credentials, 202/409/400, statuses over time. */
class DisbursementSimulatorTest {
    private static final MtnMomoSimulator.Credentials COLLECTION =
            new MtnMomoSimulator.Credentials("sub-key", "5a0d8d0c-7a0a-4d2b-9a57-8a3c51f2e9b1", "api-key");
    private static final MtnMomoSimulator.Credentials DISBURSEMENT =
            new MtnMomoSimulator.Credentials("disb-key", "6c1e9a2b-3d4f-4a5b-8c6d-7e8f9a0b1c2d", "disb-api-key");
    private static final Duration DELAY = Duration.ofMillis(300);
    private static final String TRANSFER = "{\"amount\":\"600\",\"currency\":\"EUR\",\"externalId\":\"tr_1\","
            + "\"payee\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"%s\"},\"payerMessage\":\"Virement\",\"payeeNote\":\"tr_1\"}";
    private static final String REFUND = "{\"amount\":\"%s\",\"currency\":\"EUR\",\"externalId\":\"re_1\","
            + "\"referenceIdToRefund\":\"%s\",\"payerMessage\":\"Remboursement\",\"payeeNote\":\"re_1\"}";

    private final HttpClient client = HttpClient.newHttpClient();
    private MtnMomoSimulator simulator;

    @BeforeEach
    void start() throws Exception {
        simulator = MtnMomoSimulator.start(MtnMomoSimulator.Settings.defaults(COLLECTION).withPayerDelay(DELAY)
                .withDisbursement(DISBURSEMENT), 0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private HttpResponse<String> token(String product, MtnMomoSimulator.Credentials c) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/" + product + "/token/"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((c.apiUser() + ":" + c.apiKey())
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Ocp-Apim-Subscription-Key", c.subscriptionKey())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String tokenOf(String product, MtnMomoSimulator.Credentials c) throws Exception {
        HttpResponse<String> response = token(product, c);
        assertEquals(200, response.statusCode(), response.body());
        return (String) ((Map<?, ?>) Json.parse(response.body())).get("access_token");
    }

    private HttpResponse<String> post(String path, String token, String key, String reference, String body)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("X-Reference-Id", reference)
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<?, ?> status(String path, String token, String reference, int expected) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + path + "/" + reference))
                .header("Authorization", "Bearer " + token)
                .header("X-Target-Environment", "sandbox")
                .header("Ocp-Apim-Subscription-Key", DISBURSEMENT.subscriptionKey())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), response.body());
        return (Map<?, ?>) Json.parse(response.body());
    }

    @Test
    void theDisbursementProductHasItsOwnCredentials() throws Exception {
        assertEquals(401, token("disbursement", COLLECTION).statusCode(), "Collection credentials are not Disbursement's");
        assertEquals(401, token("collection", DISBURSEMENT).statusCode());
        String collectionToken = tokenOf("collection", COLLECTION);
        String reference = UUID.randomUUID().toString();
        assertEquals(401, post("/disbursement/v1_0/transfer", collectionToken, DISBURSEMENT.subscriptionKey(), reference,
                TRANSFER.formatted("23423423450")).statusCode(), "a Collection token");
        String token = tokenOf("disbursement", DISBURSEMENT);
        assertEquals(401, post("/disbursement/v1_0/transfer", token, COLLECTION.subscriptionKey(), reference,
                TRANSFER.formatted("23423423450")).statusCode(), "the Collection subscription key");
        assertEquals(0, simulator.disbursement().acceptedFor("tr_1"));
    }

    @Test
    void aTransferIsTakenOncePendingThenSuccessful() throws Exception {
        String token = tokenOf("disbursement", DISBURSEMENT);
        String reference = UUID.randomUUID().toString();
        HttpResponse<String> accepted = post("/disbursement/v1_0/transfer", token, DISBURSEMENT.subscriptionKey(),
                reference, TRANSFER.formatted("23423423450"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(409, post("/disbursement/v1_0/transfer", token, DISBURSEMENT.subscriptionKey(), reference,
                TRANSFER.formatted("23423423450")).statusCode());
        assertEquals("PENDING", status("/disbursement/v1_0/transfer", token, reference, 200).get("status"));
        Thread.sleep(DELAY.plusMillis(200).toMillis());
        Map<?, ?> done = status("/disbursement/v1_0/transfer", token, reference, 200);
        assertEquals("SUCCESSFUL", done.get("status"));
        assertEquals(Map.of("partyIdType", "MSISDN", "partyId", "23423423450"), done.get("payee"));
        assertTrue(done.get("financialTransactionId") instanceof String);
        assertEquals(1, simulator.disbursement().acceptedFor("tr_1"));
        assertEquals(2, simulator.disbursement().posts(reference));
        status("/disbursement/v1_0/transfer", token, UUID.randomUUID().toString(), 404);
    }

    @Test
    void sandboxPayeeNumbersDriveTransferFailures() throws Exception {
        String token = tokenOf("disbursement", DISBURSEMENT);
        String funds = UUID.randomUUID().toString();
        String notFound = UUID.randomUUID().toString();
        String ongoing = UUID.randomUUID().toString();
        post("/disbursement/v1_0/transfer", token, DISBURSEMENT.subscriptionKey(), funds, TRANSFER.formatted("46733123455"));
        post("/disbursement/v1_0/transfer", token, DISBURSEMENT.subscriptionKey(), notFound, TRANSFER.formatted("46733123457"));
        post("/disbursement/v1_0/transfer", token, DISBURSEMENT.subscriptionKey(), ongoing, TRANSFER.formatted("46733123453"));
        Thread.sleep(DELAY.plusMillis(200).toMillis());
        assertEquals("NOT_ENOUGH_FUNDS", status("/disbursement/v1_0/transfer", token, funds, 200).get("reason"));
        assertEquals("PAYEE_NOT_FOUND", status("/disbursement/v1_0/transfer", token, notFound, 200).get("reason"));
        assertEquals("PENDING", status("/disbursement/v1_0/transfer", token, ongoing, 200).get("status"));
    }

    @Test
    void aTransferWithMtnsWrongTypesOrHeadersIsRefused() throws Exception {
        String token = tokenOf("disbursement", DISBURSEMENT);
        String key = DISBURSEMENT.subscriptionKey();
        assertEquals(400, post("/disbursement/v1_0/transfer", token, key, UUID.randomUUID().toString(),
                TRANSFER.formatted("23423423450").replace("\"600\"", "600")).statusCode(), "amount as a number");
        assertEquals(400, post("/disbursement/v1_0/transfer", token, key, UUID.randomUUID().toString(),
                TRANSFER.formatted("+23423423450")).statusCode(), "a '+' in the number");
        assertEquals(400, post("/disbursement/v1_0/transfer", token, key, UUID.nameUUIDFromBytes(new byte[]{1}).toString(),
                TRANSFER.formatted("23423423450")).statusCode(), "a version 3 reference id");
        assertEquals(400, post("/disbursement/v1_0/transfer", token, key, UUID.randomUUID().toString(),
                TRANSFER.formatted("23423423450").replace("EUR", "XOF")).statusCode(), "not the environment's currency");
        assertEquals(0, simulator.disbursement().acceptedFor("tr_1"));
    }

    @Test
    void aRefundNamesASuccessfulRequestToPayAndNeverExceedsIt() throws Exception {
        String collectionToken = tokenOf("collection", COLLECTION);
        String paid = UUID.randomUUID().toString();
        HttpResponse<String> pay = client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl()
                        + "/collection/v1_0/requesttopay"))
                .header("Authorization", "Bearer " + collectionToken).header("X-Reference-Id", paid)
                .header("X-Target-Environment", "sandbox").header("Ocp-Apim-Subscription-Key", COLLECTION.subscriptionKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"600\",\"currency\":\"EUR\",\"externalId\":\"pay_1\","
                        + "\"payer\":{\"partyIdType\":\"MSISDN\",\"partyId\":\"23423423450\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, pay.statusCode(), pay.body());
        String token = tokenOf("disbursement", DISBURSEMENT);
        String key = DISBURSEMENT.subscriptionKey();
        String early = UUID.randomUUID().toString();
        assertEquals(202, post("/disbursement/v1_0/refund", token, key, early, REFUND.formatted("100", paid)).statusCode());
        Thread.sleep(DELAY.plusMillis(200).toMillis());
        assertEquals("NOT_ALLOWED", status("/disbursement/v1_0/refund", token, early, 200).get("reason"),
                "refunded before it was paid");

        String part = UUID.randomUUID().toString();
        String rest = UUID.randomUUID().toString();
        String over = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        assertEquals(202, post("/disbursement/v1_0/refund", token, key, part, REFUND.formatted("400", paid)).statusCode());
        assertEquals(202, post("/disbursement/v1_0/refund", token, key, rest, REFUND.formatted("200", paid)).statusCode());
        assertEquals(202, post("/disbursement/v1_0/refund", token, key, over, REFUND.formatted("1", paid)).statusCode());
        assertEquals(202, post("/disbursement/v1_0/refund", token, key, unknown,
                REFUND.formatted("1", UUID.randomUUID())).statusCode());
        assertEquals(400, post("/disbursement/v1_0/refund", token, key, UUID.randomUUID().toString(),
                REFUND.formatted("1", "pay_1")).statusCode(), "referenceIdToRefund is a UUID v4");
        Thread.sleep(DELAY.plusMillis(200).toMillis());
        assertEquals("SUCCESSFUL", status("/disbursement/v1_0/refund", token, part, 200).get("status"));
        assertEquals("SUCCESSFUL", status("/disbursement/v1_0/refund", token, rest, 200).get("status"));
        assertEquals("NOT_ALLOWED", status("/disbursement/v1_0/refund", token, over, 200).get("reason"));
        assertEquals("TRANSACTION_NOT_FOUND", status("/disbursement/v1_0/refund", token, unknown, 200).get("reason"));
        status("/disbursement/v1_0/transfer", token, part, 404);
    }
}

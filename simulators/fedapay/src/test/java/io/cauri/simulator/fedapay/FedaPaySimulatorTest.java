package io.cauri.simulator.fedapay;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator speaks FedaPay's protocol strictly: raw HTTP against it, no client library in between. */
class FedaPaySimulatorTest {
    private static final String KEY = "sk_sandbox_test_key";
    private static final String WEBHOOK_SECRET = "wh_sandbox_test_secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private FedaPaySimulator simulator;
    private HttpServer receiver;
    private final LinkedBlockingQueue<String[]> received = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private void start(FedaPaySimulator.Settings settings) throws IOException {
        simulator = FedaPaySimulator.start(settings);
    }

    private URI startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[]{body, exchange.getRequestHeaders().getFirst("X-FEDAPAY-SIGNATURE")});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    }

    private HttpResponse<String> post(String path, String key, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(simulator.baseUrl().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(simulator.baseUrl().resolve(path))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<?, ?> json(HttpResponse<String> response) throws IOException {
        return (Map<?, ?>) Json.parse(response.body());
    }

    private long create(long amount) throws Exception {
        HttpResponse<String> created = post("/v1/transactions", KEY, "application/json",
                "{\"description\":\"Test\",\"amount\":" + amount + ",\"currency\":{\"iso\":\"XOF\"},"
                        + "\"custom_metadata\":{\"order\":\"o-" + amount + "\"}}");
        assertEquals(200, created.statusCode(), created.body());
        Map<?, ?> transaction = (Map<?, ?>) json(created).get("v1/transaction");
        assertEquals("pending", transaction.get("status"));
        return (Long) transaction.get("id");
    }

    private String token(long id) throws Exception {
        HttpResponse<String> token = post("/v1/transactions/" + id + "/token", KEY, "application/json", "");
        assertEquals(200, token.statusCode(), token.body());
        return (String) json(token).get("token");
    }

    private String status(long id) throws Exception {
        return (String) ((Map<?, ?>) json(get("/v1/transactions/" + id)).get("v1/transaction")).get("status");
    }

    /** The transaction's status once it is {@code wanted}, or its last status after 10 s (a loaded machine is slow). */
    private String eventually(long id, String wanted) throws Exception {
        String now = status(id);
        for (int i = 0; i < 100 && !now.equals(wanted); i++) {
            Thread.sleep(100);
            now = status(id);
        }
        return now;
    }

    @Test
    void aWrongOrMissingSecretKeyIsRefused401() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY));
        String body = "{\"description\":\"x\",\"amount\":100,\"currency\":{\"iso\":\"XOF\"}}";
        HttpResponse<String> wrong = post("/v1/transactions", "sk_sandbox_other", "application/json", body);
        HttpResponse<String> missing = post("/v1/transactions", null, "application/json", body);
        assertEquals(401, wrong.statusCode());
        assertEquals(401, missing.statusCode());
        assertEquals("Unauthenticated", json(wrong).get("message"));
        assertEquals(0, simulator.transactionsWithMetadata("order", "x").size());
    }

    @Test
    void anAmountThatIsNotAJsonIntegerIsRefusedWithTheErrorShape() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY));
        for (String amount : List.of("\"1000\"", "1000.5", "0", "-5", "null")) {
            HttpResponse<String> refused = post("/v1/transactions", KEY, "application/json",
                    "{\"description\":\"x\",\"amount\":" + amount + ",\"currency\":{\"iso\":\"XOF\"}}");
            assertEquals(400, refused.statusCode(), amount);
            assertTrue(((Map<?, ?>) json(refused).get("errors")).containsKey("amount"), refused.body());
            assertNotNull(json(refused).get("message"));
        }
    }

    @Test
    void aBodyThatIsNotJsonOrNotDeclaredJsonIsRefused() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY));
        String body = "{\"description\":\"x\",\"amount\":100,\"currency\":{\"iso\":\"XOF\"}}";
        assertEquals(415, post("/v1/transactions", KEY, "text/plain", body).statusCode());
        assertEquals(400, post("/v1/transactions", KEY, "application/json", "{\"description\":").statusCode());
        assertEquals(400, post("/v1/transactions", KEY, "application/json", body + "{}").statusCode());
        assertEquals(400, post("/v1/transactions", KEY, "application/json",
                "{\"description\":\"x\",\"amount\":100,\"currency\":{\"iso\":\"XAF\"}}").statusCode());
    }

    @Test
    void aPushedApprovedPaymentIsReadApprovedAndItsWebhookIsSignedAsTheSdkVerifies() throws Exception {
        URI hooks = startReceiver();
        start(FedaPaySimulator.Settings.of(KEY).withWebhook(hooks, WEBHOOK_SECRET).withPayerDelay(Duration.ofMillis(100)));
        long id = create(1500);
        String token = token(id);
        HttpResponse<String> pushed = post("/v1/mtn_open", KEY, "application/json",
                "{\"token\":\"" + token + "\",\"phone_number\":{\"number\":\"+22964000001\",\"country\":\"bj\"}}");
        assertEquals(200, pushed.statusCode(), pushed.body());
        assertEquals("pending", status(id));

        String[] created = received.poll(5, TimeUnit.SECONDS);
        String[] approved = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(created);
        assertNotNull(approved, "the approval webhook");
        assertEquals("approved", status(id));
        Map<?, ?> event = (Map<?, ?>) Json.parse(approved[0]);
        assertEquals("transaction.approved", event.get("name"));
        assertEquals(id, ((Map<?, ?>) event.get("entity")).get("id"));
        // the header's s is hex(HMAC-SHA256(secret, t + "." + body)), computed here independently of the simulator
        String t = approved[1].split(",")[0].substring(2);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal((t + "." + approved[0])
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=" + t + ",s=" + expected, approved[1]);
        assertEquals(1, simulator.requests(FedaPaySimulator.Operation.PUSH, id));
    }

    @Test
    void thePushIsRefusedForAnUnknownModeABadNumberAndASecondTime() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY).withPayerDelay(Duration.ofSeconds(30)));
        long id = create(2000);
        String token = token(id);
        String phone = ",\"phone_number\":{\"number\":\"64000001\",\"country\":\"bj\"}}";
        assertEquals(400, post("/v1/orange_mars", KEY, "application/json", "{\"token\":\"" + token + "\"" + phone).statusCode());
        assertEquals(400, post("/v1/moov", KEY, "application/json",
                "{\"token\":\"" + token + "\",\"phone_number\":{\"number\":\"12ab\",\"country\":\"bj\"}}").statusCode());
        assertEquals(404, post("/v1/moov", KEY, "application/json", "{\"token\":\"not-a-token\"" + phone).statusCode());
        // the API reference's path is served as well as the SDKs'
        assertEquals(200, post("/v1/transactions/moov", KEY, "application/json", "{\"token\":\"" + token + "\"" + phone).statusCode());
        assertEquals(400, post("/v1/moov", KEY, "application/json", "{\"token\":\"" + token + "\"" + phone).statusCode());
        assertEquals(4, simulator.requests(FedaPaySimulator.Operation.PUSH, id)); // the unknown token names none
    }

    @Test
    void faultSwitchesAnswer5xxWithOrWithoutProcessing() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY));
        String body = "{\"description\":\"x\",\"amount\":700,\"currency\":{\"iso\":\"XOF\"},\"custom_metadata\":{\"order\":\"f\"}}";
        simulator.failNext(FedaPaySimulator.Operation.CREATE, 503);
        assertEquals(503, post("/v1/transactions", KEY, "application/json", body).statusCode());
        assertEquals(List.of(), simulator.transactionsWithMetadata("order", "f"));
        simulator.failNextAfterProcessing(FedaPaySimulator.Operation.CREATE, 500);
        assertEquals(500, post("/v1/transactions", KEY, "application/json", body).statusCode());
        assertEquals(1, simulator.transactionsWithMetadata("order", "f").size());
        assertEquals(2, simulator.total(FedaPaySimulator.Operation.CREATE));
    }

    @Test
    void aNeverAnsweredPushExpiresAndAnotherIsDeclinedWithItsCode() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY).withPayerDelay(Duration.ofMillis(50)).withExpiry(Duration.ofSeconds(2)));
        long silent = create(100);
        long poor = create(200);
        post("/v1/moov", KEY, "application/json", "{\"token\":\"" + token(silent)
                + "\",\"phone_number\":{\"number\":\"64000005\",\"country\":\"bj\"}}");
        post("/v1/moov", KEY, "application/json", "{\"token\":\"" + token(poor)
                + "\",\"phone_number\":{\"number\":\"64000002\",\"country\":\"bj\"}}");
        assertEquals("declined", eventually(poor, "declined"));
        assertEquals("pending", status(silent));
        assertEquals("INSUFFICIENT_FUNDS", ((Map<?, ?>) json(get("/v1/transactions/" + poor)).get("v1/transaction"))
                .get("last_error_code"));
        assertEquals("expired", eventually(silent, "expired"));
    }

    @Test
    void memoryIsBoundedTheOldestTransactionsAreForgotten() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY).withMaxTransactions(3));
        long first = create(101);
        create(102);
        create(103);
        long fourth = create(104);
        assertEquals(404, get("/v1/transactions/" + first).statusCode());
        assertEquals(200, get("/v1/transactions/" + fourth).statusCode());
    }

    @Test
    void aBodyOver64KibIsRefused413() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY));
        String big = "{\"description\":\"" + "x".repeat(70_000) + "\",\"amount\":100,\"currency\":{\"iso\":\"XOF\"}}";
        assertEquals(413, post("/v1/transactions", KEY, "application/json", big).statusCode());
    }

    @Test
    void theControlPlaneSwitchesFaultsAndShowsCountsForAStandaloneSimulator() throws Exception {
        start(FedaPaySimulator.Settings.of(KEY));
        assertEquals(200, post("/_simulator/faults", null, "application/json",
                "{\"operation\":\"CREATE\",\"kind\":\"failAfter\",\"status\":502}").statusCode());
        assertEquals(400, post("/_simulator/faults", null, "application/json",
                "{\"operation\":\"REFUND\",\"kind\":\"fail\"}").statusCode());
        HttpResponse<String> failed = post("/v1/transactions", KEY, "application/json",
                "{\"description\":\"x\",\"amount\":300,\"currency\":{\"iso\":\"XOF\"},\"custom_metadata\":{\"order\":\"c\"}}");
        assertEquals(502, failed.statusCode());
        long id = simulator.transactionsWithMetadata("order", "c").get(0);
        HttpResponse<String> counts = http.send(HttpRequest.newBuilder(simulator.baseUrl()
                .resolve("/_simulator/transactions/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, counts.statusCode());
        assertEquals(1L, json(counts).get("create"));
        assertEquals("pending", json(counts).get("status"));
    }
}

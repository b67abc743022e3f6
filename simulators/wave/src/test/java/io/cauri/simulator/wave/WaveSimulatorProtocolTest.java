package io.cauri.simulator.wave;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator speaks Wave's Checkout protocol strictly: raw HTTP requests, as any client would send them. */
class WaveSimulatorProtocolTest {

    private static final String KEY = "wave_sn_prod_test-key";
    private static final String SIGNING = "wave_sn_AKS_test-signing";
    private static final String VALID = "{\"amount\":\"1000\",\"currency\":\"XOF\",\"error_url\":\"https://shop.example/ko\","
            + "\"success_url\":\"https://shop.example/ok\",\"client_reference\":\"pay_1\"}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private WaveSimulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    private WaveSimulator start(WaveSimulator.Settings settings) throws Exception {
        simulator = WaveSimulator.start(settings.withClock(clock), 0);
        return simulator;
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return Json.object(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertWaveError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        Map<String, Object> body = json(response);
        assertEquals(code, body.get("code"), response.body());
        assertTrue(body.get("message") instanceof String m && !m.isEmpty());
    }

    @Test
    void authenticationErrorsFollowWavesTable() throws Exception {
        start(WaveSimulator.Settings.of(KEY));
        assertWaveError(post("/v1/checkout/sessions", VALID, "Content-Type", "application/json"), 401,
                "missing-auth-header");
        assertWaveError(post("/v1/checkout/sessions", VALID, "Authorization", "Basic " + KEY), 401, "invalid-auth");
        assertWaveError(post("/v1/checkout/sessions", VALID, "Authorization", "Bearer wave_sn_prod_other"), 401,
                "no-matching-api-key");
        assertEquals(0, simulator.createRequests("pay_1"));
    }

    @Test
    void aValidCreateAnswersAnOpenSessionWithALaunchUrl() throws Exception {
        start(WaveSimulator.Settings.of(KEY));
        HttpResponse<String> r = post("/v1/checkout/sessions", VALID, "Authorization", "Bearer " + KEY,
                "Content-Type", "application/json");
        assertEquals(200, r.statusCode(), r.body());
        Map<String, Object> s = json(r);
        assertTrue(((String) s.get("id")).startsWith("cos-"));
        assertEquals("1000", s.get("amount"));
        assertEquals("XOF", s.get("currency"));
        assertEquals("open", s.get("checkout_status"));
        assertEquals("processing", s.get("payment_status"));
        assertEquals("pay_1", s.get("client_reference"));
        assertNull(s.get("transaction_id"));
        assertEquals("2026-01-01T10:00:00Z", s.get("when_created"));
        assertEquals("2026-01-01T10:30:00Z", s.get("when_expires"));
        assertTrue(((String) s.get("wave_launch_url")).startsWith(simulator.baseUrl() + "/c/" + s.get("id")));
        assertEquals(1, simulator.createRequests("pay_1"));
        assertEquals(1, simulator.sessionsCreated("pay_1"));
    }

    @Test
    void invalidCreatesAreRefusedWithRequestValidationError() throws Exception {
        start(WaveSimulator.Settings.of(KEY));
        List<String> invalid = List.of(
                VALID.replace("\"1000\"", "1000"),                      // amount as a number
                VALID.replace("\"1000\"", "\"1000.50\""),               // decimals in XOF
                VALID.replace("\"1000\"", "\"01000\""),                 // leading zero
                VALID.replace("\"1000\"", "\"-5\""),                    // negative
                VALID.replace("\"XOF\"", "\"XAF\""),                    // a currency Wave does not collect
                VALID.replace("\"https://shop.example/ok\"", "\"http://shop.example/ok\""), // not https
                VALID.replace(",\"success_url\":\"https://shop.example/ok\"", ""),           // missing success_url
                VALID.replace("}", ",\"amout\":\"1\"}"),                // unknown field (a typo)
                VALID.replace("}", ",\"restrict_payer_mobile\":\"77 123 45 67\"}"), // not E.164
                "{\"amount\":\"1000\"",                                 // not JSON
                "[" + VALID + "]");                                     // not an object
        for (String body : invalid) {
            HttpResponse<String> r = post("/v1/checkout/sessions", body, "Authorization", "Bearer " + KEY,
                    "Content-Type", "application/json");
            assertWaveError(r, 400, "request-validation-error");
        }
        assertWaveError(post("/v1/checkout/sessions", VALID, "Authorization", "Bearer " + KEY,
                "Content-Type", "text/plain"), 400, "request-validation-error");
        assertEquals(0, simulator.sessionCount());
    }

    @Test
    void aKeyThatRequiresSigningRefusesUnsignedWronglySignedAndStaleRequests() throws Exception {
        start(WaveSimulator.Settings.of(KEY).withSigningSecret(SIGNING));
        String[] base = {"Authorization", "Bearer " + KEY, "Content-Type", "application/json"};
        assertWaveError(post("/v1/checkout/sessions", VALID, base), 401, "invalid-signature");

        long t = clock.instant().getEpochSecond();
        String good = "t=" + t + ",v1=" + WaveSimulator.hmacHex(SIGNING, Long.toString(t), VALID.getBytes(StandardCharsets.UTF_8));
        String wrongSecret = "t=" + t + ",v1=" + WaveSimulator.hmacHex("wave_sn_AKS_other", Long.toString(t),
                VALID.getBytes(StandardCharsets.UTF_8));
        String otherBody = "t=" + t + ",v1=" + WaveSimulator.hmacHex(SIGNING, Long.toString(t),
                VALID.replace("1000", "1").getBytes(StandardCharsets.UTF_8));
        long old = t - 600;
        String stale = "t=" + old + ",v1=" + WaveSimulator.hmacHex(SIGNING, Long.toString(old),
                VALID.getBytes(StandardCharsets.UTF_8));
        for (String header : List.of(wrongSecret, otherBody, stale, "v1=abc", "t=" + t)) {
            assertWaveError(post("/v1/checkout/sessions", VALID, "Authorization", "Bearer " + KEY,
                    "Content-Type", "application/json", "Wave-Signature", header), 401, "invalid-signature");
        }
        assertEquals(0, simulator.sessionCount());

        HttpResponse<String> ok = post("/v1/checkout/sessions", VALID, "Authorization", "Bearer " + KEY,
                "Content-Type", "application/json", "Wave-Signature", good);
        assertEquals(200, ok.statusCode(), ok.body());
        // a GET is signed over the empty body
        String getSignature = "t=" + t + ",v1=" + WaveSimulator.hmacHex(SIGNING, Long.toString(t), new byte[0]);
        HttpResponse<String> read = get("/v1/checkout/sessions/" + json(ok).get("id"), "Authorization", "Bearer " + KEY,
                "Wave-Signature", getSignature);
        assertEquals(200, read.statusCode(), read.body());
        assertWaveError(get("/v1/checkout/sessions/" + json(ok).get("id"), "Authorization", "Bearer " + KEY), 401,
                "invalid-signature");
    }

    @Test
    void thePayerPaysThroughTheLaunchUrlAndIsSentToSuccessUrl() throws Exception {
        start(WaveSimulator.Settings.of(KEY));
        Map<String, Object> s = json(post("/v1/checkout/sessions", VALID, "Authorization", "Bearer " + KEY,
                "Content-Type", "application/json"));
        String id = (String) s.get("id");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create((String) s.get("wave_launch_url")))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("1000 XOF"));

        HttpResponse<String> paid = post("/c/" + id + "/pay", "");
        assertEquals(303, paid.statusCode());
        assertEquals("https://shop.example/ok", paid.headers().firstValue("Location").orElseThrow());
        Map<String, Object> after = json(get("/v1/checkout/sessions/" + id, "Authorization", "Bearer " + KEY));
        assertEquals("complete", after.get("checkout_status"));
        assertEquals("succeeded", after.get("payment_status"));
        assertNotNull(after.get("transaction_id"));
        assertNotNull(after.get("when_completed"));
        assertEquals(409, post("/c/" + id + "/pay", "").statusCode(), "a paid session cannot be paid again");

        Map<String, Object> search = json(get("/v1/checkout/sessions/search?client_reference=pay_1",
                "Authorization", "Bearer " + KEY));
        assertEquals(1, ((List<?>) search.get("result")).size());
        Map<String, Object> byTransaction = json(get("/v1/checkout/sessions?transaction_id=" + after.get("transaction_id"),
                "Authorization", "Bearer " + KEY));
        assertEquals(id, byTransaction.get("id"));
    }

    @Test
    void aFailedTryKeepsTheSessionOpenWithItsErrorAndAnUnpaidSessionExpires() throws Exception {
        start(WaveSimulator.Settings.of(KEY));
        String id = (String) json(post("/v1/checkout/sessions", VALID, "Authorization", "Bearer " + KEY,
                "Content-Type", "application/json")).get("id");
        HttpResponse<String> failed = post("/c/" + id + "/fail", "code=insufficient-funds",
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(303, failed.statusCode());
        assertEquals("https://shop.example/ko", failed.headers().firstValue("Location").orElseThrow());
        Map<String, Object> open = json(get("/v1/checkout/sessions/" + id, "Authorization", "Bearer " + KEY));
        assertEquals("open", open.get("checkout_status"));
        assertEquals("insufficient-funds", ((Map<?, ?>) open.get("last_payment_error")).get("code"));

        clock.advance(Duration.ofMinutes(30));
        Map<String, Object> expired = json(get("/v1/checkout/sessions/" + id, "Authorization", "Bearer " + KEY));
        assertEquals("expired", expired.get("checkout_status"));
        assertEquals("2026-01-01T10:30:00Z", expired.get("when_completed"));
        assertEquals(409, post("/c/" + id + "/pay", "").statusCode(), "an expired session cannot be paid");
        assertWaveError(get("/v1/checkout/sessions/cos-unknown", "Authorization", "Bearer " + KEY), 404,
                "checkout-session-not-found");
    }

    @Test
    void memoryIsBoundedOldestSessionsForgottenFirst() throws Exception {
        start(WaveSimulator.Settings.of(KEY).withMaxSessions(3));
        for (int i = 0; i < 5; i++) {
            assertEquals(200, post("/v1/checkout/sessions", VALID.replace("pay_1", "pay_" + i + "x"),
                    "Authorization", "Bearer " + KEY, "Content-Type", "application/json").statusCode());
        }
        assertEquals(3, simulator.sessionCount());
        assertEquals(0, simulator.sessionsCreated("pay_0x"));
        assertEquals(1, simulator.sessionsCreated("pay_4x"));
        HttpResponse<String> tooLarge = post("/v1/checkout/sessions", "x".repeat(70_000), "Authorization", "Bearer " + KEY,
                "Content-Type", "application/json");
        assertEquals(413, tooLarge.statusCode());
    }

    @Test
    void faultSwitchesAnswer5xxBeforeOrAfterCreatingAndCountEveryRequest() throws Exception {
        start(WaveSimulator.Settings.of(KEY));
        String[] h = {"Authorization", "Bearer " + KEY, "Content-Type", "application/json"};
        simulator.failNextCreatesBeforeCreating(1, 503);
        assertWaveError(post("/v1/checkout/sessions", VALID, h), 503, "internal-server-error");
        assertEquals(0, simulator.sessionsCreated("pay_1"));
        simulator.failNextCreatesAfterCreating(1, 500);
        assertWaveError(post("/v1/checkout/sessions", VALID, h), 500, "internal-server-error");
        assertEquals(1, simulator.sessionsCreated("pay_1"), "the worst 5xx: the session exists all the same");
        assertEquals(2, simulator.createRequests("pay_1"));
        simulator.failNextReads(1, 502);
        assertEquals(502, get("/v1/checkout/sessions/search?client_reference=pay_1", "Authorization", "Bearer " + KEY)
                .statusCode());
        assertEquals(200, get("/v1/checkout/sessions/search?client_reference=pay_1", "Authorization", "Bearer " + KEY)
                .statusCode());
    }
}

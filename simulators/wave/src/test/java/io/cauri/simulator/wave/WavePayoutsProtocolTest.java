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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Payout API and the checkout refund, strictly: raw HTTP requests as any client would send them. */
class WavePayoutsProtocolTest {
    private static final String KEY = "wave_sn_prod_test-key";
    private static final String PAYOUT = "{\"currency\":\"XOF\",\"receive_amount\":\"5000\",\"mobile\":\"%s\","
            + "\"name\":\"Awa\",\"client_reference\":\"tr_1\"}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private WaveSimulator simulator;

    @AfterEach
    void stop() {
        simulator.close();
    }

    private void start() throws Exception {
        simulator = WaveSimulator.start(WaveSimulator.Settings.of(KEY).withClock(clock), 0);
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + path))
                .header("Authorization", "Bearer " + KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return Json.object(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPayoutIsIdempotentOnItsKeyAndProcessingThenSucceeded() throws Exception {
        start();
        simulator.payouts().payoutDelay(Duration.ofMinutes(1));
        HttpResponse<String> first = post("/v1/payout", PAYOUT.formatted("+221771234567"), "tr_1");
        assertEquals(200, first.statusCode(), first.body());
        Map<String, Object> payout = json(first);
        assertTrue(((String) payout.get("id")).startsWith("pt-"));
        assertEquals("processing", payout.get("status"));
        assertEquals("5000", payout.get("receive_amount"));
        assertEquals("50", payout.get("fee"));

        assertEquals(payout.get("id"), json(post("/v1/payout", PAYOUT.formatted("+221771234567"), "tr_1")).get("id"));
        assertEquals(409, post("/v1/payout", PAYOUT.formatted("+221771234568"), "tr_1").statusCode(),
                "the same key with another body");
        assertEquals(1, simulator.payouts().created("tr_1"));
        assertEquals(3, simulator.payouts().requests("tr_1"));

        clock.advance(Duration.ofMinutes(2));
        assertEquals("succeeded", json(get("/v1/payout/" + payout.get("id"))).get("status"));
        List<?> found = (List<?>) json(get("/v1/payouts/search?client_reference=tr_1")).get("result");
        assertEquals(1, found.size());
        assertEquals(200, post("/v1/payout/" + payout.get("id") + "/reverse", "", null).statusCode());
        assertEquals("reversed", json(get("/v1/payout/" + payout.get("id"))).get("status"));
        assertEquals(404, get("/v1/payout/pt-unknown").statusCode());
    }

    @Test
    void aPayoutToAFailingNumberCarriesItsPayoutError() throws Exception {
        start();
        Map<String, Object> payout = json(post("/v1/payout", PAYOUT.formatted("+221700000003"), "tr_2"));
        assertEquals("failed", payout.get("status"));
        assertEquals("recipient-account-blocked", ((Map<?, ?>) payout.get("payout_error")).get("error_code"));
    }

    @Test
    void aPayoutWithoutAKeyOrWithWavesWrongTypesIsRefused() throws Exception {
        start();
        for (String[] bad : List.of(new String[]{PAYOUT.formatted("+221771234567"), null},
                new String[]{PAYOUT.formatted("+221771234567").replace("\"5000\"", "5000"), "k1"},
                new String[]{PAYOUT.formatted("221771234567"), "k2"},
                new String[]{PAYOUT.formatted("+221771234567").replace("XOF", "EUR"), "k3"},
                new String[]{PAYOUT.formatted("+221771234567").replace("\"name\"", "\"amount\""), "k4"},
                new String[]{PAYOUT.formatted("+221771234567").replace("}", ",\"payment_reason\":\"" + "x".repeat(41) + "\"}"), "k5"})) {
            HttpResponse<String> response = post("/v1/payout", bad[0], bad[1]);
            assertEquals(400, response.statusCode(), bad[0]);
            assertEquals("request-validation-error", json(response).get("code"));
        }
        assertEquals(0, simulator.payouts().created("tr_1"));
    }

    @Test
    void aPaidSessionIsRefundedOnceInFull() throws Exception {
        start();
        String session = (String) json(post("/v1/checkout/sessions", "{\"amount\":\"1000\",\"currency\":\"XOF\","
                + "\"error_url\":\"https://shop.example/ko\",\"success_url\":\"https://shop.example/ok\"}", null)).get("id");
        assertEquals(400, post("/v1/checkout/sessions/" + session + "/refund", "", null).statusCode(), "not paid yet");
        simulator.pay(session);
        assertEquals(200, post("/v1/checkout/sessions/" + session + "/refund", "", null).statusCode());
        HttpResponse<String> again = post("/v1/checkout/sessions/" + session + "/refund", "", null);
        assertEquals(409, again.statusCode());
        assertEquals("checkout-session-already-refunded", json(again).get("code"));
        assertEquals(404, post("/v1/checkout/sessions/cos-unknown/refund", "", null).statusCode());
        assertEquals(1, simulator.refunds(session));
    }
}

package io.cauri.retrieveintent;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import io.cauri.token.IntentTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Rate limits of {@code GET /payment-intents/{id}} and {@code …/status} (5 / 5 s per id and source IP, by
 * API key; by token not limited; polling an idle intent past the limit bans the IP from the route for 10
 * minutes), and the security and CORS headers, through the real handler against DynamoDB Local.
 */
class HttpEdgeTest {
    static MovableClock clock;
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        clock = HttpEdge.windowAlignedClock();
        function = HttpEdge.limitedFunction(clock);
        merchant = TestMerchants.fresh();
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static PaymentIntent open() {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), Mode.SANDBOX),
                new IntentLifecycle.NewIntent("order 42", "cust-7", 2500, Currency.XOF, null));
    }

    static ApiGatewayEvents byKey(String path, String ip) {
        return ApiGatewayEvents.get(path).auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox").sourceIp(ip);
    }

    @Test
    void eachIdIsLimitedApartFiveInFiveSecondsByApiKey() {
        // unknown intents (404): no status is read, so going past the limit is a plain 429, never a ban
        String ip = HttpEdge.freshIp();
        String unknown = Ids.next(Ids.INTENT);
        HttpEdge.assertRow("GET /payment-intents/{id} (per id)", function, clock, 5, 5,
                () -> byKey("/payment-intents/" + unknown, ip));
        String other = Ids.next(Ids.INTENT);
        HttpEdge.assertRow("GET /payment-intents/{id}/status (per id)", function, clock, 5, 5,
                () -> byKey("/payment-intents/" + other + "/status", ip));
        // another id in the same window has a count of its own
        Response anotherId = function.handle(byKey("/payment-intents/" + Ids.next(Ids.INTENT), ip));
        assertEquals(404, anotherId.status(), anotherId.body());
        assertEquals("4", anotherId.header("RateLimit-Remaining"));
    }

    @Test
    void pollingAnIdleIntentPastItsLimitBansTheAddressFromTheRouteForTenMinutes() {
        String ip = HttpEdge.freshIp();
        PaymentIntent idle = open(); // payment_required
        String status = "/payment-intents/" + idle.id() + "/status";
        for (int i = 1; i <= 5; i++) {
            assertEquals(200, function.handle(byKey(status, ip)).status());
        }
        Response banned = function.handle(byKey(status, ip));
        HttpEdge.assertRateLimited(banned, "ban", 5, 600);

        // the ban outlives the window, covers every id on the route, and not the other route
        clock.advance(Duration.ofSeconds(5));
        HttpEdge.assertRateLimited(function.handle(byKey(status, ip)), "ban after 5 s", 5, 595);
        PaymentIntent another = open();
        HttpEdge.assertRateLimited(function.handle(byKey("/payment-intents/" + another.id() + "/status", ip)),
                "ban on another id", 5, 595);
        assertEquals(200, function.handle(byKey("/payment-intents/" + idle.id(), ip)).status(), "the retrieve route is not banned");
        assertEquals(200, function.handle(byKey(status, HttpEdge.freshIp())).status(), "another address is not banned");

        clock.advance(Duration.ofSeconds(594));
        HttpEdge.assertRateLimited(function.handle(byKey(status, ip)), "ban 1 s before its end", 5, 1);
        clock.advance(Duration.ofSeconds(1));
        Response after = function.handle(byKey(status, ip));
        assertEquals(200, after.status(), after.body());
        System.out.println("polling ban: 6th poll of a payment_required intent in 5 s -> 429 Retry-After 600; "
                + "still 429 after 5 s (Retry-After 595) on any id of the route; 200 again after 600 s");
    }

    @Test
    void tokenPollingIsNeverLimitedNorBanned() {
        String ip = HttpEdge.freshIp();
        PaymentIntent intent = open();
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        // the address is banned for API-key polling first: token polling goes on regardless
        for (int i = 0; i < 6; i++) {
            function.handle(byKey("/payment-intents/" + intent.id() + "/status", ip));
        }
        int polls = 0;
        for (String suffix : new String[]{"", "/status"}) {
            for (int i = 0; i < 60; i++) { // 12 times the limit, within one window
                Response response = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + suffix)
                        .query("token", token).sourceIp(ip));
                assertEquals(200, response.status(), response.body());
                assertNull(response.header("RateLimit-Limit"), "token polling is not counted");
                polls++;
            }
        }
        System.out.println("token polling: " + polls + " polls in one 5 s window (limit 5 by key), all 200, none counted");
    }

    @Test
    void aTokenThatDoesNotVerifyIsCountedLikeAnyCaller() {
        String ip = HttpEdge.freshIp();
        PaymentIntent intent = open();
        String otherIntentsToken = function.context().getBean(IntentTokens.class).issue(open());
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < 300; i++) { // one window: garbage, and a real token of another intent
            String token = i % 2 == 0 ? "garbage-" + i : otherIntentsToken;
            Response response = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id())
                    .query("token", token).sourceIp(ip));
            if (response.status() == 401) {
                unauthorized++;
            } else {
                assertEquals(429, response.status(), response.body());
                assertEquals("rate_limited", response.json().get("code").asText());
                limited++;
            }
        }
        assertEquals(5, unauthorized, "only the limit's worth reach the token check");
        assertEquals(295, limited);
        System.out.println("300 bad tokens from one IP in one window: " + unauthorized + " x 401, " + limited + " x 429");
    }

    @Test
    void aPercentEncodedIdIsCountedAndBannedWithThePlainOne() {
        String ip = HttpEdge.freshIp();
        PaymentIntent idle = open(); // payment_required
        String id = idle.id();
        // pi_A… sent as pi_%41…: the same intent to the router, so the same count to the limiter
        String encoded = "pi_%" + String.format("%02X", (int) id.charAt(3)) + id.substring(4);
        for (int i = 1; i <= 5; i++) {
            String path = "/payment-intents/" + (i % 2 == 0 ? encoded : id) + "/status";
            Response response = function.handle(byKey(path, ip));
            assertEquals(200, response.status(), response.body());
            assertEquals(Integer.toString(5 - i), response.header("RateLimit-Remaining"), path);
        }
        Response banned = function.handle(byKey("/payment-intents/" + encoded + "/status", ip));
        HttpEdge.assertRateLimited(banned, "encoded id past the limit of the plain one", 5, 600);
        HttpEdge.assertRateLimited(function.handle(byKey("/payment-intents/" + id + "/st%61tus", ip)),
                "encoded route segment, same ban", 5, 600);
        System.out.println("percent-encoded id " + encoded + ": counted with " + id + ", 6th poll -> ban (Retry-After 600)");
    }

    @Test
    void anOverlongPathSegmentIsA414NotA500() {
        String ip = HttpEdge.freshIp();
        String segment = "pi_" + "A".repeat(3000);
        for (String path : new String[]{"/payment-intents/" + segment, "/payment-intents/" + segment + "/status",
                "/" + segment}) {
            Response response = function.handle(byKey(path, ip));
            assertEquals(414, response.status(), response.body());
            assertEquals("uri_too_long", response.json().get("code").asText());
            HttpEdge.assertSecurityHeaders(response, "3 KB path segment");
        }
        // just under the bound: counted under a hashed key, answered 404
        Response longId = function.handle(byKey("/payment-intents/pi_" + "B".repeat(1000), ip));
        assertEquals(404, longId.status(), longId.body());
        assertEquals("4", longId.header("RateLimit-Remaining"));
    }

    @Test
    void aLimiterThatCannotCountAnswers503BeforeAnyDomainWork() {
        // the windows table is missing: the limiter's DynamoDB call fails, the request is refused, never let through
        try (LocalFunction broken = new LocalFunction(Map.of("cauri.rate-limits.enabled", true,
                "cauri.tables.rate-limits", "cauri-no-such-table"), clock)) {
            Response response = broken.handle(byKey("/payment-intents/" + open().id(), HttpEdge.freshIp()));
            assertEquals(503, response.status(), response.body());
            assertEquals("service_unavailable", response.json().get("code").asText());
            HttpEdge.assertSecurityHeaders(response, "GET /payment-intents/{id} with the limiter's table down (503)");
        }
    }

    @Test
    void securityHeadersOnEveryResponseAndCorsOnlyOnTheBrowserRoutes() {
        PaymentIntent intent = open();
        String token = function.context().getBean(IntentTokens.class).issue(intent);
        Response byToken = function.handle(ApiGatewayEvents.get("/payment-intents/" + intent.id() + "/status")
                .query("token", token).sourceIp(HttpEdge.freshIp()));
        HttpEdge.assertSecurityHeaders(byToken, "GET /payment-intents/{id}/status?token=");
        assertEquals("*", byToken.header("Access-Control-Allow-Origin"));
        Response refused = function.handle(ApiGatewayEvents.get("/api/v1/payment-intents/" + intent.id())
                .header("Authorization", "Bearer nope").sourceIp(HttpEdge.freshIp()));
        assertEquals(401, refused.status(), refused.body());
        HttpEdge.assertSecurityHeaders(refused, "GET /api/v1/payment-intents/{id} (bad key)");
        Response v1 = function.handle(ApiGatewayEvents.get("/api/v1/payment-intents/" + intent.id())
                .header("Authorization", "Bearer " + merchant.sandboxKey()).sourceIp(HttpEdge.freshIp()));
        assertEquals(200, v1.status(), v1.body());
        HttpEdge.assertNoCors(v1, "GET /api/v1/payment-intents/{id}");

        Response preflight = function.handle(ApiGatewayEvents.request("OPTIONS", "/payment-intents/" + intent.id() + "/status")
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "GET")
                .sourceIp(HttpEdge.freshIp()));
        assertEquals(204, preflight.status(), preflight.body());
        assertEquals("*", preflight.header("Access-Control-Allow-Origin"));
        assertEquals("GET", preflight.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type, Idempotency-Key", preflight.header("Access-Control-Allow-Headers"));
        HttpEdge.assertSecurityHeaders(preflight, "OPTIONS /payment-intents/{id}/status (preflight)");
        Response serverPreflight = function.handle(ApiGatewayEvents.request("OPTIONS", "/api/v1/payment-intents/" + intent.id())
                .header("Origin", "https://shop.example").header("Access-Control-Request-Method", "GET")
                .sourceIp(HttpEdge.freshIp()));
        assertNull(serverPreflight.header("Access-Control-Allow-Origin"), "no CORS preflight on a server route");
        System.out.println("CORS: preflight 204 on the token route, none on the server route (" + serverPreflight.status() + ")");
    }
}

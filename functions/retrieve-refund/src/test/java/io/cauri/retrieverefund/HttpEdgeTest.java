package io.cauri.retrieverefund;

import io.cauri.id.Ids;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutBooks;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rate limits of {@code GET /refunds/{id}} (5 / 5 s per id and source IP; {@code GET /api/v1/refunds/{id}} in the
 * default row, 50 / 5 s), a percent-encoded id counted with the plain one, an overlong path segment answered 414,
 * and the security headers without CORS (server routes), through the real handler against DynamoDB Local.
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

    /** The clock at the start of the next 30-second window (so of every 5-second one): rows start afresh. */
    static void align() {
        clock.advance(Duration.ofSeconds(30 - Math.floorMod(clock.instant().getEpochSecond(), 30)));
    }

    static String stored() {
        MoneyOutBooks.fund(merchant.merchantId(), Mode.SANDBOX, 1000, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return MoneyOutBooks.createRefund(merchant.merchantId(), Mode.SANDBOX, 1000, Instant.now().truncatedTo(ChronoUnit.MILLIS)).id();
    }

    static ApiGatewayEvents byKey(String path, String ip) {
        return ApiGatewayEvents.get(path).auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox").sourceIp(ip);
    }

    @Test
    void eachIdIsLimitedApartFiveInFiveSeconds() {
        align();
        String ip = HttpEdge.freshIp();
        String id = stored();
        HttpEdge.assertRow("GET /refunds/{id} (per id)", function, clock, 5, 5, () -> byKey("/refunds/" + id, ip));
        // another id in the same window has a count of its own; an unknown one is counted too (404)
        Response anotherId = function.handle(byKey("/refunds/" + Ids.next(Ids.REFUND), ip));
        assertEquals(404, anotherId.status(), anotherId.body());
        assertEquals("4", anotherId.header("RateLimit-Remaining"));
    }

    @Test
    void theV1RouteIsInTheDefaultRow() {
        align();
        String ip = HttpEdge.freshIp();
        String id = stored();
        HttpEdge.assertRow("everything else (GET /api/v1/refunds/{id})", function, clock, 50, 5,
                () -> ApiGatewayEvents.get("/api/v1/refunds/" + id).header("Authorization", "Bearer " + merchant.sandboxKey())
                        .sourceIp(ip));
    }

    @Test
    void aPercentEncodedIdIsCountedWithThePlainOne() {
        align();
        String ip = HttpEdge.freshIp();
        String id = stored();
        // x_A… sent as x_%41…: the same object to the router, so the same count to the limiter
        int at = id.indexOf('_') + 1;
        String encoded = id.substring(0, at) + "%" + String.format("%02X", (int) id.charAt(at)) + id.substring(at + 1);
        for (int i = 1; i <= 5; i++) {
            String path = "/refunds/" + (i % 2 == 0 ? encoded : id);
            Response response = function.handle(byKey(path, ip));
            assertEquals(200, response.status(), response.body());
            assertEquals(Integer.toString(5 - i), response.header("RateLimit-Remaining"), path);
        }
        HttpEdge.assertRateLimited(function.handle(byKey("/refunds/" + encoded, ip)), "encoded id past the limit", 5,
                5 - Math.floorMod(clock.instant().getEpochSecond(), 5));
    }

    @Test
    void anOverlongPathSegmentIsA414NotA500() {
        String ip = HttpEdge.freshIp();
        String segment = "re_" + "A".repeat(3000);
        for (String path : new String[]{"/refunds/" + segment, "/api/v1/refunds/" + segment}) {
            Response response = function.handle(byKey(path, ip));
            assertEquals(414, response.status(), response.body());
            assertEquals("uri_too_long", response.json().get("code").asText());
            HttpEdge.assertSecurityHeaders(response, "3 KB path segment");
        }
    }

    @Test
    void securityHeadersAndNoCorsOnBothRoutes() {
        String id = stored();
        Response hub2 = function.handle(byKey("/refunds/" + id, HttpEdge.freshIp()));
        assertEquals(200, hub2.status(), hub2.body());
        HttpEdge.assertSecurityHeaders(hub2, "GET /refunds/{id}");
        HttpEdge.assertNoCors(hub2, "GET /refunds/{id}");
        Response v1 = function.handle(ApiGatewayEvents.get("/api/v1/refunds/" + id)
                .header("Authorization", "Bearer " + merchant.sandboxKey()).sourceIp(HttpEdge.freshIp()));
        assertEquals(200, v1.status(), v1.body());
        HttpEdge.assertSecurityHeaders(v1, "GET /api/v1/refunds/{id}");
        HttpEdge.assertNoCors(v1, "GET /api/v1/refunds/{id}");
        Response refused = function.handle(ApiGatewayEvents.get("/api/v1/refunds/" + id)
                .header("Authorization", "Bearer nope").sourceIp(HttpEdge.freshIp()));
        assertEquals(401, refused.status(), refused.body());
        HttpEdge.assertSecurityHeaders(refused, "GET /api/v1/refunds/{id} (bad key)");
    }
}

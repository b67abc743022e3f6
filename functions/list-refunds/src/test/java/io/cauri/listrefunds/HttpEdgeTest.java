package io.cauri.listrefunds;

import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rate-limit rows of {@code GET /refunds} (1 / 30 s) and of {@code GET /api/v1/refunds} (everything else, 50 / 5 s),
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

    static ApiGatewayEvents byKey(ApiGatewayEvents event, String ip) {
        return event.auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox").sourceIp(ip);
    }

    @Test
    void listIsOncePerThirtySeconds() {
        align();
        String ip = HttpEdge.freshIp();
        HttpEdge.assertRow("GET /refunds", function, clock, 1, 30, () -> byKey(ApiGatewayEvents.get("/refunds"), ip));
    }

    @Test
    void theV1ListIsInTheDefaultRow() {
        align();
        String ip = HttpEdge.freshIp();
        HttpEdge.assertRow("everything else (GET /api/v1/refunds)", function, clock, 50, 5,
                () -> ApiGatewayEvents.get("/api/v1/refunds").header("Authorization", "Bearer " + merchant.sandboxKey())
                        .sourceIp(ip));
    }

    @Test
    void securityHeadersAndNoCorsOnBothRoutes() {
        Response hub2 = function.handle(byKey(ApiGatewayEvents.get("/refunds"), HttpEdge.freshIp()));
        assertEquals(200, hub2.status(), hub2.body());
        HttpEdge.assertSecurityHeaders(hub2, "GET /refunds");
        HttpEdge.assertNoCors(hub2, "GET /refunds");
        Response v1 = function.handle(ApiGatewayEvents.get("/api/v1/refunds")
                .header("Authorization", "Bearer " + merchant.sandboxKey()).sourceIp(HttpEdge.freshIp()));
        assertEquals(200, v1.status(), v1.body());
        HttpEdge.assertSecurityHeaders(v1, "GET /api/v1/refunds");
        HttpEdge.assertNoCors(v1, "GET /api/v1/refunds");
    }
}

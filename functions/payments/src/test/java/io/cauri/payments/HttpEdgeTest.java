package io.cauri.payments;

import io.cauri.id.Ids;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.HttpEdge;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MovableClock;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rate-limit rows of {@code GET /payments} (1 / 30 s) and of everything else (50 / 5 s), and the security headers through the real handler against DynamoDB Local. */
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

    static ApiGatewayEvents byKey(ApiGatewayEvents event, String ip) {
        return event.auth(merchant.merchantId(), merchant.sandboxKey(), "sandbox").sourceIp(ip);
    }

    @Test
    void listPaymentsIsOncePerThirtySeconds() {
        String ip = HttpEdge.freshIp();
        HttpEdge.assertRow("GET /payments", function, clock, 1, 30,
                () -> byKey(ApiGatewayEvents.get("/payments"), ip));
    }

    @Test
    void everythingElseIsFiftyInFiveSeconds() {
        // GET /payments/{id}/status is in no row of its own: the default row, one count for all such routes
        String ip = HttpEdge.freshIp();
        HttpEdge.assertRow("everything else (GET /payments/{id}/status)", function, clock, 50, 5,
                () -> byKey(ApiGatewayEvents.get("/payments/" + Ids.next(Ids.PAYMENT) + "/status"), ip));
    }

    @Test
    void securityHeadersAndNoCorsOnTheServerRoute() {
        Response response = function.handle(byKey(ApiGatewayEvents.get("/payments"), HttpEdge.freshIp()));
        assertEquals(200, response.status(), response.body());
        HttpEdge.assertSecurityHeaders(response, "GET /payments");
        HttpEdge.assertNoCors(response, "GET /payments");
    }
}

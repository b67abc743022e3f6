package io.cauri.listintents;

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

/** The rate-limit row of {@code GET /payment-intents} (1 / 30 s) and the security headers through the real handler against DynamoDB Local. */
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
    void listIntentsIsOncePerThirtySeconds() {
        String ip = HttpEdge.freshIp();
        HttpEdge.assertRow("GET /payment-intents", function, clock, 1, 30,
                () -> byKey(ApiGatewayEvents.get("/payment-intents"), ip));
    }

    @Test
    void securityHeadersAndNoCorsOnTheServerRoute() {
        Response response = function.handle(byKey(ApiGatewayEvents.get("/payment-intents"), HttpEdge.freshIp()));
        assertEquals(200, response.status(), response.body());
        HttpEdge.assertSecurityHeaders(response, "GET /payment-intents");
        HttpEdge.assertNoCors(response, "GET /payment-intents");
    }
}

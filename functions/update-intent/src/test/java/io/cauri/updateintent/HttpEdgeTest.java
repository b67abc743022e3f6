package io.cauri.updateintent;

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

/** Security headers of {@code PATCH /api/v1/payment-intents/{id}}, a server route without CORS, through the real handler against DynamoDB Local. */
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


    @Test
    void securityHeadersAndNoCors() {
        Response response = function.handle(ApiGatewayEvents.request("PATCH", "/api/v1/payment-intents/" + Ids.next(Ids.INTENT))
                .header("Content-Type", "application/json").body("{\"description\":\"x\"}")
                .header("Authorization", "Bearer " + merchant.sandboxKey()).sourceIp(HttpEdge.freshIp()));
        assertEquals(404, response.status(), response.body());
        HttpEdge.assertSecurityHeaders(response, "PATCH /api/v1/payment-intents/{id} (404)");
        HttpEdge.assertNoCors(response, "PATCH /api/v1/payment-intents/{id}");
    }
}

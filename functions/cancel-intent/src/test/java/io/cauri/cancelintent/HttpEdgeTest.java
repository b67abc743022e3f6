package io.cauri.cancelintent;

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

/** Security headers of {@code POST /api/v1/payment-intents/{id}/cancel}, a server route without CORS, through the real handler against DynamoDB Local. */
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
        Response response = function.handle(ApiGatewayEvents.post("/api/v1/payment-intents/" + Ids.next(Ids.INTENT) + "/cancel", "{}")
                .header("Authorization", "Bearer " + merchant.sandboxKey()).sourceIp(HttpEdge.freshIp()));
        assertEquals(404, response.status(), response.body());
        HttpEdge.assertSecurityHeaders(response, "POST /api/v1/payment-intents/{id}/cancel (404)");
        HttpEdge.assertNoCors(response, "POST /api/v1/payment-intents/{id}/cancel");
    }
}

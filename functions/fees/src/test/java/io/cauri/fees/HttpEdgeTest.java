package io.cauri.fees;

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

/** The rate-limit row of {@code GET /payment-intents/{id}/payment-fees} (75 / 10 s) and the security and CORS headers through the real handler against DynamoDB Local. */
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
    void feesAreSeventyFiveInTenSeconds() {
        String ip = HttpEdge.freshIp();
        String path = "/payment-intents/" + Ids.next(Ids.INTENT) + "/payment-fees";
        HttpEdge.assertRow("GET /payment-intents/{id}/payment-fees", function, clock, 75, 10,
                () -> ApiGatewayEvents.get(path).query("country", "CI").query("provider", "orange")
                        .query("paymentMethod", "mobile_money").query("token", "not-a-token").sourceIp(ip));
    }

    @Test
    void securityHeadersAndCorsOnTheBrowserRoute() {
        Response response = function.handle(ApiGatewayEvents.get("/payment-intents/" + Ids.next(Ids.INTENT) + "/payment-fees")
                .query("token", "not-a-token").sourceIp(HttpEdge.freshIp()));
        assertEquals(401, response.status(), response.body());
        HttpEdge.assertSecurityHeaders(response, "GET /payment-intents/{id}/payment-fees (401)");
        assertEquals("*", response.header("Access-Control-Allow-Origin"));
    }
}
